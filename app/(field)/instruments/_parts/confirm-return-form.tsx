"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { queueConfirmReturn } from "@/client/instruments/enqueue-custody";
import type { InstrumentView } from "@/client/instruments/read-model";
import { checklistOf } from "@/domain/instruments/accessories";
import type { TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";
import { ChecklistField } from "./checklist-field";
import { ConditionField } from "./condition-field";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/**
 * The custodian takes the instrument back (归还手续): the condition it is in (what the holder said, when they asked, is
 * shown) and the manual and accessories checked; what went out missing is marked so and not blamed on this loan.
 */
export function ConfirmReturnForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const loan = view.loan;
  const reported = loan?.status === "return_requested" ? (loan.reportedCondition ?? null) : null;
  const [condition, setCondition] = useState<TCondition | null>(reported ?? "good");
  const [note, setNote] = useState(loan?.reportedNote ?? "");
  const items = checklistOf({ manual: view.row.manual ?? "", accessories: view.row.accessories ?? [] });
  const wentOut = loan?.issueMissing ?? view.row.missingAccessories ?? [];
  const [missing, setMissing] = useState<string[]>(items.filter((i) => wentOut.includes(i)));
  const [showErrors, setShowErrors] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!condition || conditionNeedsNote(condition, note)) {
      setShowErrors(true);
      return;
    }
    await save((ctx) => queueConfirmReturn(ctx, view, { condition, note, missing }));
  };
  const lost = missing.filter((m) => !wentOut.includes(m));
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="confirm-return-form">
      <h2>{t("confirmReturn.title")}</h2>
      <p className="muted">{t("confirmReturn.from", { name: view.row.holderName ?? "—" })}</p>
      {reported && (
        <p className="alert" data-tone="info" data-testid="reported-condition">
          {t("confirmReturn.reported", { condition: tn(`condition.${reported}`) })}
          {loan?.reportedNote && ` “${loan.reportedNote}”`}
        </p>
      )}
      <ProblemText problem={problem} />
      <ConditionField legend={t("return.condition")} condition={condition} note={note} onCondition={setCondition} onNote={setNote} showErrors={showErrors} />
      <ChecklistField items={items} missing={missing} onChange={setMissing} wentOutMissing={wentOut} />
      {lost.length > 0 && (
        <p className="alert" data-tone="warn" data-testid="lost-warning">
          {t("confirmReturn.lost", { items: lost.join(t("listSeparator")) })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="confirm-return-save">
          {t("confirmReturn.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
