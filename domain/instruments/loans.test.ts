import { describe, expect, test } from "vitest";
import { nextCalibrationDue } from "./calibration";
import {
  borrowDay,
  checkBorrow,
  checkDispatchReserve,
  checkLoanDecision,
  checkReturn,
  lendable,
  loanDueState,
  maxShortDue,
  unavailability,
  DISPATCH_RESERVE,
  LOAN_REMINDER_DAYS,
  type TLoanFacts,
  loanDecisionNeedsReason,
} from "./loans";
import { custodian, head, instrument, keeper, lineman, lineman2, onLoan, opsUser, techHead, TODAY } from "./test-facts";

const short = (over: Partial<Parameters<typeof checkBorrow>[0]> = {}) =>
  checkBorrow({ borrower: lineman, instrument: instrument(), term: "short", borrowedOn: TODAY, purpose: "", today: TODAY, ...over });
const long = (over: Partial<Parameters<typeof checkBorrow>[0]> = {}) =>
  checkBorrow({
    borrower: lineman,
    instrument: instrument(),
    term: "long",
    borrowedOn: TODAY,
    purpose: "fibre project",
    today: TODAY,
    otherLendableOfKind: 1,
    ...over,
  });

describe("short-term loans: at most one calendar month", () => {
  test("due day defaults to, and may not pass, the borrow day + 1 month", () => {
    expect(short()).toEqual({ ok: true, dueOn: "2026-04-10" });
    expect(short({ dueOn: "2026-03-20" })).toEqual({ ok: true, dueOn: "2026-03-20" });
    expect(short({ dueOn: TODAY })).toEqual({ ok: true, dueOn: TODAY });
    expect(short({ dueOn: "2026-04-11" })).toEqual({ ok: false, code: "loan_too_long", details: { maxDueOn: "2026-04-10" } });
    expect(short({ dueOn: "2026-03-09" })).toMatchObject({ ok: false, code: "loan_too_long" });
  });

  test("month ends clamp: Jan 31 → Feb 28, or Feb 29 in a leap year; Feb 29 → Mar 29", () => {
    expect(maxShortDue("2025-01-31")).toBe("2025-02-28");
    expect(maxShortDue("2028-01-31")).toBe("2028-02-29");
    expect(maxShortDue("2028-02-29")).toBe("2028-03-29");
    expect(maxShortDue("2025-12-31")).toBe("2026-01-31");
    expect(short({ borrowedOn: "2025-01-31", today: "2025-01-31", dueOn: "2025-03-01" })).toMatchObject({
      ok: false,
      code: "loan_too_long",
      details: { maxDueOn: "2025-02-28" },
    });
  });

  test("only borrower roles, active", () => {
    for (const who of [custodian, head, keeper, { ...lineman, role: "admin" as const }, { ...lineman, role: "customer_service" as const }]) {
      expect(short({ borrower: who })).toEqual({ ok: false, code: "not_allowed" });
    }
    expect(short({ borrower: { ...lineman, active: false } })).toEqual({ ok: false, code: "not_allowed" });
    expect(short({ borrower: opsUser }).ok).toBe(true);
    expect(short({ borrower: { ...lineman, role: "quality", department: "enterprise_management" } }).ok).toBe(true);
  });

  test("not lendable: on loan (names the holder), at repair, scrapped, open fault, scrap pending", () => {
    expect(short({ instrument: onLoan(lineman2), holderName: "Zhao Lei" })).toEqual({
      ok: false,
      code: "not_available",
      details: { status: "on_loan", reason: "on_loan", holderId: lineman2.id, holderName: "Zhao Lei", dueOn: "2026-04-10" },
    });
    expect(short({ instrument: instrument({ status: "at_repair" }) })).toMatchObject({ code: "not_available", details: { reason: "at_repair" } });
    expect(short({ instrument: instrument({ status: "scrapped" }) })).toMatchObject({ code: "not_available", details: { reason: "scrapped" } });
    expect(short({ instrument: instrument({ faultOpen: true }) })).toMatchObject({ code: "not_available", details: { reason: "fault_open" } });
    expect(short({ instrument: instrument({ scrapPending: true, faultOpen: true }) })).toMatchObject({
      code: "not_available",
      details: { reason: "scrap_pending" },
    });
  });

  test("the permit blocks loans: overdue, failed or never calibrated", () => {
    expect(short({ instrument: instrument({ calibratedOn: "2024-03-10" }) }).ok).toBe(true); // due 2026-03-10 = today
    expect(short({ instrument: instrument({ calibratedOn: "2024-03-09" }) })).toMatchObject({
      ok: false,
      code: "permit_invalid",
      details: { calibrationDue: "2026-03-09" },
    });
    expect(short({ instrument: instrument({ calibrationResult: "failed" }) })).toMatchObject({ code: "permit_invalid" });
    expect(short({ instrument: instrument({ calibratedOn: null, calibrationDue: null, calibrationResult: null }) })).toMatchObject({ code: "permit_invalid" });
  });

  test("a special instrument only to its own department", () => {
    const special = instrument({ category: "special", department: "terminal_service" });
    expect(short({ instrument: special }).ok).toBe(true);
    expect(short({ instrument: special, borrower: opsUser })).toEqual({ ok: false, code: "wrong_department", details: { department: "terminal_service" } });
  });
});

describe("offline borrows count from the phone's day, within bounds", () => {
  const now = new Date("2026-03-10T02:00:00Z"); // 10:00 in Shanghai
  test("the phone's day in Shanghai", () => {
    expect(borrowDay("2026-03-08T17:00:00Z", now)).toBe("2026-03-09");
    expect(borrowDay("2026-03-10T01:00:00+08:00", now)).toBe("2026-03-10");
  });
  test("a phone clock in the future, or more than 30 days back, counts from today", () => {
    expect(borrowDay("2026-03-11T01:00:00+08:00", now)).toBe("2026-03-10");
    expect(borrowDay("2026-02-08T12:00:00+08:00", now)).toBe("2026-02-08");
    expect(borrowDay("2026-02-07T12:00:00+08:00", now)).toBe("2026-03-10");
    expect(borrowDay("1970-01-01T00:00:00Z", now)).toBe("2026-03-10");
    expect(borrowDay("garbage", now)).toBe("2026-03-10");
  });
});

describe("long-term loans: request, dispatch reserve", () => {
  test("a request needs a purpose; no due day is chosen", () => {
    expect(long()).toEqual({ ok: true, dueOn: null });
    expect(long({ purpose: "  " })).toEqual({ ok: false, code: "note_required" });
  });

  test("a public instrument keeps another of its kind available for dispatch", () => {
    expect(DISPATCH_RESERVE).toBe(1);
    expect(long({ otherLendableOfKind: 0 })).toEqual({ ok: false, code: "dispatch_reserve", details: { kind: "otdr" } });
    expect(long({ otherLendableOfKind: 2 }).ok).toBe(true);
    // Special instruments are not dispatched company-wide: no reserve needed.
    expect(long({ instrument: instrument({ category: "special", department: "terminal_service" }), otherLendableOfKind: 0 }).ok).toBe(true);
    expect(checkDispatchReserve({ category: "public", kind: "k" }, 0).ok).toBe(false);
  });

  test("lendable counts only available, fault-free, not-pending, permitted instruments", () => {
    expect(lendable(instrument(), TODAY)).toBe(true);
    expect(lendable(instrument({ status: "on_loan" }), TODAY)).toBe(false);
    expect(lendable(instrument({ faultOpen: true }), TODAY)).toBe(false);
    expect(lendable(instrument({ scrapPending: true }), TODAY)).toBe(false);
    expect(lendable(instrument({ calibrationResult: "failed" }), TODAY)).toBe(false);
    expect(unavailability(instrument())).toBeNull();
  });
});

describe("department head's decision", () => {
  const loan: TLoanFacts = { id: "l-1", borrowerId: lineman.id, department: "terminal_service", term: "long", status: "requested", dueOn: null };
  const decide = (over: Partial<Parameters<typeof checkLoanDecision>[0]> = {}) =>
    checkLoanDecision({
      approver: head,
      loan,
      decision: "approve",
      reason: "",
      borrower: lineman,
      instrument: instrument(),
      today: TODAY,
      otherLendableOfKind: 1,
      ...over,
    });

  test("only the head of the borrower's department; approved, it waits for the custodian (no term starts yet)", () => {
    expect(decide()).toEqual({ ok: true });
    expect(decide({ approver: techHead })).toEqual({ ok: false, code: "wrong_department", details: { department: "terminal_service" } });
    expect(decide({ approver: custodian })).toEqual({ ok: false, code: "not_allowed" });
    expect(decide({ approver: { ...head, active: false } })).toEqual({ ok: false, code: "not_allowed" });
    expect(decide({ today: "2028-02-29", instrument: instrument({ calibratedOn: "2027-12-01" }) })).toEqual({ ok: true });
  });

  test("a rejection needs a reason; nothing is decided twice", () => {
    expect(decide({ decision: "reject", reason: "" })).toEqual({ ok: false, code: "note_required" });
    expect(decide({ decision: "reject", reason: "needed for dispatch" })).toEqual({ ok: true });
    for (const status of ["approved", "active", "return_requested", "rejected", "cancelled", "returned"] as const) {
      expect(decide({ loan: { ...loan, status } })).toMatchObject({ ok: false, code: "invalid_transition" });
    }
    expect(decide({ loan: { ...loan, term: "short" } })).toMatchObject({ ok: false, code: "invalid_transition" });
  });

  test("approval re-checks today's state: lent meanwhile, permit lapsed, reserve gone, borrower moved", () => {
    expect(decide({ instrument: onLoan(lineman2) })).toMatchObject({ ok: false, code: "not_available" });
    expect(decide({ instrument: instrument({ calibratedOn: "2024-01-01" }) })).toMatchObject({ ok: false, code: "permit_invalid" });
    expect(decide({ otherLendableOfKind: 0 })).toMatchObject({ ok: false, code: "dispatch_reserve" });
    expect(decide({ borrower: { ...lineman, department: "operations" } })).toMatchObject({ ok: false, code: "not_allowed" });
    expect(decide({ borrower: { ...lineman, active: false } })).toMatchObject({ ok: false, code: "not_allowed" });
    // Rejecting is always possible while the request is open.
    expect(decide({ decision: "reject", reason: "no", instrument: instrument({ status: "scrapped" }) }).ok).toBe(true);
  });
});

describe("returns", () => {
  const loan: TLoanFacts = { id: "l-1", borrowerId: lineman.id, department: "terminal_service", term: "short", status: "active", dueOn: "2026-04-10" };
  test("the holder asks (the custodian confirms); the custodian takes it back; a resend is a no-op", () => {
    expect(checkReturn({ user: lineman, loan, condition: "good", note: "" })).toEqual({ ok: true, already: false, confirm: false });
    expect(checkReturn({ user: custodian, loan, condition: "good", note: "" })).toEqual({ ok: true, already: false, confirm: true });
    expect(checkReturn({ user: lineman2, loan, condition: "good", note: "" })).toEqual({ ok: false, code: "not_holder" });
    const asked = { ...loan, status: "return_requested" as const };
    expect(checkReturn({ user: lineman, loan: asked, condition: "good", note: "" })).toEqual({ ok: true, already: true, confirm: false });
    expect(checkReturn({ user: custodian, loan: asked, condition: "good", note: "" })).toEqual({ ok: true, already: false, confirm: true });
    for (const status of ["returned", "handed_over"] as const) {
      expect(checkReturn({ user: lineman, loan: { ...loan, status }, condition: "good", note: "" })).toEqual({ ok: true, already: true, confirm: false });
      expect(checkReturn({ user: custodian, loan: { ...loan, status }, condition: "good", note: "" })).toEqual({ ok: true, already: true, confirm: true });
    }
    for (const status of ["requested", "approved", "rejected", "cancelled"] as const) {
      expect(checkReturn({ user: lineman, loan: { ...loan, status }, condition: "good", note: "" })).toMatchObject({ ok: false, code: "invalid_transition" });
    }
  });
  test("damaged or faulty needs a note", () => {
    expect(checkReturn({ user: lineman, loan, condition: "faulty", note: " " })).toEqual({ ok: false, code: "note_required" });
    expect(checkReturn({ user: lineman, loan, condition: "damaged", note: "" })).toEqual({ ok: false, code: "note_required" });
    expect(checkReturn({ user: lineman, loan, condition: "faulty", note: "no laser" }).ok).toBe(true);
  });
});

describe("reminders", () => {
  test("due soon within 3 days before the due day, overdue from the day after", () => {
    expect(LOAN_REMINDER_DAYS).toBe(3);
    const loan = { status: "active" as const, dueOn: "2026-03-01" };
    expect(loanDueState(loan, "2026-02-25")).toBe("ok");
    expect(loanDueState(loan, "2026-02-26")).toBe("due_soon");
    expect(loanDueState(loan, "2026-03-01")).toBe("due_soon");
    expect(loanDueState(loan, "2026-03-02")).toBe("overdue");
    expect(loanDueState({ status: "returned", dueOn: "2026-03-01" }, "2026-04-01")).toBeNull();
    expect(loanDueState({ status: "active", dueOn: null }, "2026-04-01")).toBeNull();
  });
  test("a leap-year February: the reminder window crosses Feb 29", () => {
    const loan = { status: "active" as const, dueOn: "2028-03-01" };
    expect(loanDueState(loan, "2028-02-26")).toBe("ok");
    expect(loanDueState(loan, "2028-02-27")).toBe("due_soon");
    expect(loanDueState(loan, "2028-02-29")).toBe("due_soon");
    expect(nextCalibrationDue("2028-02-29")).toBe("2030-02-28");
  });
});

describe("loanDecisionNeedsReason", () => {
  test("a rejection says why; an approval may", () => {
    expect(loanDecisionNeedsReason("reject")).toBe(true);
    expect(loanDecisionNeedsReason("approve")).toBe(false);
  });
});
