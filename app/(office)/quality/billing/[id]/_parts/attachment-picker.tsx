"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { PendingPhoto } from "@/client/photo/pending";
import { PhotoError, photoFromFile } from "@/client/photo/resize";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";

/** "Add an attachment": a picture of a call log or a bill (camera or files), shrunk like every photo the app sends. */
export function AttachmentPicker({ onAdd }: { onAdd: (p: PendingPhoto) => void }) {
  const t = useTranslations("qualityOffice.billing.form");
  const tp = useTranslations("photo");
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PhotoError["code"] | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const p = await photoFromFile(file, MAX_PHOTO_BYTES);
      onAdd({ mime: p.mime, base64: p.base64, bytes: p.bytes, previewUrl: p.previewUrl, takenAt: new Date().toISOString() });
    } catch (e) {
      setError(e instanceof PhotoError ? e.code : "unreadable");
    } finally {
      setBusy(false);
    }
  };
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
