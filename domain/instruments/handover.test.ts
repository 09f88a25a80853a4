import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  changeNeedsEmptyHands,
  checkHandOverAccept,
  checkHandOverClose,
  checkHandOverOffer,
  checkMayLeave,
  handoverLoanId,
  type THandoverFacts,
} from "./handover";
import type { TLoanFacts } from "./loans";
import { custodian, head, instrument, lineman, lineman2, onLoan, opsUser, TODAY } from "./test-facts";

const loan: TLoanFacts = { id: "loan-1", borrowerId: lineman.id, department: "terminal_service", term: "short", status: "active", dueOn: "2026-04-10" };
const offer = (over: Partial<Parameters<typeof checkHandOverOffer>[0]> = {}) =>
  checkHandOverOffer({
    giver: lineman,
    receiver: lineman2,
    loan,
    instrument: onLoan(lineman),
    openOffer: false,
    condition: "good",
    note: "",
    today: TODAY,
    ...over,
  });
const h: THandoverFacts = { id: "h-1", instrumentId: "i-1", loanId: "loan-1", fromUserId: lineman.id, toUserId: lineman2.id, status: "offered" };
const accept = (over: Partial<Parameters<typeof checkHandOverAccept>[0]> = {}) =>
  checkHandOverAccept({ receiver: lineman2, handover: h, instrument: onLoan(lineman), condition: "good", note: "", today: TODAY, ...over });

describe("hand-over offer (the holder signs)", () => {
  test("the holder offers to an eligible colleague", () => {
    expect(offer()).toEqual({ ok: true });
    expect(offer({ receiver: opsUser }).ok).toBe(true);
  });

  test("only the holder of the active loan", () => {
    expect(offer({ giver: lineman2 })).toMatchObject({ ok: false, code: "not_holder" });
    expect(offer({ loan: { ...loan, status: "returned" } })).toMatchObject({ code: "not_holder" });
    expect(offer({ loan: null })).toMatchObject({ code: "not_holder" });
    expect(offer({ instrument: onLoan(lineman, { loanId: "other-loan" }) })).toMatchObject({ code: "not_holder" });
    expect(offer({ instrument: onLoan(lineman2) })).toMatchObject({ code: "not_holder" });
  });

  test("the receiver must exist, be someone else, and be allowed to hold it", () => {
    expect(offer({ receiver: null })).toMatchObject({ code: "not_found" });
    expect(offer({ receiver: lineman })).toMatchObject({ code: "invalid_transition", details: { reason: "self" } });
    expect(offer({ receiver: custodian })).toMatchObject({ code: "not_allowed" });
    expect(offer({ receiver: head })).toMatchObject({ code: "not_allowed" });
    expect(offer({ receiver: { ...lineman2, active: false } })).toMatchObject({ code: "not_allowed" });
    const special = onLoan(lineman, { category: "special", department: "terminal_service" });
    expect(offer({ instrument: special, receiver: opsUser })).toMatchObject({ code: "wrong_department" });
    expect(offer({ instrument: special }).ok).toBe(true);
  });

  test("a long-term loan stays in the department whose head approved it; a short one may cross", () => {
    const long = { ...loan, term: "long" as const };
    expect(offer({ loan: long, receiver: opsUser })).toEqual({
      ok: false,
      code: "wrong_department",
      details: { department: "terminal_service", term: "long" },
    });
    expect(offer({ loan: long }).ok).toBe(true);
    expect(offer({ receiver: opsUser }).ok).toBe(true);
    expect(accept({ receiver: opsUser, handover: { ...h, toUserId: opsUser.id }, loan: long })).toMatchObject({ ok: false, code: "wrong_department" });
    expect(accept({ loan: long })).toEqual({ ok: true, already: false });
    // a phone without the loan leaves it to the server
    expect(accept({ receiver: opsUser, handover: { ...h, toUserId: opsUser.id } })).toEqual({ ok: true, already: false });
  });

  test("one open offer at a time; a lapsed permit sends it back to the custodian, not on; condition noted", () => {
    expect(offer({ openOffer: true })).toMatchObject({ code: "invalid_transition", details: { reason: "offer_open" } });
    expect(offer({ instrument: onLoan(lineman, { calibrationResult: "failed" }) })).toMatchObject({ code: "permit_invalid" });
    expect(offer({ condition: "damaged", note: "" })).toMatchObject({ code: "note_required" });
    expect(offer({ condition: "damaged", note: "cracked case" }).ok).toBe(true);
  });
});

describe("hand-over acceptance (the receiver signs)", () => {
  test("only the named receiver, only an open offer; a resend is a no-op", () => {
    expect(accept()).toEqual({ ok: true, already: false });
    expect(accept({ receiver: opsUser })).toEqual({ ok: false, code: "not_allowed" });
    expect(accept({ handover: { ...h, status: "accepted" } })).toEqual({ ok: true, already: true });
    for (const status of ["declined", "cancelled"] as const) expect(accept({ handover: { ...h, status } })).toMatchObject({ code: "invalid_transition" });
  });

  test("the giver must still hold it under the same loan", () => {
    expect(accept({ instrument: instrument() })).toMatchObject({ code: "invalid_transition", details: { reason: "holder_changed" } });
    expect(accept({ instrument: onLoan(lineman, { loanId: "loan-2" }) })).toMatchObject({ code: "invalid_transition" });
  });

  test("the receiver still eligible and the permit still valid at acceptance", () => {
    expect(accept({ receiver: { ...lineman2, active: false } })).toMatchObject({ code: "not_allowed" });
    expect(accept({ instrument: onLoan(lineman, { calibratedOn: "2024-03-01" }) })).toMatchObject({ code: "permit_invalid" });
    expect(accept({ condition: "faulty", note: "" })).toMatchObject({ code: "note_required" });
  });
});

describe("decline and cancel", () => {
  test("the receiver declines, the giver cancels; each only their own side", () => {
    expect(checkHandOverClose({ user: lineman2, handover: h, as: "decline" })).toEqual({ ok: true, already: false });
    expect(checkHandOverClose({ user: lineman, handover: h, as: "decline" })).toMatchObject({ code: "not_allowed" });
    expect(checkHandOverClose({ user: lineman, handover: h, as: "cancel" })).toEqual({ ok: true, already: false });
    expect(checkHandOverClose({ user: lineman2, handover: h, as: "cancel" })).toMatchObject({ code: "not_allowed" });
    expect(checkHandOverClose({ user: lineman2, handover: { ...h, status: "declined" }, as: "decline" })).toEqual({ ok: true, already: true });
    expect(checkHandOverClose({ user: lineman2, handover: { ...h, status: "accepted" }, as: "decline" })).toMatchObject({ code: "invalid_transition" });
    expect(checkHandOverClose({ user: lineman, handover: { ...h, status: "declined" }, as: "cancel" })).toMatchObject({ code: "invalid_transition" });
  });
});

describe("transfer or disabling while holding", () => {
  test("disabling, another department, or a role that may not hold: empty hands first", () => {
    const l = { role: "lineman" as const, department: "terminal_service" as const };
    expect(changeNeedsEmptyHands(l, null)).toBe(true);
    expect(changeNeedsEmptyHands(l, { ...l, department: "operations" })).toBe(true);
    expect(changeNeedsEmptyHands(l, { ...l, role: "admin" })).toBe(true);
    expect(changeNeedsEmptyHands(l, { ...l, role: "department_head" })).toBe(true);
    expect(changeNeedsEmptyHands(l, { ...l, role: "quality" })).toBe(false);
    expect(changeNeedsEmptyHands(l, l)).toBe(false);
  });

  test("refused while anything is held", () => {
    expect(checkMayLeave([])).toEqual({ ok: true });
    expect(checkMayLeave([{ id: "i-1" }])).toMatchObject({ ok: false, details: { holdings: 1 } });
  });
});

describe("the loan a hand-over starts", () => {
  test("has an id the phone can compute offline: a stable UUID, different per hand-over, case-blind", () => {
    const a = handoverLoanId("0190f3b6-4d2a-7c1e-8f00-000000000001");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(handoverLoanId("0190F3B6-4D2A-7C1E-8F00-000000000001")).toBe(a);
    expect(handoverLoanId("0190f3b6-4d2a-7c1e-8f00-000000000002")).not.toBe(a);
  });
});
