import { describe, expect, test } from "vitest";
import type { TActor } from "./rules";
import { checkCloseRequest, checkConfirmHandOver, checkConfirmReturn, checkIssue, LOAN_TRANSITIONS, loanTransition, type TIssueRequest } from "./custody";
import { LOAN_STATUSES, type TLoanStatus } from "./names";
import { custodian, head, instrument, keeper, lineman, lineman2, onLoan, opsUser, techHead, TODAY } from "./test-facts";

/** Every role the instrument rules meet, for the state × role tables below. */
const ROLES: Record<string, TActor> = { custodian, lineman, lineman2, opsUser, head, techHead, keeper, admin: { ...head, id: "u-admin", role: "admin" } };
const notCustodians = Object.entries(ROLES).filter(([, a]) => a.role !== "instrument_custodian");

const request = (over: Partial<TIssueRequest> = {}): TIssueRequest => ({
  id: "loan-1",
  instrumentId: "i-1",
  borrowerId: lineman.id,
  department: "terminal_service",
  term: "short",
  status: "requested",
  dueOn: "2026-03-20",
  ...over,
});

describe("the loan's steps: one table", () => {
  test("each step from each status: allowed exactly where the table says", () => {
    const allowed: Record<keyof typeof LOAN_TRANSITIONS, (TLoanStatus | null)[]> = {
      request: [null],
      approve: ["requested"],
      reject: ["requested"],
      issue: [null, "requested", "approved"],
      decline: ["requested", "approved"],
      cancel: ["requested", "approved"],
      request_return: ["active"],
      confirm_return: ["active", "return_requested"],
      hand_over: ["active"],
    };
    for (const [event, from] of Object.entries(allowed) as [keyof typeof LOAN_TRANSITIONS, (TLoanStatus | null)[]][]) {
      for (const status of [null, ...LOAN_STATUSES]) {
        expect([event, status, loanTransition(event, status) !== null]).toEqual([event, status, from.includes(status)]);
      }
    }
  });
  test("returned, handed over, rejected and cancelled are final", () => {
    for (const status of ["returned", "handed_over", "rejected", "cancelled"] as const) {
      for (const event of Object.keys(LOAN_TRANSITIONS) as (keyof typeof LOAN_TRANSITIONS)[]) expect(loanTransition(event, status)).toBeNull();
    }
  });
});

describe("issue at Technology Development: the custodian hands it out", () => {
  const issue = (over: Partial<Parameters<typeof checkIssue>[0]> = {}) =>
    checkIssue({
      custodian,
      borrower: lineman,
      instrument: instrument(),
      loan: null,
      issuedOn: TODAY,
      today: TODAY,
      longLoanMonths: null,
      ...over,
    });

  test("directly (scan the instrument, name the borrower): a short loan, due at most a month from the issue day", () => {
    expect(issue()).toEqual({ ok: true, already: false, term: "short", dueOn: "2026-04-10" });
    expect(issue({ dueOn: "2026-03-15" })).toEqual({ ok: true, already: false, term: "short", dueOn: "2026-03-15" });
    expect(issue({ dueOn: "2026-04-11" })).toMatchObject({ ok: false, code: "loan_too_long" });
  });

  test("confirming a short request: the day asked for while still in the window, else a month from the issue day", () => {
    expect(issue({ loan: request() })).toEqual({ ok: true, already: false, term: "short", dueOn: "2026-03-20" });
    expect(issue({ loan: request({ dueOn: null }) })).toMatchObject({ ok: true, dueOn: "2026-04-10" });
    // asked on the 1st for the 5th, handed out on the 10th: the 5th is gone, a month from the issue day
    expect(issue({ loan: request({ dueOn: "2026-03-05" }) })).toMatchObject({ ok: true, dueOn: "2026-04-10" });
    expect(issue({ loan: request(), dueOn: "2026-03-12" })).toMatchObject({ ok: true, dueOn: "2026-03-12" });
  });

  test("a long request needs the head's approval first; approved, it runs the department's term (none by default)", () => {
    const long = request({ term: "long", dueOn: null });
    expect(issue({ loan: long })).toEqual({ ok: false, code: "invalid_transition", details: { reason: "approval_required" } });
    expect(issue({ loan: { ...long, status: "approved" }, otherLendableOfKind: 1 })).toEqual({ ok: true, already: false, term: "long", dueOn: null });
    expect(issue({ loan: { ...long, status: "approved" }, otherLendableOfKind: 1, longLoanMonths: 6 })).toMatchObject({ ok: true, dueOn: "2026-09-10" });
    // the dispatch reserve and the borrower's department are checked again at the issue
    expect(issue({ loan: { ...long, status: "approved" }, otherLendableOfKind: 0 })).toMatchObject({ ok: false, code: "dispatch_reserve" });
    expect(issue({ loan: { ...long, status: "approved" }, borrower: { ...lineman, department: "operations" } })).toMatchObject({
      ok: false,
      code: "not_allowed",
    });
  });

  test("only the custodian hands out; every other role is refused", () => {
    for (const [name, who] of notCustodians) expect([name, issue({ custodian: who }).ok]).toEqual([name, false]);
    expect(issue({ custodian: { ...custodian, active: false } })).toEqual({ ok: false, code: "not_allowed" });
  });

  test("only to someone who may hold it: a borrower role, active, of a special instrument's department", () => {
    expect(issue({ borrower: null })).toMatchObject({ ok: false, code: "not_found" });
    for (const who of [head, custodian, keeper, { ...lineman, active: false }])
      expect(issue({ borrower: who })).toMatchObject({ ok: false, code: "not_allowed" });
    const special = instrument({ category: "special", department: "terminal_service" });
    expect(issue({ instrument: special, borrower: opsUser })).toMatchObject({ ok: false, code: "wrong_department" });
    expect(issue({ instrument: special }).ok).toBe(true);
  });

  test("only a lendable instrument: on loan, at repair, faulty, scrap pending, scrapped or without a permit is refused", () => {
    expect(issue({ instrument: onLoan(lineman2) })).toMatchObject({ ok: false, code: "not_available" });
    expect(issue({ instrument: instrument({ status: "at_repair" }) })).toMatchObject({ ok: false, code: "not_available" });
    expect(issue({ instrument: instrument({ faultOpen: true }) })).toMatchObject({ ok: false, code: "not_available" });
    expect(issue({ instrument: instrument({ scrapPending: true }) })).toMatchObject({ ok: false, code: "not_available" });
    expect(issue({ instrument: instrument({ status: "scrapped" }) })).toMatchObject({ ok: false, code: "not_available" });
    expect(issue({ instrument: instrument({ calibratedOn: "2024-01-01" }) })).toMatchObject({ ok: false, code: "permit_invalid" });
  });

  test("sent twice: the loan already out with this borrower is `already`; a request of someone else is not theirs", () => {
    const out = onLoan(lineman, { loanId: "loan-1" });
    expect(issue({ loan: request({ status: "active" }), instrument: out })).toEqual({ ok: true, already: true, term: "short", dueOn: "2026-03-20" });
    expect(issue({ loan: request({ status: "active" }), instrument: onLoan(lineman, { loanId: "loan-9" }) })).toMatchObject({ ok: false });
    expect(issue({ loan: request(), borrower: lineman2 })).toMatchObject({ ok: false, code: "invalid_transition", details: { reason: "borrower_differs" } });
  });

  test("every status of the request: only an open one is handed out (a long one once approved)", () => {
    for (const status of LOAN_STATUSES) {
      const r = issue({ loan: request({ status, term: "short" }), instrument: instrument() });
      expect([status, r.ok]).toEqual([status, status === "requested" || status === "approved"]);
      const l = issue({ loan: request({ status, term: "long", dueOn: null }), instrument: instrument(), otherLendableOfKind: 1 });
      expect([status, l.ok]).toEqual([status, status === "approved"]);
    }
  });
});

describe("closing a request without an issue", () => {
  const loan = request();
  const close = (over: Partial<Parameters<typeof checkCloseRequest>[0]> = {}) => checkCloseRequest({ user: lineman, loan, as: "cancel", note: "", ...over });

  test("the borrower withdraws their own; the custodian declines with a reason; nobody else", () => {
    expect(close()).toEqual({ ok: true, already: false });
    expect(close({ user: lineman2 })).toEqual({ ok: false, code: "not_allowed" });
    expect(close({ user: custodian, as: "decline", note: "在用，下周再来" })).toEqual({ ok: true, already: false });
    expect(close({ user: custodian, as: "decline", note: " " })).toEqual({ ok: false, code: "note_required" });
    for (const [name, who] of notCustodians) expect([name, close({ user: who, as: "decline", note: "x" }).ok]).toEqual([name, false]);
  });

  test("every status: open ones close, a repeat answer is already, the rest are refused", () => {
    for (const status of LOAN_STATUSES) {
      const c = close({ loan: { ...loan, status } });
      const open = status === "requested" || status === "approved";
      expect([status, c.ok, c.ok && c.already]).toEqual([status, open || status === "cancelled", status === "cancelled"]);
      const d = close({ user: custodian, as: "decline", note: "x", loan: { ...loan, status } });
      expect([status, d.ok && d.already]).toEqual([status, status === "rejected"]);
    }
  });
});

describe("the custodian confirms a return", () => {
  const loan = { ...request(), status: "return_requested" as const };
  const confirm = (over: Partial<Parameters<typeof checkConfirmReturn>[0]> = {}) =>
    checkConfirmReturn({ custodian, loan, instrument: { loanId: "loan-1" }, condition: "good", note: "", ...over });

  test("asked for by the holder, or brought straight to the desk; a repeat is already", () => {
    expect(confirm()).toEqual({ ok: true, already: false });
    expect(confirm({ loan: { ...loan, status: "active" } })).toEqual({ ok: true, already: false });
    for (const status of LOAN_STATUSES) {
      const r = confirm({ loan: { ...loan, status } });
      const already = status === "returned" || status === "handed_over";
      const open = status === "active" || status === "return_requested";
      expect([status, r.ok, r.ok && r.already, r.ok ? null : r.code]).toEqual([
        status,
        already || open,
        already,
        already || open ? null : "invalid_transition",
      ]);
    }
  });

  test("only the custodian; damaged or faulty needs a note; a loan the instrument has left is refused", () => {
    for (const [name, who] of notCustodians) expect([name, confirm({ custodian: who }).ok]).toEqual([name, false]);
    expect(confirm({ condition: "damaged" })).toEqual({ ok: false, code: "note_required" });
    expect(confirm({ condition: "faulty", note: "屏幕不亮" })).toEqual({ ok: true, already: false });
    expect(confirm({ instrument: { loanId: "loan-2" } })).toMatchObject({ ok: false, code: "invalid_transition", details: { reason: "holder_changed" } });
  });
});

describe("the custodian confirms a hand-over both colleagues signed", () => {
  const handover = { id: "h-1", instrumentId: "i-1", loanId: "loan-1", fromUserId: lineman.id, toUserId: lineman2.id, status: "accepted" as const };
  const loan = { id: "loan-1", status: "active" as const, term: "short" as const, department: "terminal_service" as const };
  const confirm = (over: Partial<Parameters<typeof checkConfirmHandOver>[0]> = {}) =>
    checkConfirmHandOver({
      custodian,
      handover,
      instrument: onLoan(lineman, { loanId: "loan-1" }),
      loan,
      receiver: lineman2,
      decision: "confirm",
      note: "",
      today: TODAY,
      ...over,
    });

  test("confirm or refuse (with a reason) a signed hand-over; a repeat is already; other statuses are refused", () => {
    expect(confirm()).toEqual({ ok: true, already: false });
    expect(confirm({ decision: "refuse", note: "" })).toEqual({ ok: false, code: "note_required" });
    expect(confirm({ decision: "refuse", note: "接收人不在本部门" })).toEqual({ ok: true, already: false });
    for (const status of ["offered", "declined", "cancelled"] as const) {
      expect(confirm({ handover: { ...handover, status } })).toMatchObject({ ok: false, code: "invalid_transition" });
    }
    expect(confirm({ handover: { ...handover, status: "confirmed" } })).toEqual({ ok: true, already: true });
    expect(confirm({ handover: { ...handover, status: "refused" }, decision: "refuse", note: "x" })).toEqual({ ok: true, already: true });
    expect(confirm({ handover: { ...handover, status: "refused" } })).toMatchObject({ ok: false });
  });

  test("only the custodian", () => {
    for (const [name, who] of notCustodians) expect([name, confirm({ custodian: who }).ok]).toEqual([name, false]);
  });

  test("checked again as an issue: the receiver may still hold it, a long loan stays in its department, the permit holds", () => {
    expect(confirm({ receiver: { ...lineman2, active: false } })).toMatchObject({ ok: false, code: "not_allowed" });
    expect(confirm({ receiver: null })).toMatchObject({ ok: false, code: "not_found" });
    expect(confirm({ receiver: opsUser, loan: { ...loan, term: "long" } })).toMatchObject({ ok: false, code: "wrong_department" });
    expect(confirm({ instrument: onLoan(lineman, { loanId: "loan-1", calibratedOn: "2024-01-01" }) })).toMatchObject({ ok: false, code: "permit_invalid" });
    expect(confirm({ loan: { ...loan, status: "return_requested" } })).toMatchObject({ ok: false, code: "invalid_transition" });
    expect(confirm({ instrument: onLoan(lineman2, { loanId: "loan-1" }) })).toMatchObject({ ok: false, code: "invalid_transition" });
  });
});
