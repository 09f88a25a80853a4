"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PhotoField } from "@/app/_ui/photo-field";
import type { PendingPhoto } from "@/client/photo/pending";
import type { TPhoto } from "@/domain/items/mutations";
import { markNeedsPhoto, type TLabelResult } from "@/domain/quality/model";

/** The evidence of a finding: its photo (required: the department sees it) and an optional note. */
export function FindingForm({
  result,
  onSave,
  onCancel,
  testId = "finding",
  children,
  valid = () => true,
}: {
  result: Exclude<TLabelResult, "correct">;
  onSave: (photo: TPhoto, note: string) => void;
  onCancel: () => void;
  testId?: string;
  /** Fields before the photo (a finding without a tag: what kind, what was looked at). */
  children?: React.ReactNode;
  /** The fields above are complete (else the save shows their refusals). */
  valid?: () => boolean;
}) {
  const t = useTranslations("qualityPhone");
  const [photo, setPhoto] = useState<PendingPhoto | null>(null);
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const save = () => {
    setTried(true);
    const fieldsOk = valid();
    if (!photo && markNeedsPhoto(result)) return;
    if (!photo || !fieldsOk) return;
    onSave({ mime: photo.mime, base64: photo.base64 }, note.trim());
  };
  return (
    <section className="card stack" aria-label={t("finding.title", { result: t(`result.${result}`) })} data-testid={testId} data-result={result}>
      <h2 style={{ margin: 0 }}>{t("finding.title", { result: t(`result.${result}`) })}</h2>
      {children}
      <PhotoField
        value={photo}
        onChange={setPhoto}
        testId={`${testId}-photo`}
        label={t("finding.photo")}
        missing={tried && !photo ? t("finding.photoMissing") : null}
      />
      <label className="field">
        <span>{t("finding.note")}</span>
        <textarea className="input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} data-testid={`${testId}-note`} />
      </label>
      <div className="two-actions">
        <button type="button" className="btn secondary block" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t("finding.cancel")}
        </button>
        <button type="button" className="btn block" onClick={save} data-testid={`${testId}-save`}>
          {t("finding.save")}
        </button>
      </div>
    </section>
  );
}
