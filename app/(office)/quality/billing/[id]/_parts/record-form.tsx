"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import type { PendingPhoto } from "@/client/photo/pending";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { billingVerdict } from "@/domain/quality/model";
import { ZRecordBillingInput } from "@/domain/quality/schemas";
import { AttachmentPicker } from "./attachment-picker";

const MAX_ATTACHMENTS = 5;

/**
 * The switching office records the month: test calls placed and billed right (the accuracy shown as typed), the
 * instrument used by its tag (typed or read by a keyboard-wedge scanner; the server refuses one without a valid
 * permit-to-use), a note and up to five attachments (pictures of call logs and bills).
 */
export function RecordForm({ checkId, version, thresholdPct }: { checkId: string; version: number; thresholdPct: number }) {
  const t = useTranslations("qualityOffice.billing.form");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [placed, setPlaced] = useState("");
  const [right, setRight] = useState("");
  const [tag, setTag] = useState("");
  const [note, setNote] = useState("");
  const [files, setFiles] = useState<PendingPhoto[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useMutation(trpc.billing.record.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.billing.months.pathKey() }) }));
  const shown = { ...fieldErrors(record.error), ...errors };
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  const preview =
    num(placed) && num(right) !== undefined && num(right)! <= num(placed)!
      ? billingVerdict({ callsPlaced: num(placed)!, billedCorrectly: num(right)! }, thresholdPct)
      : null;
  const submit = () => {
    const parsed = ZRecordBillingInput.safeParse({
      checkId,
      version,
      callsPlaced: num(placed),
      billedCorrectly: num(right),
      instrumentTag: tag.trim().toUpperCase(),
      note,
      attachments: files.map((f) => ({ mime: f.mime, base64: f.base64 })),
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.message;
      setErrors(found);
      return;
    }
    setErrors({});
    record.mutate(parsed.data);
  };
  const field = (name: string) =>
    shown[name] ? (
      <p className="field-error" data-testid={`err-${name}`}>
        {tr(shown[name])}
      </p>
    ) : null;
  return (
    <section className="card stack" aria-labelledby="record-title" data-testid="billing-form">
      <h2 id="record-title">{t("title")}</h2>
      <label className="field">
        <span>{t("callsPlaced")}</span>
        <input
          className="input"
          type="number"
          inputMode="numeric"
          min={1}
          value={placed}
          onChange={(e) => setPlaced(e.target.value)}
          aria-invalid={Boolean(shown.callsPlaced)}
          data-testid="billing-placed"
        />
        {field("callsPlaced")}
      </label>
      <label className="field">
        <span>{t("billedCorrectly")}</span>
        <input
          className="input"
          type="number"
          inputMode="numeric"
          min={0}
          value={right}
          onChange={(e) => setRight(e.target.value)}
          aria-invalid={Boolean(shown.billedCorrectly)}
          data-testid="billing-right"
        />
        {field("billedCorrectly")}
      </label>
      {preview && (
        <p
          className="small"
          data-testid="billing-preview"
          data-passed={preview.passed}
          style={{ margin: 0, color: preview.passed ? undefined : "var(--bad)", fontWeight: 700 }}
        >
          {t("preview", { accuracy: preview.accuracyPct, errors: preview.errors })}
        </p>
      )}
      <label className="field">
        <span>{t("instrumentTag")}</span>
        <input
          className="input mono big-input"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="instrument-help"
          aria-invalid={Boolean(shown.instrumentTag)}
          data-testid="billing-instrument"
        />
        <small id="instrument-help" className="muted">
          {t("instrumentHelp")}
        </small>
        {field("instrumentTag")}
      </label>
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="billing-note" />
      </label>
      <div className="stack" data-testid="billing-attachments" data-count={files.length}>
        <p style={{ fontWeight: 700, margin: 0 }}>{t("attachments")}</p>
        {files.map((f, i) => (
          <div key={f.previewUrl} className="row">
            <img src={f.previewUrl} alt="" className="photo-thumb" />
            <span className="grow small">{Math.ceil(f.bytes / 1024)} KB</span>
            <button type="button" className="btn secondary" onClick={() => setFiles(files.filter((_, k) => k !== i))}>
              {t("remove")}
            </button>
          </div>
        ))}
        {files.length < MAX_ATTACHMENTS && <AttachmentPicker onAdd={(p) => setFiles([...files, p])} />}
        {field("attachments")}
      </div>
      <ErrorText error={record.error} />
      <button type="button" className="btn block" disabled={record.isPending} onClick={submit} data-testid="billing-submit">
        {t("submit")}
      </button>
    </section>
  );
}
