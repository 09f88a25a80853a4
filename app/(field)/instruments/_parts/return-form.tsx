"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { queueReturn } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";
import { ConditionField } from "./condition-field";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/** Return by scan with the condition noted; a faulty instrument opens a fault for the designated repairer. */
export function ReturnForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const [condition, setCondition] = useState<TCondition | null>("good");
  const [note, setNote] = useState("");
  const [showErrors, setShowErrors] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!condition || conditionNeedsNote(condition, note)) {
      setShowErrors(true);
      return;
    }
    await save((ctx) => queueReturn(ctx, view, { condition, note }));
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="return-form">
      <h2>{t("return.title")}</h2>
      <ProblemText problem={problem} />
      <ConditionField legend={t("return.condition")} condition={condition} note={note} onCondition={setCondition} onNote={setNote} showErrors={showErrors} />
      {condition === "faulty" && (
        <p className="alert" data-tone="info">
          {t("return.faultyOpensFault")}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="return-save">
          {t("return.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
