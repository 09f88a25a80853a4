"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { queueRecordCare } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import { CARE_KINDS, type TCareKind } from "@/domain/instruments/names";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/** Routine care (常规保养) into the usage file: powered on, dusted; both ticked by default, as usually done together. */
export function CareForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const [care, setCare] = useState<TCareKind[]>([...CARE_KINDS]);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const toggle = (c: TCareKind, on: boolean) => setCare((prev) => CARE_KINDS.filter((k) => (k === c ? on : prev.includes(k))));
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (care.length === 0) {
      setMissing(true);
      return;
    }
    await save((ctx) => queueRecordCare(ctx, view, { care, note }));
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="care-form">
      <h2>{t("care.title")}</h2>
      <ProblemText problem={problem} />
      <fieldset className="choices">
        <legend>{t("care.what")}</legend>
        {CARE_KINDS.map((c) => (
          <label key={c} className="choice" data-testid={`care-${c}`}>
            <input type="checkbox" checked={care.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
            <span className="grow">{tn(`care.${c}`)}</span>
          </label>
        ))}
        {missing && care.length === 0 && (
          <p className="field-error" role="alert">
            {t("care.missing")}
          </p>
        )}
      </fieldset>
      <label className="field">
        <span>{t("noteLabel")}</span>
        <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="care-note" />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="care-save">
          {t("care.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
