"use client";
import { useTranslations } from "next-intl";
import { CONDITIONS, type TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";

/** The condition the instrument is in (good, damaged, faulty) and the note a damaged or faulty one needs. */
export function ConditionField({
  condition,
  note,
  onCondition,
  onNote,
  showErrors,
  legend,
}: {
  condition: TCondition | null;
  note: string;
  onCondition: (c: TCondition) => void;
  onNote: (n: string) => void;
  showErrors: boolean;
  legend: string;
}) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const needsNote = condition !== null && conditionNeedsNote(condition, note);
  return (
    <>
      <fieldset className="choices">
        <legend>{legend}</legend>
        {CONDITIONS.map((c) => (
          <label key={c} className="choice" data-testid={`condition-${c}`}>
            <input type="radio" name="condition" value={c} checked={condition === c} onChange={() => onCondition(c)} />
            <span className="grow">{tn(`condition.${c}`)}</span>
          </label>
        ))}
        {showErrors && condition === null && (
          <p className="field-error" role="alert">
            {t("conditionRequired")}
          </p>
        )}
      </fieldset>
      <label className="field">
        <span>{condition && condition !== "good" ? t("noteRequiredLabel") : t("noteLabel")}</span>
        <textarea
          className="input"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => onNote(e.target.value)}
          aria-invalid={showErrors && needsNote}
          data-testid="condition-note"
        />
        {showErrors && needsNote && (
          <p className="field-error" role="alert">
            {t("noteRequired")}
          </p>
        )}
      </label>
    </>
  );
}
