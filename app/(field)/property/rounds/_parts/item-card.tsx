"use client";
import { useLocale, useTranslations } from "next-intl";
import { memo, useMemo, useState } from "react";
import { PhotosField } from "@/app/_ui/photos-field";
import type { PendingPhoto } from "@/client/photo/pending";
import { itemText, photoUrl, withoutPhoto, withPhoto, type DraftResult, type TResultPatch, type TRoundItemFacts } from "@/client/property/round";
import { MAX_ROUND_ITEM_PHOTOS } from "@/domain/property/model";

const BIG = { minHeight: 56, fontSize: "1.15rem" } as const;

/**
 * One item of the checklist: its clause and text, the previous round's result on a re-inspection, big Pass and Fail,
 * the measurement with its unit when the item has one, a note (required on a fail, as the round's schema says) and
 * photos (up to MAX_ROUND_ITEM_PHOTOS, each removable) once a result is chosen.
 */
export const ItemCard = memo(function ItemCard({
  item,
  value,
  onChange,
}: {
  item: TRoundItemFacts;
  value: DraftResult;
  onChange: (itemId: string, patch: TResultPatch) => void;
}) {
  const t = useTranslations("propertyPhone.items");
  const tp = useTranslations("property");
  const locale = useLocale();
  const set = (patch: TResultPatch) => onChange(item.itemId, patch);
  const failed = value.result === "fail";
  const noteMissing = failed && value.note.trim().length === 0;
  const prev = item.previous;
  // a pass needs neither: its note and photos are one tap away (kept open once either is there)
  const [more, setMore] = useState(false);
  const showMore = failed || more || value.note !== "" || value.photos.length > 0;
  // shown again from the bytes kept in the draft (the app may have been closed since they were taken)
  const previews = useMemo(() => value.photos.map((p) => ({ ...p, previewUrl: photoUrl(p) })), [value.photos]);
  const addPhoto = (p: PendingPhoto) => {
    // the draft keeps the bytes; the preview made while shrinking is no longer needed
    URL.revokeObjectURL(p.previewUrl);
    // added to the photos as they are once it is shrunk (one may have been removed meanwhile)
    set((r) => ({ photos: withPhoto(r.photos, { mime: p.mime, base64: p.base64, bytes: p.bytes, takenAt: p.takenAt }) }));
  };
  const id = `item-${item.itemId}`;
  return (
    <li
      className="card"
      data-testid="round-item"
      data-clause={item.clause}
      data-result={value.result ?? ""}
      style={{ padding: "12px 14px", borderLeft: `8px solid var(${value.result === null ? "--line" : failed ? "--bad" : "--ok"})` }}
    >
      <p className="mono small muted" style={{ margin: 0 }}>
        {item.clause}
      </p>
      <p id={`${id}-text`} style={{ margin: "2px 0 8px", fontWeight: 700 }}>
        {itemText(item, locale)}
      </p>
      {prev?.result && (
        <p className="small" data-testid="round-item-previous" data-result={prev.result} style={{ margin: "0 0 8px" }}>
          <span className="badge" data-tone={prev.result === "fail" ? "bad" : "ok"}>
            {t("previous", { result: tp(`itemResult.${prev.result}`) })}
          </span>{" "}
          {prev.measurement && item.unit ? t("previousMeasurement", { value: prev.measurement, unit: item.unit }) : null}{" "}
          {prev.note ? t("previousNote", { note: prev.note }) : null}
        </p>
      )}
      <div className="choice-row" role="radiogroup" aria-label={t("resultOf", { clause: item.clause })} style={{ marginBottom: 8 }}>
        <button
          type="button"
          role="radio"
          className="pick"
          data-tone="ok"
          aria-checked={value.result === "pass"}
          onClick={() => set({ result: "pass" })}
          style={BIG}
          data-testid="round-item-pass"
        >
          {t("pass")}
        </button>
        <button
          type="button"
          role="radio"
          className="pick"
          data-tone="bad"
          aria-checked={failed}
          onClick={() => set({ result: "fail" })}
          style={BIG}
          data-testid="round-item-fail"
        >
          {t("fail")}
        </button>
      </div>
      {item.unit && (
        <label className="field">
          <span>{t("measurement", { unit: item.unit })}</span>
          <span style={{ display: "flex", gap: 10, alignItems: "center" }}>
            <input
              className="input"
              style={{ flex: 1, minWidth: 0 }}
              inputMode="decimal"
              maxLength={60}
              value={value.measurement}
              onChange={(e) => set({ measurement: e.target.value })}
              data-testid="round-item-measurement"
            />
            <strong style={{ fontSize: "1.1rem" }}>{item.unit}</strong>
          </span>
        </label>
      )}
      {value.result !== null && !showMore && (
        <button type="button" className="btn secondary block" onClick={() => setMore(true)} data-testid="round-item-more">
          {t("addMore")}
        </button>
      )}
      {value.result !== null && showMore && (
        <>
          <label className="field">
            <span>{failed ? t("noteFail") : t("notePass")}</span>
            <textarea
              className="input"
              rows={2}
              maxLength={500}
              value={value.note}
              aria-invalid={noteMissing || undefined}
              aria-describedby={noteMissing ? `${id}-note-missing` : undefined}
              onChange={(e) => set({ note: e.target.value })}
              data-testid="round-item-note"
            />
          </label>
          {noteMissing && (
            <p id={`${id}-note-missing`} className="field-error" data-testid="round-item-note-missing">
              {t("noteMissing")}
            </p>
          )}
          <PhotosField
            values={previews}
            max={MAX_ROUND_ITEM_PHOTOS}
            onAdd={addPhoto}
            onRemove={(i) => set((r) => ({ photos: withoutPhoto(r.photos, i) }))}
            testId="round-item-photo"
            label={t("photos", { max: MAX_ROUND_ITEM_PHOTOS })}
            addLabel={t("photoAdd")}
          />
        </>
      )}
    </li>
  );
});
