"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { PendingPhoto } from "@/client/photo/pending";
import { usePhotoCapture } from "@/app/_ui/photo-field";

/** "Add an attachment": a picture of a call log or a bill (camera or files), shrunk like every photo the app sends. */
export function AttachmentPicker({ onAdd }: { onAdd: (p: PendingPhoto) => void }) {
  const t = useTranslations("qualityOffice.billing.form");
  const tp = useTranslations("photo");
  const id = useId();
  const { busy, error, onFile } = usePhotoCapture(onAdd);
  return (
    <div>
      <label htmlFor={id} className="btn secondary block" aria-busy={busy}>
        {busy ? tp("processing") : t("add")}
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        className="sr-only"
        data-testid="billing-attachment-input"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      {error && (
        <p className="field-error" role="alert">
          {tp(`error.${error}`)}
        </p>
      )}
    </div>
  );
}
