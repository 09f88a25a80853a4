"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { workOrderSummaries } from "@/client/work-orders/read-model";

/** A scanned work-order code opens the order when it is one of the lineman's own (from the phone's copy). */
export function WorkOrderLink({ code }: { code: string }) {
  const t = useTranslations("scan");
  const found = useReadCache(
    `scan-wo:${code}`,
    async (store, deviceId) => (await workOrderSummaries(store, deviceId)).find((s) => s.workOrder.code === code) ?? null,
  );
  if (found.loading) return null;
  if (!found.data) {
    return (
      <p className="alert" data-tone="info" data-testid="scan-note" data-action="workOrder">
        {t("note.workOrderNotMine")}
      </p>
    );
  }
  return (
    <Link className="btn block big-action" href={`/work-orders#${found.data.workOrder.id}`} data-testid="scan-action" data-action="open-work-order">
      {t("openWorkOrder", { code })}
    </Link>
  );
}
