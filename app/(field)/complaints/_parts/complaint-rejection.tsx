"use client";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/app/_ui/use-when";
import { asQueuedComplaint } from "@/client/complaints/read-model";
import type { Rejected } from "@/client/sync/types";

/**
 * A complaint or inquiry the server refused, on "Needs attention": what was saved on this phone (kind, customer,
 * contact, the customer's words), so nothing the customer said is lost; it can be recorded again from a new form.
 */
export function ComplaintRejection({ rejection }: { rejection: Rejected }) {
  const t = useTranslations("complaintsPhone.rejection");
  const tc = useTranslations("complaints");
  const when = useDateTime();
  const c = rejection.original ? asQueuedComplaint(rejection.original) : null;
  if (!c) return null;
  const words = (rejection.original?.args as { words?: unknown } | null)?.words;
  return (
    <div className="stack" data-testid="complaint-rejection" data-id={c.id}>
      <p className="small">{t("attempted", { kind: tc(`kind.${c.kind}`), customer: c.customerName, contact: c.contact, when: when(c.receivedAt) })}</p>
      {typeof words === "string" && <p className="small">“{words}”</p>}
      <p className="muted small">{t("again")}</p>
    </div>
  );
}
