/**
 * Queues the custodian's steps at Technology Development (ADR 0040) and a borrower's withdrawal of a request: each is
 * decided first with the rules the server applies (domain/instruments/custody.ts) on the state this phone predicts,
 * then validated and written to the outbox (enqueue.ts). Ids: a request's own loan id when the custodian hands out
 * what was asked for, a new one for a short loan handed out directly; a resend never records twice on the server.
 */
import { checkCloseRequest, checkConfirmHandOver, checkConfirmReturn, checkIssue } from "@/domain/instruments/custody";
import type { TCondition } from "@/domain/instruments/names";
import type { TActor } from "@/domain/instruments/rules";
import { loanOf, newId, queue, refused, type InstrumentQueueContext, type TColleague, type TInstrumentQueued } from "./enqueue";
import type { TRequestView } from "./predict";
import { factsOf, type InstrumentView } from "./read-model";

const noLoan = (reason: string): TInstrumentQueued => ({ ok: false, problem: { kind: "refused", code: "invalid_transition", details: { reason } } });

/** The borrower as the rules read them: from the colleague list kept on the phone, else what the request row says. */
function borrowerActor(request: TRequestView | null, person: TColleague | null, department: TActor["department"] | null): TActor | null {
  if (person) return { id: person.id, role: person.role, department: person.department, active: true };
  // a request's borrower asked with a borrower's role; their department is the loan's (the server checks again)
  if (request) return { id: request.borrowerId, role: "lineman", department: department ?? "terminal_service", active: true };
  return null;
}

/**
 * The custodian hands the instrument out: what `request` asked for, or (request null) a short loan to `person` handed
 * out directly; `missing` names what of the manual and accessories is not there as it goes out.
 */
export async function queueIssue(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: {
    request: TRequestView | null;
    person: TColleague | null;
    username: string;
    dueOn?: string;
    purpose: string;
    missing: string[];
    longLoanMonths: number | null;
  },
): Promise<TInstrumentQueued> {
  const { request } = input;
  const borrower = borrowerActor(request, input.person, request?.department ?? null);
  const no = refused(
    checkIssue({
      custodian: ctx.me,
      borrower,
      instrument: factsOf(view.row),
      loan: request
        ? {
            id: request.loanId,
            instrumentId: view.row.id,
            borrowerId: request.borrowerId,
            department: borrower?.department ?? "terminal_service",
            term: request.term,
            status: request.status,
            dueOn: request.dueOn,
          }
        : null,
      dueOn: input.dueOn,
      issuedOn: view.today,
      today: view.today,
      longLoanMonths: input.longLoanMonths,
      holderName: view.row.holderName,
    }),
  );
  if (no) return no;
  const username = request?.borrowerUsername ?? input.username;
  if (!username) return { ok: false, problem: { kind: "invalid", fields: { borrowerUsername: "validation.required" } } };
  return queue(ctx, "instrument.issue", {
    loanId: request?.loanId ?? newId(),
    instrumentId: view.row.id,
    borrowerUsername: username,
    ...(input.dueOn ? { dueOn: input.dueOn } : {}),
    purpose: input.purpose,
    check: { missing: input.missing },
  });
}

/** A request closes: the borrower withdraws their own (`cancel`), the custodian declines one with a reason (`decline`). */
export async function queueCloseRequest(ctx: InstrumentQueueContext, request: TRequestView, note: string): Promise<TInstrumentQueued> {
  const as = request.borrowerId === ctx.me.id ? "cancel" : "decline";
  const no = refused(
    checkCloseRequest({
      user: ctx.me,
      loan: {
        id: request.loanId,
        borrowerId: request.borrowerId,
        department: ctx.me.department,
        term: request.term,
        status: request.status,
        dueOn: request.dueOn,
      },
      as,
      note,
    }),
  );
  if (no) return no;
  if (request.pending) return noLoan("not_sent_yet");
  return queue(ctx, "instrument.closeRequest", { loanId: request.loanId, note });
}

/** The custodian confirms the return: the condition it came back in, and what of the manual and accessories is missing. */
export async function queueConfirmReturn(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { condition: TCondition; note: string; missing: string[] },
): Promise<TInstrumentQueued> {
  if (!view.row.loanId) return noLoan("loan_unknown");
  const check = checkConfirmReturn({ custodian: ctx.me, loan: loanOf(view, ctx.me), instrument: view.row, condition: input.condition, note: input.note });
  const no = refused(check);
  if (no) return no;
  if (check.ok && check.already) return noLoan("returned");
  return queue(ctx, "instrument.confirmReturn", {
    loanId: view.row.loanId,
    instrumentId: view.row.id,
    condition: input.condition,
    note: input.note,
    check: { missing: input.missing },
  });
}

/** The custodian confirms a hand-over both colleagues signed (the loan moves), or refuses it with a reason. */
export async function queueConfirmHandOver(
  ctx: InstrumentQueueContext,
  view: InstrumentView,
  input: { decision: "confirm" | "refuse"; note: string; receiver: TColleague | null },
): Promise<TInstrumentQueued> {
  const h = view.handover;
  if (!h || h.status !== "accepted") return noLoan("no_handover");
  const loan = loanOf(view, ctx.me);
  const no = refused(
    checkConfirmHandOver({
      custodian: ctx.me,
      handover: { id: h.id, instrumentId: view.row.id, loanId: h.loanId, fromUserId: h.fromUserId, toUserId: h.toUserId ?? "", status: h.status },
      instrument: factsOf(view.row),
      loan: { id: loan.id, status: loan.status, term: loan.term, department: loan.department },
      // the receiver's role and department when the colleague list reached this phone; else the server decides
      receiver: input.receiver
        ? { id: input.receiver.id, role: input.receiver.role, department: input.receiver.department, active: true }
        : { id: h.toUserId ?? "", role: "lineman", department: loan.department, active: true },
      decision: input.decision,
      note: input.note,
      today: view.today,
    }),
  );
  if (no) return no;
  return queue(ctx, "instrument.confirmHandOver", { handoverId: h.id, decision: input.decision, note: input.note });
}
