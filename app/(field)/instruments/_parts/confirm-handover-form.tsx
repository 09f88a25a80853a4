"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { queueConfirmHandOver } from "@/client/instruments/enqueue-custody";
import type { InstrumentView } from "@/client/instruments/read-model";
import { ProblemText } from "./problem";
import { useColleagues } from "./use-colleagues";
import { useInstrumentSave } from "./use-instrument-queue";

/**
 * The custodian confirms a hand-over both colleagues signed (移交手续): the loan moves to the receiver with its due
 * day; or refuses it, saying why (the giver keeps it, and returns it or offers it again).
 */
export function ConfirmHandOverForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const colleagues = useColleagues();
  const h = view.handover;
  const [decision, setDecision] = useState<"confirm" | "refuse">("confirm");
  const [note, setNote] = useState("");
  const [showErrors, setShowErrors] = useState(false);
  if (!h) return null;
  const receiver = colleagues.list.find((c) => c.id === h.toUserId) ?? null;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (decision === "refuse" && !note.trim()) {
      setShowErrors(true);
      return;
    }
    await save((ctx) => queueConfirmHandOver(ctx, view, { decision, note, receiver }));
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="confirm-handover-form">
      <h2>{t("confirmHandover.title")}</h2>
      <p data-testid="confirm-handover-parties">{t("confirmHandover.parties", { from: h.fromName ?? "—", to: h.toName ?? h.toUsername ?? "—" })}</p>
      <p className="muted small">
        {t("confirmHandover.conditions", {
          out: tn(`condition.${h.conditionOut}`),
          in: h.conditionIn ? tn(`condition.${h.conditionIn}`) : "—",
        })}
      </p>
      <ProblemText problem={problem} />
      <fieldset className="choices">
        <legend>{t("confirmHandover.decision")}</legend>
        {(["confirm", "refuse"] as const).map((d) => (
          <label key={d} className="choice" data-testid={`handover-${d}`}>
            <input type="radio" name="handover-decision" checked={decision === d} onChange={() => setDecision(d)} />
            <span className="grow">{t(`confirmHandover.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{decision === "refuse" ? t("noteRequiredLabel") : t("noteLabel")}</span>
        <textarea className="input" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="confirm-handover-note" />
        {showErrors && decision === "refuse" && !note.trim() && (
          <p className="field-error" role="alert">
            {t("noteRequired")}
          </p>
        )}
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className={decision === "refuse" ? "btn danger block big-action" : "btn block big-action"}
          disabled={busy || !ready}
          data-testid="confirm-handover-save"
        >
          {t(`confirmHandover.save.${decision}`)}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
