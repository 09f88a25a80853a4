"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { useWhen } from "@/app/_ui/use-when";
import { useConnection } from "@/client/connection";
import type { ReceiptRow, ReceiptView } from "@/client/warehouse/read-model";
import type { TReceiptStatus } from "@/domain/warehouse/model";
import { materialName } from "./receive-lines";
import { TagPngLinks } from "./tag-png-links";

export const RECEIPT_TONE: Record<TReceiptStatus, "warn" | "info" | "ok"> = { awaiting_inspection: "warn", inspected: "info", labelled: "ok" };

/** The receipt's number, or "number on sync" while only on this phone; its status; queued or refused. */
export function ReceiptHead({ r }: { r: ReceiptRow }) {
  const t = useTranslations("warehousePhone.receipt");
  const tw = useTranslations("warehouse");
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        {r.code ? (
          <strong className="mono" data-testid="receipt-code">
            {r.code}
          </strong>
        ) : (
          <span className="muted" data-testid="receipt-code">
            {t("numberOnSync")}
          </span>
        )}
        <span className="badge" data-tone={RECEIPT_TONE[r.status]} data-testid="receipt-status" style={{ whiteSpace: "normal" }}>
          {tw(`receiptStatus.${r.status}`)}
        </span>
      </div>
      {(r.queued || r.refused !== null) && (
        <div className="row" style={{ marginTop: 6 }}>
          {r.queued && (
            <span className="pending-mark small" data-testid="receipt-queued">
              <Icon name="upload" size={16} />
              {t("queued")}
            </span>
          )}
          {r.refused !== null && (
            <Link href="/attention" prefetch={false} className="badge" data-tone="bad" data-testid="receipt-refused" data-code={r.refused}>
              {t("refused")}
            </Link>
          )}
        </div>
      )}
    </>
  );
}

/** Print the tags: online, the label printer's PDF and each label as PNG; offline, it says printing waits for the connection. */
function PrintTags({ tags }: { tags: string[] }) {
  const t = useTranslations("warehousePhone.receipt");
  const connection = useConnection();
  const [asked, setAsked] = useState(false);
  if (tags.length === 0) return null;
  if (connection === "online")
    return (
      <>
        <a className="btn block" href={`/api/warehouse/tags.pdf?tags=${tags.join(",")}`} target="_blank" rel="noopener" data-testid="print-tags">
          {t("print")}
        </a>
        <TagPngLinks tags={tags} summary={t("png", { n: tags.length })} />
      </>
    );
  return (
    <>
      <button type="button" className="btn secondary block" onClick={() => setAsked(true)} data-testid="print-tags" data-offline="true">
        {t("print")}
      </button>
      {asked && (
        <p className="alert" data-tone="info" role="status" data-testid="print-offline">
          {t("printOffline")}
        </p>
      )}
    </>
  );
}

/** One receipt as the keeper checks it after saving: head, lines with their tags, print, and labelling once inspected. */
export function ReceiptCard({ r }: { r: ReceiptView }) {
  const t = useTranslations("warehousePhone.receipt");
  const tt = useTranslations("status.item");
  const td = useTranslations("departments");
  const tu = useTranslations("warehouse.unit");
  const locale = useLocale();
  const when = useWhen();
  const tags = r.lines.flatMap((l) => l.tags.map((x) => x.tag));
  return (
    <section className="card stack" data-testid="receipt-card" data-id={r.id} data-code={r.code ?? ""} data-queued={r.queued} data-status={r.status}>
      <ReceiptHead r={r} />
      <p className="small" style={{ margin: 0 }}>
        <strong>{r.supplier}</strong> · <span className="mono">{r.deliveryNote}</span>
        <br />
        {td(r.department)} · <span className="mono">{r.purchaseRequest}</span> · {t("received", { when: when(r.receivedAt) })}
      </p>
      <PrintTags tags={tags} />
      {r.lines.map((l) => (
        <div key={l.id} data-testid="receipt-line" data-material={l.materialCode}>
          <strong>
            {l.lineNo}. {materialName(l, locale)}
          </strong>{" "}
          <span className="muted">
            × {l.quantity} {l.unit ? tu(l.unit) : ""}
          </span>
          <ul className="list" style={{ marginTop: 6 }}>
            {l.tags.map((x) => (
              <li
                key={x.tag}
                className="row"
                data-testid="receipt-tag"
                data-tag={x.tag}
                data-status={x.status}
                data-quantity={x.quantity}
                style={{ padding: "8px 12px" }}
              >
                <strong className="mono grow">{x.tag}</strong>
                <span className="small">{x.quantity}</span>
                <span className="badge" data-tone="muted">
                  {tt(x.status)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {r.status === "inspected" && (
        <Link className="btn block big-action" href={`/warehouse/label#${r.id}`} data-testid="receipt-label">
          {t("label")}
        </Link>
      )}
    </section>
  );
}
