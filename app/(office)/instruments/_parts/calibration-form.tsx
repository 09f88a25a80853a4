"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { errorCode, fieldErrors, useTRPC } from "@/client/trpc";
import { CALIBRATION_RESULTS, type TCalibrationResult } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/time/operator";
import { MAX_CERTIFICATE_BYTES } from "@/domain/instruments/schemas";
import { OnlineError, useOnlineErrorText } from "@/app/_ui/instruments/online-error";
import { readBase64 } from "./download";

const DEFAULT_LAB = "市通信计量站";
const MIMES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;

type TField = "certificateNo" | "lab" | "calibratedOn" | "file";
type TProblem = { field: TField; message: string };

/** The field an online refusal is about: the date rules and bad_input paths name one; others stay at the buttons. */
function fieldOfError(error: unknown): TField | null {
  if (!(error instanceof TRPCClientError)) return null;
  if (errorCode(error) === "rule_violation") {
    const rule = (error.data as { details?: { rule?: unknown } } | undefined)?.details?.rule;
    return rule === "date_in_future" || rule === "before_intake" ? "calibratedOn" : null;
  }
  const paths = Object.keys(fieldErrors(error));
  const hit = (["certificateNo", "lab", "calibratedOn", "file"] as const).find((f) => paths.some((p) => p === f || p.startsWith(`${f}.`)));
  return hit ?? null;
}

/**
 * A calibration certificate (检定证书): number, lab, date, result and the scanned certificate. A passed one
 * restores the permit-to-use (准用证) for two years; a failed one withdraws it (and blocks loans) at once.
 * A refusal names the missing or wrong field beside it, and the form scrolls to that field and focuses it (issue
 * 10, defect 3); a refusal that is about no one field shows beside the save button, where the eye is.
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
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const errorText = useOnlineErrorText();
  const m = useMutation(
    trpc.instruments.recordCalibration.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setCertificateNo("");
        setNote("");
        setFile(null);
        onDone();
      },
      onError: (error) => {
        const field = fieldOfError(error);
        if (field) refuse(field, errorText(error));
        else setAttempt((n) => n + 1);
      },
    }),
  );
  const refuse = (field: TField, message: string) => {
    setProblem({ field, message });
    setAttempt((n) => n + 1);
  };
  // scroll to the refused field (or the refusal beside the buttons) and focus it
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    if (!form) return;
    const target = problem
      ? form.querySelector<HTMLElement>(`[data-field="${problem.field}"]`)
      : form.querySelector<HTMLElement>('[data-testid="calibration-error"]');
    target?.closest<HTMLElement>(".field")?.scrollIntoView({ block: "center", behavior: "smooth" });
    if (!problem) target?.scrollIntoView({ block: "center", behavior: "smooth" });
    target?.focus({ preventScroll: true });
  }, [attempt, problem]);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    m.reset();
    if (!certificateNo.trim()) {
      refuse("certificateNo", t("problem.certificateNo"));
      return;
    }
    if (!lab.trim()) {
      refuse("lab", t("problem.lab"));
      return;
    }
    if (!calibratedOn) {
      refuse("calibratedOn", t("problem.calibratedOn"));
      return;
    }
    if (file && !(MIMES as readonly string[]).includes(file.type)) {
      refuse("file", t("problem.fileType"));
      return;
    }
    if (file && file.size > MAX_CERTIFICATE_BYTES) {
      refuse("file", t("problem.fileSize"));
      return;
    }
    setProblem(null);
    const upload = file ? { mime: file.type as (typeof MIMES)[number], base64: await readBase64(file) } : undefined;
    m.mutate({ instrumentId, certificateNo, lab, calibratedOn, result, note, ...(upload ? { file: upload } : {}) });
  };
  const fieldProps = (field: TField) =>
    ({
      "data-field": field,
      "aria-invalid": problem?.field === field ? true : undefined,
      "aria-describedby": problem?.field === field ? `calibration-${field}-problem` : undefined,
    }) as const;
  const fieldProblem = (field: TField) =>
    problem?.field === field ? (
      <p className="field-error" role="alert" id={`calibration-${field}-problem`} data-testid={`calibration-problem-${field}`}>
        {problem.message}
      </p>
    ) : null;
  if (!open)
    return (
      <button type="button" className="btn block big-action" onClick={() => setOpen(true)} data-testid="record-calibration">
        {t("recordCalibration")}
      </button>
    );
  return (
    <form ref={formRef} className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="calibration-form">
      <h2>{t("calibrationTitle")}</h2>
      <label className="field">
        <span>{t("certificateNo")}</span>
        <input
          className="input mono"
          value={certificateNo}
          onChange={(e) => setCertificateNo(e.target.value)}
          data-testid="certificate-no"
          {...fieldProps("certificateNo")}
        />
        {fieldProblem("certificateNo")}
      </label>
      <label className="field">
        <span>{t("lab")}</span>
        <input className="input" value={lab} onChange={(e) => setLab(e.target.value)} data-testid="calibration-lab" {...fieldProps("lab")} />
        {fieldProblem("lab")}
      </label>
      <label className="field">
        <span>{t("calibratedOn")}</span>
        <input
          className="input"
          type="date"
          max={operatorToday()}
          value={calibratedOn}
          onChange={(e) => setCalibratedOn(e.target.value)}
          data-testid="calibrated-on"
          {...fieldProps("calibratedOn")}
        />
        {fieldProblem("calibratedOn")}
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
        <input
          className="input"
          type="file"
          accept={MIMES.join(",")}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="certificate-file"
          {...fieldProps("file")}
        />
        {fieldProblem("file")}
      </label>
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {/* a refusal about no one field (a role, the instrument's state, the network) is shown where the eye is */}
      {m.error && !fieldOfError(m.error) ? <OnlineError error={m.error} testId="calibration-error" /> : null}
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
