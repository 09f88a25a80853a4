"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useDateTime } from "@/app/_ui/use-when";
import { errorCode, useTRPC } from "@/client/trpc";
import { formVerdict } from "@/domain/warehouse/model";
import { ItemHistory } from "./item-history";

/** The item's facts (label, zone, quantity, material, receipt, form line, holder, person responsible), then its history. */
export function ItemScreen({ tag }: { tag: string }) {
  const t = useTranslations("warehouseOffice.item");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const when = useDateTime();
  const get = useQuery(trpc.warehouse.item.queryOptions({ tag }));
  if (get.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (get.isError) return errorCode(get.error) === "not_found" ? <p className="empty">{t("notFound", { tag })}</p> : <ErrorText error={get.error} />;
  const { item, material, receipt, formLine, history } = get.data;
  const zoneName = zh ? item.zoneNameZh : item.zoneNameEn;
  return (
    <div className="stack" data-testid="warehouse-item" data-status={item.status}>
      <header>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <h1 className="mono" data-testid="item-tag">
            {item.tagCode}
          </h1>
          <StatusBadge kind="item" status={item.status} />
        </div>
        <p style={{ margin: 0, fontWeight: 700 }}>{material ? (zh ? material.nameZh : material.nameEn) : item.name}</p>
      </header>
      <section className="card">
        <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
          <dt>{t("zone")}</dt>
          <dd>
            <span className="mono">{item.zoneCode ?? "—"}</span>
            {zoneName ? ` · ${zoneName}` : ""}
          </dd>
          <dt>{t("quantity")}</dt>
          <dd data-testid="item-quantity">{item.quantity}</dd>
          {item.materialCode && (
            <>
              <dt>{t("material")}</dt>
              <dd className="mono">{item.materialCode}</dd>
            </>
          )}
          {receipt && (
            <>
              <dt>{t("receipt")}</dt>
              <dd>
                <Link className="mono tap-link" href={`/warehouse/receipts/${receipt.id}`} data-testid="item-receipt">
                  {receipt.code}
                </Link>
                <span className="muted small" style={{ display: "block", fontWeight: 400 }}>
                  {receipt.supplier} · {t("deliveryNote", { note: receipt.deliveryNote })} · {when(receipt.receivedAt)}
                </span>
              </dd>
            </>
          )}
          {formLine && (
            <>
              <dt>{tr("warehouse.formName")}</dt>
              <dd data-testid="item-form">
                <span className="mono">{formLine.formCode}</span> · {tr(`warehouse.verdict.${formVerdict(formLine)}`)}
                <span className="muted small" style={{ display: "block", fontWeight: 400 }}>
                  {t("formLine", { accepted: formLine.accepted, rejected: formLine.rejected, name: formLine.inspectorName, when: when(formLine.signedAt) })}
                </span>
              </dd>
            </>
          )}
          {(item.holderName || item.holderDepartment) && (
            <>
              <dt>{t("holder")}</dt>
              <dd>{item.holderName ?? tr(`departments.${item.holderDepartment}`)}</dd>
            </>
          )}
          {item.responsibleName && (
            <>
              <dt>{t("responsible")}</dt>
              <dd data-testid="item-responsible">{item.responsibleName}</dd>
            </>
          )}
          {item.missingSince && (
            <>
              <dt>{t("missing")}</dt>
              <dd>{when(item.missingSince)}</dd>
            </>
          )}
        </dl>
      </section>
      <ItemHistory history={history} />
    </div>
  );
}
