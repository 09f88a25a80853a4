"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useWhen } from "@/app/_ui/use-when";
import { recentReceipts } from "@/client/warehouse/read-model";
import { ReceiptHead } from "./receipt-card";

/** The keeper's recent receipts with their status: the server's and this phone's queued ones (unnumbered until synced). */
export function ReceiptList({ href }: { href: (id: string, status: string) => string }) {
  const t = useTranslations("warehousePhone");
  const td = useTranslations("departments");
  const when = useWhen();
  const list = useReadCache("wh-receipts", (s, d) => recentReceipts(s, d));
  return (
    <section className="stack" data-testid="receipt-list">
      <h2 style={{ margin: "8px 0 0" }}>{t("list.title")}</h2>
      {!list.data ? (
        <p className="muted" aria-busy="true">
          {t("list.loading")}
        </p>
      ) : list.data.length === 0 ? (
        <p className="empty">{t("list.empty")}</p>
      ) : (
        <ul className="list">
          {list.data.map((r) => (
            <li
              key={r.id}
              className="link-card"
              data-testid="receipt-row"
              data-id={r.id}
              data-code={r.code ?? ""}
              data-queued={r.queued}
              data-status={r.status}
            >
              <Link href={href(r.id, r.status)}>
                <ReceiptHead r={r} />
                <div style={{ fontWeight: 800, marginTop: 4 }}>{r.supplier}</div>
                <div className="muted small">
                  {td(r.department)} · <span className="mono">{r.deliveryNote}</span> · {t("receipt.lineCount", { n: r.lineCount })} · {when(r.receivedAt)}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
