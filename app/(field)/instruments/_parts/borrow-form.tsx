"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import { queueBorrow } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import { maxShortDue } from "@/domain/instruments/loans";
import type { TLoanTerm } from "@/domain/instruments/names";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/**
 * Ask to borrow by scan, as short as before (ADR 0040): the request goes to Technology Development, where the custodian
 * hands the instrument out. Short-term: due at most one month on (the due day is shown and may be set earlier).
 * Long-term: a request with its purpose for the department head first; the term is Technology Development's setting.
 */
export function BorrowForm({ view, term, onCancel, onSaved }: { view: InstrumentView; term: TLoanTerm; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const max = maxShortDue(view.today);
  const [dueOn, setDueOn] = useState(max);
  const [purpose, setPurpose] = useState("");
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    await save((ctx) => queueBorrow(ctx, view, term === "short" ? { term, dueOn: dueOn || undefined, purpose } : { term, purpose }));
  };
  const purposeMissing =
    term === "long" &&
    problem !== null &&
    problem !== "save_failed" &&
    (problem.kind === "invalid" ? "purpose" in problem.fields : problem.code === "note_required");
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="borrow-form" data-term={term}>
      <h2>{term === "short" ? t("borrow.titleShort") : t("borrow.titleLong")}</h2>
      <p className="muted" data-testid="borrow-help">
        {term === "short"
          ? t("borrow.helpShort")
          : view.longLoanMonths === null
            ? t("borrow.helpLongNoTerm")
            : t("borrow.helpLong", { months: view.longLoanMonths })}
      </p>
      <ProblemText problem={purposeMissing ? null : problem} />
      {term === "short" ? (
        <DayPicker
          label={t("borrow.dueOn")}
          value={dueOn}
          min={view.today}
          max={max}
          onChange={setDueOn}
          testId="borrow-due"
          help={t("borrow.dueHelp", { date: max })}
        />
      ) : null}
      <label className="field">
        <span>{term === "long" ? t("borrow.purposeRequired") : t("borrow.purpose")}</span>
        <textarea
          className="input"
          rows={3}
          maxLength={300}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          aria-invalid={purposeMissing}
          data-testid="borrow-purpose"
        />
        {purposeMissing && (
          <p className="field-error" role="alert">
            {t("borrow.purposeMissing")}
          </p>
        )}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="borrow-save">
          {term === "short" ? t("borrow.saveShort") : t("borrow.saveLong")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
