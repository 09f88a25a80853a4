"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import type { TColleague } from "@/client/instruments/enqueue";
import { queueCloseRequest, queueIssue } from "@/client/instruments/enqueue-custody";
import type { TRequestView } from "@/client/instruments/predict";
import type { InstrumentView } from "@/client/instruments/read-model";
import { checklistOf } from "@/domain/instruments/accessories";
import { mayHold, maxShortDue } from "@/domain/instruments/loans";
import { longLoanDue } from "@/domain/instruments/settings";
import { BadgePick } from "./badge-pick";
import { ChecklistField } from "./checklist-field";
import { ProblemText } from "./problem";
import { useColleagues } from "./use-colleagues";
import { useInstrumentSave } from "./use-instrument-queue";

const OTHER = "other";

/**
 * The custodian hands the instrument out at Technology Development (领用手续): to a borrower who asked by scan, or
 * to someone named here (their badge scanned, or picked from the list); the manual and accessories are checked item
 * by item as it goes out. Works with no signal.
 */
export function IssueForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const colleagues = useColleagues();
  const requests = view.requests.filter((r) => !(r.term === "long" && r.status === "requested"));
  const [choice, setChoice] = useState<string>(requests[0]?.loanId ?? OTHER);
  const request: TRequestView | null = requests.find((r) => r.loanId === choice) ?? null;
  const people = colleagues.list.filter((c) => mayHold({ id: c.id, role: c.role, department: c.department }, view.row).ok);
  const [person, setPerson] = useState<TColleague | null>(null);
  const [search, setSearch] = useState("");
  const max = maxShortDue(view.today);
  const asked = request?.dueOn && request.dueOn >= view.today && request.dueOn <= max ? request.dueOn : max;
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [purpose, setPurpose] = useState("");
  const items = checklistOf({ manual: view.row.manual ?? "", accessories: view.row.accessories ?? [] });
  const [missing, setMissing] = useState<string[]>(view.row.missingAccessories ?? []);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const [showErrors, setShowErrors] = useState(false);
  const long = request?.term === "long";
  const shown = people.filter((c) => !search.trim() || `${c.displayName} ${c.username}`.toLowerCase().includes(search.trim().toLowerCase()));

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (declining) {
      if (!request || !reason.trim()) {
        setShowErrors(true);
        return;
      }
      await save((ctx) => queueCloseRequest(ctx, request, reason));
      return;
    }
    if (!request && !person) {
      setShowErrors(true);
      return;
    }
    await save((ctx) =>
      queueIssue(ctx, view, {
        request,
        person,
        username: person?.username ?? "",
        dueOn: long ? undefined : (dueOn ?? asked),
        purpose,
        missing,
        longLoanMonths: view.longLoanMonths,
      }),
    );
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="issue-form">
      <h2>{t("issue.title")}</h2>
      <p className="muted">{t("issue.help")}</p>
      <ProblemText problem={problem} />
      <fieldset className="choices" data-testid="issue-to">
        <legend>{t("issue.to")}</legend>
        {requests.map((r) => (
          <label key={r.loanId} className="choice" data-testid={`issue-request-${r.borrowerUsername ?? r.borrowerId}`}>
            <input type="radio" name="issue-to" checked={choice === r.loanId} onChange={() => setChoice(r.loanId)} />
            <span className="grow">
              <strong>{r.borrowerName ?? r.borrowerUsername ?? "—"}</strong>
              <span className="muted small">
                {" "}
                · {tn(`loanTerm.${r.term}`)} · {tn(`loanStatus.${r.status}`)}
                {r.purpose && ` · “${r.purpose}”`}
              </span>
            </span>
          </label>
        ))}
        <label className="choice" data-testid="issue-other">
          <input type="radio" name="issue-to" checked={choice === OTHER} onChange={() => setChoice(OTHER)} />
          <span className="grow">{requests.length > 0 ? t("issue.someoneElse") : t("issue.named")}</span>
        </label>
      </fieldset>
      {choice === OTHER && !declining && (
        <fieldset className="choices" data-testid="issue-people">
          <legend>{t("issue.who")}</legend>
          <BadgePick
            view={view}
            colleagues={colleagues}
            selected={person}
            onPick={(c) => {
              setPerson(c);
              setSearch(c.username);
            }}
          />
          <input className="input" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t("issue.search")} data-testid="issue-search" />
          {colleagues.loading && <p className="muted">{t("loading")}</p>}
          {shown.slice(0, 12).map((c) => (
            <label key={c.id} className="choice" data-testid={`issue-person-${c.username}`}>
              <input type="radio" name="issue-person" checked={person?.id === c.id} onChange={() => setPerson(c)} />
              <span className="grow">{c.displayName}</span>
              <span className="mono small muted">{c.username}</span>
            </label>
          ))}
          {showErrors && !person && (
            <p className="field-error" role="alert">
              {t("issue.whoMissing")}
            </p>
          )}
        </fieldset>
      )}
      {declining ? (
        <label className="field">
          <span>{t("issue.declineReason")}</span>
          <textarea className="input" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decline-reason" />
          {showErrors && !reason.trim() && (
            <p className="field-error" role="alert">
              {t("issue.declineReasonMissing")}
            </p>
          )}
        </label>
      ) : (
        <>
          {long ? (
            <p className="alert" data-tone="info" data-testid="issue-long-term">
              {view.longLoanMonths === null
                ? t("issue.longNoTerm")
                : t("issue.longTerm", { months: view.longLoanMonths, date: longLoanDue(view.today, view.longLoanMonths) ?? "—" })}
            </p>
          ) : (
            <DayPicker
              label={t("borrow.dueOn")}
              value={dueOn ?? asked}
              min={view.today}
              max={max}
              onChange={setDueOn}
              testId="issue-due"
              help={t("borrow.dueHelp", { date: max })}
            />
          )}
          {choice === OTHER && (
            <label className="field">
              <span>{t("borrow.purpose")}</span>
              <input className="input" maxLength={300} value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid="issue-purpose" />
            </label>
          )}
          <ChecklistField items={items} missing={missing} onChange={setMissing} />
        </>
      )}
      <div className="form-actions">
        <button type="submit" className={declining ? "btn danger block big-action" : "btn block big-action"} disabled={busy || !ready} data-testid="issue-save">
          {declining ? t("issue.declineSave") : t("issue.save")}
        </button>
        {request && request.borrowerId && (
          <button type="button" className="btn secondary block" onClick={() => setDeclining((d) => !d)} disabled={busy} data-testid="issue-decline">
            {declining ? t("issue.backToIssue") : t("issue.decline")}
          </button>
        )}
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
