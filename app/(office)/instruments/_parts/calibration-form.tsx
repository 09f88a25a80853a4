"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/client/trpc";
import { CALIBRATION_RESULTS, type TCalibrationResult } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/instruments/dates";
import { MAX_CERTIFICATE_BYTES } from "@/domain/instruments/schemas";
import { OnlineError } from "../../../(field)/instruments/_parts/online-error";
import { readBase64 } from "./download";

const DEFAULT_LAB = "市通信计量站";
const MIMES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;

/**
 * A calibration certificate (检定证书): number, lab, date, result and the scanned certificate. A passed one
 * restores the permit-to-use (准用证) for two years; a failed one withdraws it (and blocks loans) at once.
 */
export function CalibrationForm({ instrumentId, onDone }: { instrumentId: string; onDone: () => void }) {
  const t = useTranslations("instrumentsUi.desk");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [certificateNo, setCertificateNo] = useState("");
  const [lab, setLab] = useState(DEFAULT_LAB);
  const [calibratedOn, setCalibratedOn] = useState(operatorToday());
  const [result, setResult] = useState<TCalibrationResult>("passed");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<"required" | "fileType" | "fileSize" | null>(null);
  const m = useMutation(
    trpc.instruments.recordCalibration.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setCertificateNo("");
        setNote("");
        setFile(null);
        onDone();
      },
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!certificateNo.trim() || !lab.trim() || !calibratedOn) return setProblem("required");
    if (file && !(MIMES as readonly string[]).includes(file.type)) return setProblem("fileType");
    if (file && file.size > MAX_CERTIFICATE_BYTES) return setProblem("fileSize");
    setProblem(null);
    const upload = file ? { mime: file.type as (typeof MIMES)[number], base64: await readBase64(file) } : undefined;
    m.mutate({ instrumentId, certificateNo, lab, calibratedOn, result, note, ...(upload ? { file: upload } : {}) });
  };
  if (!open)
    return (
      <button type="button" className="btn block big-action" onClick={() => setOpen(true)} data-testid="record-calibration">
        {t("recordCalibration")}
      </button>
    );
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="calibration-form">
      <h2>{t("calibrationTitle")}</h2>
      <OnlineError error={m.error} testId="calibration-error" />
      {problem && (
        <p className="alert" data-tone="bad" role="alert">
          {t(`problem.${problem}`)}
        </p>
      )}
      <label className="field">
        <span>{t("certificateNo")}</span>
        <input className="input mono" value={certificateNo} onChange={(e) => setCertificateNo(e.target.value)} data-testid="certificate-no" />
      </label>
      <label className="field">
        <span>{t("lab")}</span>
        <input className="input" value={lab} onChange={(e) => setLab(e.target.value)} data-testid="calibration-lab" />
      </label>
      <label className="field">
        <span>{t("calibratedOn")}</span>
        <input className="input" type="date" max={operatorToday()} value={calibratedOn} onChange={(e) => setCalibratedOn(e.target.value)} data-testid="calibrated-on" />
      </label>
      <fieldset className="choices">
        <legend>{t("result")}</legend>
        {CALIBRATION_RESULTS.map((r) => (
          <label key={r} className="choice" data-testid={`result-${r}`}>
            <input type="radio" name="result" checked={result === r} onChange={() => setResult(r)} />
            <span className="grow">{t(`resultOption.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t("certificateFile")}</span>
        <input className="input" type="file" accept={MIMES.join(",")} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="certificate-file" />
      </label>
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={m.isPending} data-testid="calibration-save">
          {t("saveCalibration")}
        </button>
        <button type="button" className="btn secondary block" onClick={() => setOpen(false)} disabled={m.isPending}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
