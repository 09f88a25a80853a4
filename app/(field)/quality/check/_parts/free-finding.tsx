"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { newMarkId, type WalkMark } from "@/client/quality/walk";
import { LABEL_KINDS, LABEL_RESULTS, type TLabelKind, type TLabelResult } from "@/domain/quality/model";
import { FindingForm } from "./finding-form";

type TFinding = Exclude<TLabelResult, "correct">;
const FINDINGS = LABEL_RESULTS.filter((r): r is TFinding => r !== "correct");

/**
 * A finding on something that carries no tag (the premises, a service guide, a computer): its label kind, what was
 * looked at in words, what is wrong, the photo and a note.
 */
export function FreeFinding({ open, onOpen, onMark }: { open: boolean; onOpen: (o: boolean) => void; onMark: (m: WalkMark) => void }) {
  const t = useTranslations("qualityPhone");
  const [kind, setKind] = useState<TLabelKind>("premises");
  const [result, setResult] = useState<TFinding>("missing_label");
  const [subject, setSubject] = useState("");
  const [tried, setTried] = useState(false);
  if (!open)
    return (
      <button type="button" className="btn secondary block" onClick={() => onOpen(true)} data-testid="free-open">
        {t("free.open")}
      </button>
    );
  const close = () => {
    setSubject("");
    setTried(false);
    onOpen(false);
  };
  return (
    <FindingForm
      result={result}
      testId="free"
      valid={() => {
        setTried(true);
        return subject.trim() !== "";
      }}
      onCancel={close}
      onSave={(photo, note) => {
        onMark({
          id: newMarkId(),
          tag: null,
          subject: subject.trim(),
          labelKind: kind,
          result,
          expected: null,
          name: "",
          note,
          photo,
          markedAt: new Date().toISOString(),
        });
        close();
      }}
    >
      <label className="field">
        <span>{t("free.kind")}</span>
        <select className="input" value={kind} onChange={(e) => setKind(e.target.value as TLabelKind)} data-testid="free-kind">
          {LABEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`labelKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("free.subject")}</span>
        <input
          className="input"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          maxLength={200}
          aria-invalid={tried && subject.trim() === "" ? true : undefined}
          data-testid="free-subject"
        />
        {tried && subject.trim() === "" && (
          <p className="field-error" role="alert" data-testid="free-subject-missing">
            {t("free.subjectMissing")}
          </p>
        )}
        <p className="help">{t("free.subjectHelp")}</p>
      </label>
      <fieldset className="choices">
        <legend>{t("free.result")}</legend>
        {FINDINGS.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="free-result" checked={result === r} onChange={() => setResult(r)} data-testid={`free-result-${r}`} />
            {t(`result.${r}`)}
          </label>
        ))}
      </fieldset>
    </FindingForm>
  );
}
