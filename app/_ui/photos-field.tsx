"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { PendingPhoto } from "@/client/photo/pending";
import { CaptureInput, usePhotoCapture } from "./photo-field";

/**
 * Several photos of one thing as evidence (an inspected item's), taken one at a time the way PhotoField takes one
 * (usePhotoCapture): the photos as large thumbnails in the order taken, each with its own Remove, and one big "Add
 * photo" until there are `max`. The rule of how many is the caller's (`max`, from domain/ or client/); this only shows
 * it. `data-state` is "attached" once there is a photo (busy while one is being shrunk), `data-count` how many.
 */
export function PhotosField({
  values,
  max,
  onAdd,
  onRemove,
  testId = "photos",
  label,
  addLabel,
}: {
  values: readonly PendingPhoto[];
  max: number;
  onAdd: (photo: PendingPhoto) => void;
  onRemove: (index: number) => void;
  testId?: string;
  label?: string;
  /** The add button's words (default "Add photo"). */
  addLabel?: string;
}) {
  const t = useTranslations("photo");
  const id = useId();
  const { busy, error, onFile } = usePhotoCapture(onAdd);
  const full = values.length >= max;
  const count = t("count", { count: values.length, max });

  return (
    <div className="photo-field" data-testid={testId} data-state={busy ? "busy" : values.length > 0 ? "attached" : "empty"} data-count={values.length}>
      {label && (
        <p id={`${id}-label`} className="photo-label" style={{ fontWeight: 700, margin: "0 0 6px" }}>
          {label}
        </p>
      )}
      {values.length > 0 && (
        <ul className="photo-grid" aria-label={count}>
          {values.map((p, i) => (
            <li key={`${i}:${p.takenAt}`} className="photo-tile" data-testid={`${testId}-item`}>
              <img src={p.previewUrl} alt={t("previewN", { n: i + 1 })} />
              <button
                type="button"
                className="btn secondary"
                onClick={() => onRemove(i)}
                aria-label={t("removeN", { n: i + 1 })}
                data-testid={`${testId}-remove`}
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted" style={{ margin: 0 }} aria-live="polite" data-testid={`${testId}-count`}>
        {count}
      </p>
      {full ? (
        <p className="small" style={{ margin: 0 }} data-testid={`${testId}-full`}>
          {t("full", { max })}
        </p>
      ) : (
        <>
          <label htmlFor={id} className="btn secondary block photo-take" aria-busy={busy}>
            {busy ? t("processing") : (addLabel ?? t("add"))}
          </label>
          <CaptureInput id={id} onFile={onFile} testId={`${testId}-input`} labelledBy={label ? `${id}-label` : undefined} />
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {t(`error.${error}`)}
        </p>
      )}
    </div>
  );
}
