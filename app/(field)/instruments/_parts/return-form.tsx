"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { queueReturn, type TInstrumentQueueProblem } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";
import { ConditionField } from "./condition-field";
import { ProblemText } from "./problem";
import { useInstrumentQueue } from "./use-instrument-queue";

/** Return by scan with the condition noted; a faulty instrument opens a fault for the designated repairer. */
export function ReturnForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const q = useInstrumentQueue();
  const [condition, setCondition] = useState<TCondition | null>("good");
  const [note, setNote] = useState("");
  const [showErrors, setShowErrors] = useState(false);
  const [problem, setProblem] = useState<TInstrumentQueueProblem | "save_failed" | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!q) return;
    if (!condition || conditionNeedsNote(condition, note)) return setShowErrors(true);
    setBusy(true);
    try {
      const r = await queueReturn(q.ctx, view, { condition, note });
      if (!r.ok) {
        setProblem(r.problem);
        setBusy(false);
        return;
      }
      q.kick();
      onSaved();
    } catch {
      setProblem("save_failed");
      setBusy(false);
    }
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="return-form">
      <h2>{t("return.title")}</h2>
      <ProblemText problem={problem} />
      <ConditionField legend={t("return.condition")} condition={condition} note={note} onCondition={setCondition} onNote={setNote} showErrors={showErrors} />
      {condition === "faulty" && <p className="alert" data-tone="info">{t("return.faultyOpensFault")}</p>}
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !q} data-testid="return-save">
          {t("return.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
