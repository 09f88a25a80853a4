"use client";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/app/_ui/use-when";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { receiptView } from "@/client/warehouse/read-model";
import { ReceiptHead } from "../../receive/_parts/receipt-card";
import { ReceiptList } from "../../receive/_parts/receipt-list";
import { useLease } from "../../receive/_parts/use-lease";
import { usePeople } from "../../receive/_parts/use-people";
import { TagLabelForm } from "./tag-label-form";

function Receipt({ id }: { id: string }) {
  const t = useTranslations("warehousePhone.label");
  const td = useTranslations("departments");
  const dateTime = useDateTime();
  const view = useReadCache(`wh-label:${id}`, (s, d) => receiptView(s, d, id));
  const zones = useReadCache("wh-zones", async (s) => (await s.getAll("zones")).map((z) => ({ ...z, holds: z.holds ?? null })));
  const people = usePeople();
  const lease = useLease();
  const r = view.data;
  if (view.loading) return <p className="muted">{t("saving")}</p>;
  if (!r)
    return (
      <p className="alert" data-tone="warn" data-testid="label-not-found">
        {t("notFound")}
      </p>
    );
  const tags = r.lines.flatMap((l) => l.tags);
  return (
    <div className="stack" data-testid="label-receipt" data-id={r.id} data-code={r.code ?? ""} data-status={r.status}>
      <section className="card">
        <ReceiptHead r={r} />
        <p className="small" style={{ margin: "6px 0 0" }}>
          <strong>{r.supplier}</strong> · <span className="mono">{r.deliveryNote}</span> · {td(r.department)}
        </p>
        {r.form && (
          <p className="small" data-testid="label-form" data-code={r.form.code} style={{ margin: "6px 0 0" }}>
            {t("form", { code: r.form.code, name: r.form.inspectorName ?? "", when: dateTime(r.form.signedAt) })}
          </p>
        )}
      </section>
      {r.queued ? (
        <p className="alert" data-tone="info" data-testid="label-waiting">
          {t("queuedReceipt")}
        </p>
      ) : !r.form ? (
        <p className="alert" data-tone="info" data-testid="label-waiting">
          {t("waiting", { department: td(r.department) })}
        </p>
      ) : (
        tags
          .filter((x) => x.form !== null)
          .map((x) => <TagLabelForm key={x.tag} tag={x} zones={zones.data ?? []} people={people.list} peopleKept={people.kept} lease={lease.state} />)
      )}
    </div>
  );
}

/** /warehouse/label#<receiptId>: the Quality Acceptance Form as the keeper labels by it; without a receipt, the receipts to open. */
export function LabelScreen() {
  const hash = useHash();
  if (hash === null) return null;
  if (/^[0-9a-f-]{36}$/i.test(hash)) return <Receipt key={hash} id={hash} />;
  return <ReceiptList href={(id) => `/warehouse/label#${id}`} />;
}
