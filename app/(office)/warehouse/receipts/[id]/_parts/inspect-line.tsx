"use client";
import { useLocale, useTranslations } from "next-intl";
import { PhotoField } from "@/app/_ui/photo-field";
import type { PendingPhoto } from "@/client/photo/pending";
import { REJECT_TARGETS, type TRejectTarget } from "@/domain/warehouse/model";
import type { TReceiptItem, TReceiptLine } from "../../../_parts/types";

/** One tag's answer on the form as the inspector fills it: how many failed (the rest passed), where they go, why, a photo. */
export interface TLineState {
  rejected: number;
  rejectTo: TRejectTarget | null;
  reason: string;
  photo: PendingPhoto | null;
}

const BIG = { minHeight: 64, fontSize: "1.1rem" } as const;

/** A tag on the inspector's form: thumb-sized choices, the rejection's details only when something failed. */
export function InspectLine({
  line,
  item,
  state,
  errors,
  onChange,
}: {
  line: TReceiptLine;
  item: TReceiptItem;
  state: TLineState;
  errors: Record<string, string>;
  onChange: (next: Partial<TLineState>) => void;
}) {
  const t = useTranslations("warehouseOffice.inspect");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const unit = tr(`warehouse.unit.${line.unit}`);
  const err = (field: string) => errors[`${item.id}.${field}`];
  const invalid = ["rejected", "rejectTo", "reason", "accepted", "photo"].some((f) => err(f));
  const rejected = state.rejected > 0;
  const single = line.serialised || item.quantity === 1;
  const setRejected = (n: number) => onChange({ rejected: Math.max(0, Math.min(item.quantity, Math.round(n) || 0)) });
  const fieldError = (field: string) =>
    err(field) && (
      <p className="field-error" data-testid={`err-${item.tag}-${field}`}>
        {tr(err(field)!)}
      </p>
    );
  return (
    <li
      data-testid={`inspect-${item.tag}`}
      data-rejected={state.rejected}
      data-invalid-line={invalid}
      style={{ borderLeft: `8px solid var(${rejected ? "--bad" : "--ok"})` }}
    >
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <strong className="mono">{item.tag}</strong>
        <span className="badge" data-tone="info">
          {item.quantity} {unit}
        </span>
      </div>
      <p style={{ margin: "2px 0 10px", fontWeight: 700 }}>{zh ? line.materialNameZh : line.materialNameEn}</p>
      {single ? (
        <div className="choice-row" role="radiogroup" aria-label={t("verdict", { tag: item.tag })} style={{ marginBottom: 10 }}>
          <button
            type="button"
            role="radio"
            className="pick"
            data-tone="ok"
            aria-checked={!rejected}
            onClick={() => setRejected(0)}
            style={BIG}
            data-testid={`pass-${item.tag}`}
          >
            {t("pass")}
          </button>
          <button
            type="button"
            role="radio"
            className="pick"
            data-tone="bad"
            aria-checked={rejected}
            onClick={() => setRejected(item.quantity)}
            style={BIG}
            data-testid={`fail-${item.tag}`}
          >
            {t("fail")}
          </button>
        </div>
      ) : (
        <div className="stack" style={{ marginBottom: 10 }}>
          <span id={`rej-${item.id}`} className="field-label">
            {t("rejectedCount", { unit })}
          </span>
          <div className="row" style={{ flexWrap: "nowrap", alignItems: "stretch" }}>
            <button
              type="button"
              className="btn secondary"
              onClick={() => setRejected(state.rejected - 1)}
              disabled={state.rejected === 0}
              aria-label={t("less")}
              style={{ ...BIG, minWidth: 64 }}
              data-testid={`less-${item.tag}`}
            >
              −
            </button>
            <input
              className="input grow"
              type="number"
              inputMode="numeric"
              min={0}
              max={item.quantity}
              value={state.rejected}
              onChange={(e) => setRejected(Number(e.target.value))}
              onFocus={(e) => e.target.select()}
              aria-labelledby={`rej-${item.id}`}
              aria-invalid={Boolean(err("rejected") ?? err("accepted"))}
              style={{ ...BIG, textAlign: "center", fontWeight: 800, minWidth: 0 }}
              data-testid={`rejected-${item.tag}`}
            />
            <button
              type="button"
              className="btn secondary"
              onClick={() => setRejected(state.rejected + 1)}
              disabled={state.rejected >= item.quantity}
              aria-label={t("more")}
              style={{ ...BIG, minWidth: 64 }}
              data-testid={`more-${item.tag}`}
            >
              +
            </button>
          </div>
          <p className="small" style={{ margin: 0 }} data-testid={`accepted-${item.tag}`}>
            {t("acceptedCount", { n: item.quantity - state.rejected, unit })}
          </p>
        </div>
      )}
      {fieldError("rejected")}
      {fieldError("accepted")}
      {rejected && (
        <div className="stack">
          <fieldset className="choices" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="field-label">{t("rejectTo")}</legend>
            <div className="choice-row" role="radiogroup" style={{ marginBottom: 0 }}>
              {REJECT_TARGETS.map((to) => (
                <button
                  key={to}
                  type="button"
                  role="radio"
                  className="pick"
                  data-tone="bad"
                  aria-checked={state.rejectTo === to}
                  onClick={() => onChange({ rejectTo: to })}
                  style={BIG}
                  data-testid={`to-${to}-${item.tag}`}
                >
                  {tr(`warehouse.rejectTo.${to}`)}
                </button>
              ))}
            </div>
            {fieldError("rejectTo")}
          </fieldset>
          <label className="field">
            <span>{t("reason")}</span>
            <textarea
              className="input"
              value={state.reason}
              onChange={(e) => onChange({ reason: e.target.value })}
              maxLength={500}
              rows={2}
              aria-invalid={Boolean(err("reason"))}
              data-testid={`reason-${item.tag}`}
            />
            {fieldError("reason")}
          </label>
          <PhotoField value={state.photo} onChange={(photo) => onChange({ photo })} testId={`photo-${item.tag}`} label={t("photo")} />
          {fieldError("photo")}
        </div>
      )}
    </li>
  );
}
