"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useDateTime } from "@/app/_ui/use-when";
import { errorCode, useTRPC } from "@/client/trpc";
import { ReceiptStatusBadge } from "../../../_parts/badges";
import { TagPngLinks } from "../../../_parts/tag-png-links";
import type { TReceiptDetail } from "../../../_parts/types";
import { InspectForm } from "./inspect-form";
import { SignedForm } from "./signed-form";

/** A receipt's page: header facts, the lines and their tags, then the form to fill (inspector) or the form as signed. */
export function ReceiptScreen({ id }: { id: string }) {
  const t = useTranslations("warehouseOffice.receipt");
  const td = useTranslations("departments");
  const trpc = useTRPC();
  const when = useDateTime();
  const [notice, setNotice] = useState<string | null>(null);
  const get = useQuery(trpc.warehouse.receipt.queryOptions({ id }));
  if (get.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (get.isError) {
    const code = errorCode(get.error);
    if (code === "not_found" || code === "forbidden") return <p className="empty">{t("notFound")}</p>;
    return <ErrorText error={get.error} />;
  }
  const { receipt: r, form, can } = get.data;
  const tags = get.data.lines.flatMap((l) => l.items.map((i) => i.tag));
  return (
    <div className="stack" data-testid="receipt-detail" data-status={r.status} data-can-inspect={can.inspect}>
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      <header>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <h1 className="mono" data-testid="receipt-code">
            {r.code}
          </h1>
          <ReceiptStatusBadge status={r.status} />
        </div>
        <p className="muted small" style={{ margin: 0 }}>
          {r.supplier} · {t("deliveryNote", { note: r.deliveryNote })}
        </p>
      </header>
      <section className="card">
        <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
          <dt>{t("purchaseRequest")}</dt>
          <dd className="mono">{r.purchaseRequest}</dd>
          <dt>{t("department")}</dt>
          <dd data-testid="receipt-department">{td(r.department)}</dd>
          <dt>{t("received")}</dt>
          <dd>
            {when(r.receivedAt)} · {r.receivedByName}
          </dd>
          {r.note && (
            <>
              <dt>{t("note")}</dt>
              <dd style={{ fontWeight: 400, whiteSpace: "pre-wrap" }}>{r.note}</dd>
            </>
          )}
        </dl>
      </section>

      {can.inspect && !form ? (
        <InspectForm detail={get.data} onSigned={(code) => setNotice(t("signed", { code }))} />
      ) : (
        <>
          <Lines detail={get.data} />
          {form ? (
            <SignedForm form={form} detail={get.data} />
          ) : (
            <p className="alert" data-tone="info" data-testid="awaiting-form">
              {t("awaiting", { department: td(r.department) })}
            </p>
          )}
        </>
      )}
      {tags.length > 0 && (
        <a
          className="btn secondary block"
          href={`/api/warehouse/tags.pdf?tags=${encodeURIComponent(tags.join(","))}`}
          target="_blank"
          rel="noreferrer"
          data-testid="tags-pdf"
        >
          {t("tagsPdf", { n: tags.length })}
        </a>
      )}
      <TagPngLinks tags={tags} summary={t("tagsPng", { n: tags.length })} />
    </div>
  );
}

/** The lines as delivered, each tag with its quantity, label and zone now (the labelling state after the form). */
export function Lines({ detail }: { detail: TReceiptDetail }) {
  const t = useTranslations();
  const zh = useLocale().startsWith("zh");
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">{t("warehouseOffice.receipt.lines")}</h2>
      <ul className="list" data-testid="receipt-lines">
        {detail.lines.map((l) => (
          <li key={l.id} data-testid={`line-${l.lineNo}`}>
            <div className="title-row" style={{ flexWrap: "wrap" }}>
              <strong>
                {l.lineNo}. {zh ? l.materialNameZh : l.materialNameEn}
              </strong>
              <span className="badge" data-tone="info">
                {l.quantity} {t(`warehouse.unit.${l.unit}`)}
              </span>
            </div>
            <p className="muted small mono" style={{ margin: "2px 0 6px" }}>
              {l.materialCode}
              {l.supplierCode ? ` · ${l.supplierCode}` : ""}
            </p>
            <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {l.items.map((i) => (
                <li
                  key={i.id}
                  style={{
                    display: "grid",
                    gridTemplateColumns: "1fr auto",
                    gap: "2px 8px",
                    alignItems: "center",
                    borderTop: "1px solid var(--line)",
                    paddingTop: 6,
                  }}
                  data-testid={`tag-${i.tag}`}
                  data-status={i.status}
                >
                  <a className="mono tap-link" href={`/warehouse/items/${i.tag}`}>
                    {i.tag}
                  </a>
                  <span>
                    {i.quantity} {t(`warehouse.unit.${l.unit}`)}
                  </span>
                  <span>
                    <StatusBadge kind="item" status={i.status} />
                  </span>
                  <span className="muted small mono">{i.zoneCode ?? "—"}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
