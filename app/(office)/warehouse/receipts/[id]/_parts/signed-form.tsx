"use client";
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useDateTime } from "@/app/_ui/use-when";
import { formVerdict } from "@/domain/warehouse/model";
import type { TReceiptDetail, TSignedForm } from "../../../_parts/types";

const VERDICT_TONE = { accepted: "ok", rejected: "bad", split: "warn" } as const;

/**
 * The Quality Acceptance Form 《质量认可单》 as signed: each tag's verdict (accepted, rejected and where to, why), the
 * inspector, when, the signature; the printable PDF; and how far the keeper has labelled by it (each tag's label now).
 */
export function SignedForm({ form, detail }: { form: TSignedForm; detail: TReceiptDetail }) {
  const t = useTranslations("warehouseOffice.form");
  const tr = useTranslations();
  const when = useDateTime();
  const items = new Map(detail.lines.flatMap((l) => l.items.map((i) => [i.id, { ...i, unit: l.unit }] as const)));
  const signature = form.signatureSha256 ? `/api/evidence/${form.signatureSha256}` : null;
  return (
    <section className="card stack" aria-labelledby="form-title" data-testid="signed-form" data-form-code={form.code}>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <h2 id="form-title" style={{ margin: 0 }}>
          {tr("warehouse.formName")}
        </h2>
        <strong className="mono" data-testid="form-code">
          {form.code}
        </strong>
      </div>
      <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
        <dt>{t("inspector")}</dt>
        <dd data-testid="form-inspector">
          {form.inspectorName} · {tr(`departments.${form.department}`)}
        </dd>
        <dt>{t("signedAt")}</dt>
        <dd>{when(form.signedAt)}</dd>
        {form.note && (
          <>
            <dt>{t("note")}</dt>
            <dd style={{ fontWeight: 400, whiteSpace: "pre-wrap" }}>{form.note}</dd>
          </>
        )}
      </dl>
      <ul className="list" data-testid="form-lines">
        {form.lines.map((l) => {
          const verdict = formVerdict(l);
          const item = items.get(l.itemId);
          const unit = item ? tr(`warehouse.unit.${item.unit}`) : "";
          return (
            <li key={l.itemId} data-testid={`form-line-${l.tag}`} data-verdict={verdict} style={{ borderLeft: `8px solid var(--${VERDICT_TONE[verdict]})` }}>
              <div className="title-row" style={{ flexWrap: "wrap" }}>
                <a className="mono tap-link" href={`/warehouse/items/${l.tag}`}>
                  {l.tag}
                </a>
                <span className="badge" data-tone={VERDICT_TONE[verdict]}>
                  {tr(`warehouse.verdict.${verdict}`)}
                </span>
              </div>
              <p className="small" style={{ margin: "4px 0" }}>
                {t("counts", { accepted: l.accepted, rejected: l.rejected, unit })}
                {l.rejectTo && ` · ${tr(`warehouse.rejectTo.${l.rejectTo}`)}`}
              </p>
              {l.reason && <p className="event-note">“{l.reason}”</p>}
              {l.photoSha256 && (
                <a href={`/api/evidence/${l.photoSha256}`} target="_blank" rel="noreferrer" className="small">
                  {t("photo")}
                </a>
              )}
              {item && (
                <div className="row small" style={{ marginTop: 6 }} data-testid={`labelled-${l.tag}`} data-status={item.status}>
                  <span className="muted">{t("labelNow")}</span>
                  <StatusBadge kind="item" status={item.status} />
                  {item.status === "pending_inspection" ? <span className="muted">{t("toLabel")}</span> : <span className="muted">{item.zoneCode ?? ""}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {signature && (
        <img
          src={signature}
          alt={t("signedBy", { name: form.inspectorName })}
          style={{ display: "block", maxWidth: "100%", height: 90, objectFit: "contain", background: "#fff", border: "1px solid var(--line)", borderRadius: 8 }}
          data-testid="form-signature"
        />
      )}
      <a className="btn block" href={`/api/warehouse/forms/${form.id}/pdf`} target="_blank" rel="noreferrer" data-testid="form-pdf">
        {t("pdf")}
      </a>
    </section>
  );
}
