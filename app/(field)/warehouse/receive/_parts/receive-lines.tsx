"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { materialByBarcode, tagInUse } from "@/client/warehouse/read-model";
import { attachPrinted, type TDraftLine } from "@/client/warehouse/receive-draft";
import type { CachedMaterial } from "@/client/warehouse/stores";
import { useSync } from "@/client/sync/provider";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import { ScanField } from "./scan-field";

/** A material's name in the reader's language. */
export function materialName(m: { nameZh: string; nameEn: string }, locale: string): string {
  return locale.startsWith("zh") ? m.nameZh : m.nameEn;
}

/** The searchable catalogue: a big row per material, tap to add a line. */
function CataloguePicker({ materials, onPick, onClose }: { materials: CachedMaterial[]; onPick: (m: CachedMaterial) => void; onClose: () => void }) {
  const t = useTranslations("warehousePhone.receive");
  const locale = useLocale();
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const shown = materials.filter((m) => !needle || [m.code, m.nameZh, m.nameEn].some((s) => s.toLowerCase().includes(needle))).slice(0, 40);
  return (
    <section className="card" data-testid="catalogue">
      <label className="field">
        <span>{t("catalogueSearch")}</span>
        <input className="input" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" data-testid="catalogue-search" />
      </label>
      {materials.length === 0 ? (
        <p className="muted">{t("catalogueNone")}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t("catalogueEmpty")}</p>
      ) : (
        <div className="stack" style={{ gap: 8 }}>
          {shown.map((m) => (
            <button
              key={m.code}
              type="button"
              className="choice"
              style={{ width: "100%", textAlign: "start" }}
              onClick={() => onPick(m)}
              data-testid={`material-${m.code}`}
            >
              <span className="grow">
                {materialName(m, locale)}
                <br />
                <span className="mono small muted">{m.code}</span>
              </span>
              <span className="badge" data-tone="muted">
                {m.serialised ? t("serialised") : t("bulk")}
              </span>
            </button>
          ))}
        </div>
      )}
      <button type="button" className="btn secondary block" onClick={onClose} data-testid="catalogue-close">
        {t("closeCatalogue")}
      </button>
    </section>
  );
}

/**
 * The delivery's lines: add one by the supplier's barcode (resolved in the phone's catalogue) or from the catalogue;
 * each with its quantity and its tags (from the phone's leased numbers, or printed ones attached by scanning).
 */
export function ReceiveLines({
  lines,
  materials,
  errors,
  onAdd,
  onChange,
  err,
}: {
  lines: TDraftLine[];
  materials: CachedMaterial[];
  errors: Record<string, string>;
  onAdd: (m: CachedMaterial, supplierCode?: string) => void;
  onChange: (lines: TDraftLine[]) => void;
  err: (field: string) => ReactNode;
}) {
  const t = useTranslations("warehousePhone.receive");
  const tu = useTranslations("warehouse.unit");
  const locale = useLocale();
  const { store } = useSync();
  const [picking, setPicking] = useState(false);
  // lines whose printed-tag field is open (always open while a unit has no tag)
  const [attaching, setAttaching] = useState<ReadonlySet<string>>(new Set());
  const byCode = new Map(materials.map((m) => [m.code, m]));

  const onBarcode = (code: string): string | null => {
    const m = materialByBarcode(materials, code);
    if (!m) return t("barcodeUnknown", { code });
    onAdd(m, code);
    return null;
  };

  const attach = async (lineId: string, code: string): Promise<string | null> => {
    const tag = code.trim();
    if (!STOCK_TAG_PATTERN.test(tag)) return t("notATag", { code: tag });
    if (store && (await tagInUse(store, tag))) return t("tagInUse", { code: tag });
    const r = attachPrinted(lines, lineId, tag);
    if (!r.ok) return r.code === "full" ? t("full") : t("tagTwice", { code: tag });
    onChange(r.lines);
    return null;
  };

  return (
    <section className="stack" data-field="lines" data-testid="receive-lines">
      <h2 style={{ margin: "8px 0 0" }}>{t("lines")}</h2>
      {err("lines")}
      {lines.length === 0 && <p className="muted">{t("noLines")}</p>}
      {lines.map((line, i) => {
        const m = byCode.get(line.materialCode);
        const unit = m ? tu(m.unit) : "";
        return (
          <article key={line.id} className="card" data-testid="receive-line" data-material={line.materialCode} data-index={i}>
            <div className="title-row">
              <strong>
                {i + 1}. {m ? materialName(m, locale) : line.materialCode}
              </strong>
              <span className="badge" data-tone="muted">
                {line.serialised ? t("serialised") : t("bulk")}
              </span>
            </div>
            <p className="mono small muted" style={{ margin: "2px 0 8px" }}>
              {line.materialCode}
              {line.supplierCode ? ` · ${line.supplierCode}` : ""}
            </p>
            <label className="field">
              <span>
                {line.serialised ? t("units") : t("lotQuantity")} {unit && <span className="muted">({unit})</span>}
              </span>
              <input
                className="input big-input"
                inputMode="numeric"
                pattern="[0-9]*"
                value={line.quantity}
                onChange={(e) => onChange(lines.map((l) => (l.id === line.id ? { ...l, quantity: e.target.value.replace(/[^0-9]/g, "") } : l)))}
                aria-invalid={errors[`lines.${i}.quantity`] ? true : undefined}
                data-field={`lines.${i}.quantity`}
                data-testid="line-quantity"
              />
              {err(`lines.${i}.quantity`)}
            </label>
            <p style={{ fontWeight: 700, margin: "0 0 6px" }}>{t("tags")}</p>
            <ul className="tag-slots" data-testid="line-tags" data-field={`lines.${i}.tags`} style={{ listStyle: "none", padding: 0, margin: "0 0 8px" }}>
              {line.slots.map((s, k) => (
                <li
                  key={`${k}-${s.tag ?? "none"}`}
                  className="mono"
                  data-testid="line-tag"
                  data-tag={s.tag ?? ""}
                  data-printed={s.printed || undefined}
                  style={{ padding: "4px 0", fontWeight: 700 }}
                >
                  {s.tag ?? "—"}
                  {s.printed && <span className="muted small"> ✓</span>}
                </li>
              ))}
            </ul>
            {err(`lines.${i}.tags`)}
            {attaching.has(line.id) || line.slots.some((s) => s.tag === null) ? (
              <ScanField label={t("attach")} help={t("attachHelp")} testId={`attach-${i}`} onCode={(code) => attach(line.id, code)} />
            ) : (
              <button
                type="button"
                className="btn secondary block"
                onClick={() => setAttaching((a) => new Set([...a, line.id]))}
                data-testid={`attach-${i}-open`}
              >
                {t("attach")}
              </button>
            )}
            <button
              type="button"
              className="btn danger block"
              onClick={() => onChange(lines.filter((l) => l.id !== line.id))}
              data-testid="line-remove"
              style={{ marginTop: 8 }}
            >
              {t("removeLine", { n: i + 1 })}
            </button>
          </article>
        );
      })}
      <div className="card">
        <ScanField label={t("barcode")} help={t("barcodeHelp")} testId="barcode" onCode={onBarcode} />
        {picking ? (
          <CataloguePicker
            materials={materials}
            onPick={(m) => {
              onAdd(m);
              setPicking(false);
            }}
            onClose={() => setPicking(false)}
          />
        ) : (
          <button type="button" className="btn secondary block" onClick={() => setPicking(true)} data-testid="catalogue-open">
            {t("catalogue")}
          </button>
        )}
      </div>
    </section>
  );
}
