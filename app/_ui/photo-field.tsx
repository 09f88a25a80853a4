"use client";
import { useTranslations } from "next-intl";
import { useId, useState, type Ref } from "react";
import { PhotoError, photoFromFile } from "@/client/photo/resize";
import type { PendingPhoto } from "@/client/photo/pending";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";

/**
 * Taking a photo, the one way every photo field takes one: the picture the camera (or the gallery) gives is shrunk to
 * travel in the outbox (MAX_PHOTO_BYTES) and handed over with its preview; `busy` while it is shrunk, `error` when it
 * could not be (not a picture, unreadable, too large).
 */
export function usePhotoCapture(onPhoto: (photo: PendingPhoto) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PhotoError["code"] | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const p = await photoFromFile(file, MAX_PHOTO_BYTES);
      onPhoto({ mime: p.mime, base64: p.base64, bytes: p.bytes, previewUrl: p.previewUrl, takenAt: new Date().toISOString() });
    } catch (e) {
      setError(e instanceof PhotoError ? e.code : "unreadable");
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, onFile };
}

/** The camera input behind a take button (a `<label htmlFor={id}>`): the rear camera, or the gallery; hidden. */
export function CaptureInput({
  id,
  onFile,
  testId,
  inputRef,
  labelledBy,
  invalid,
  describedBy,
}: {
  id: string;
  onFile: (file: File | undefined) => Promise<void>;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  labelledBy?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  return (
    <input
      ref={inputRef}
      id={id}
      aria-labelledby={labelledBy}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      type="file"
      accept="image/*"
      capture="environment"
      className="sr-only"
      data-testid={testId}
      onChange={(e) => {
        void onFile(e.target.files?.[0]);
        e.target.value = "";
      }}
    />
  );
}

/**
 * "Photo of the label" as evidence: opens the rear camera (or the gallery), shrinks the picture to travel in the
 * outbox, shows it with a remove button. One big target. `label` names the field (say whether it is required);
 * `missing` is the refusal shown when a required photo is absent (the input is marked invalid; `inputRef` lets the
 * form focus it). Several photos of one thing: ./photos-field.tsx, which takes each the same way.
 */
export function PhotoField({
  value,
  onChange,
  testId = "photo",
  label,
  missing = null,
  inputRef,
  takeLabel,
}: {
  value: PendingPhoto | null;
  onChange: (photo: PendingPhoto | null) => void;
  testId?: string;
  label?: string;
  missing?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** The button's words when the photo is not of a label (default "Take a photo of the label"). */
  takeLabel?: string;
}) {
  const t = useTranslations("photo");
  const id = useId();
  const { busy, error, onFile } = usePhotoCapture(onChange);

  return (
    <div className="photo-field" data-testid={testId} data-state={value ? "attached" : busy ? "busy" : "empty"} data-missing={missing ? "true" : undefined}>
      {label && (
        <p id={`${id}-label`} className="photo-label" style={{ fontWeight: 700, margin: "0 0 6px" }}>
          {label}
        </p>
      )}
      {value ? (
        <div className="row photo-attached">
          <img src={value.previewUrl} alt={t("preview")} className="photo-thumb" />
          <span className="grow small">{t("attached", { kb: Math.ceil(value.bytes / 1024) })}</span>
          <button type="button" className="btn secondary" onClick={() => onChange(null)} data-testid={`${testId}-remove`}>
            {t("remove")}
          </button>
        </div>
      ) : (
        <label htmlFor={id} className="btn secondary block photo-take" aria-busy={busy}>
          {busy ? t("processing") : (takeLabel ?? t("take"))}
        </label>
      )}
      <CaptureInput
        id={id}
        onFile={onFile}
        testId={`${testId}-input`}
        inputRef={inputRef}
        labelledBy={label ? `${id}-label` : undefined}
        invalid={!!missing}
        describedBy={missing ? `${id}-missing` : undefined}
      />
      {missing && !value && (
        <p id={`${id}-missing`} className="field-error" role="alert" data-testid={`${testId}-missing`}>
          {missing}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {t(`error.${error}`)}
        </p>
      )}
    </div>
  );
}
