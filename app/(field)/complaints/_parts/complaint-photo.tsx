"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { PendingPhoto } from "@/client/photo/pending";
import { usePhotoCapture } from "@/app/_ui/photo-field";

/**
 * The complaint's optional photo (what the customer shows: a bill, a damaged line, a faulty terminal): the rear camera
 * or the gallery, shrunk to travel in the outbox, shown with a remove button. The label-photo field's behaviour, with
 * the complaint's words (that one speaks of labels).
 */
export function ComplaintPhoto({ value, onChange, error }: { value: PendingPhoto | null; onChange: (p: PendingPhoto | null) => void; error?: string | null }) {
  const t = useTranslations("complaintsPhone.photo");
  const tp = useTranslations("photo");
  const id = useId();
  const { busy, error: failed, onFile } = usePhotoCapture(onChange);
  return (
    <div className="photo-field" data-testid="complaint-photo" data-state={value ? "attached" : busy ? "busy" : "empty"}>
      <p id={`${id}-label`} className="photo-label" style={{ fontWeight: 700, margin: "0 0 6px" }}>
        {t("label")}
      </p>
      {value ? (
        <div className="row photo-attached">
          <img src={value.previewUrl} alt={t("preview")} className="photo-thumb" />
          <span className="grow small">{t("attached", { kb: Math.ceil(value.bytes / 1024) })}</span>
          <button type="button" className="btn secondary" onClick={() => onChange(null)} data-testid="complaint-photo-remove">
            {tp("remove")}
          </button>
        </div>
      ) : (
        <label htmlFor={id} className="btn secondary block photo-take" aria-busy={busy}>
          {busy ? tp("processing") : t("take")}
        </label>
      )}
      <input
        id={id}
        aria-labelledby={`${id}-label`}
        type="file"
        accept="image/*"
        capture="environment"
        className="sr-only"
        data-testid="complaint-photo-input"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      {failed && (
        <p className="field-error" role="alert">
          {tp(`error.${failed}`)}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="complaint-error-photo">
          {error}
        </p>
      )}
    </div>
  );
}
