import { describe, expect, test } from "vitest";
import { allowedActions, mayPrintLabel } from "./actions";
import { SCRAP_REASONS, SCRAP_STATUSES } from "./names";
import { checkCompleteRepair, checkRecordCare, checkReportFault, checkSendToRepair } from "./faults";
import { checkBorrow } from "./loans";
import { endOfLifeOn } from "./rules";
import {
  checkScrapDecision,
  checkScrapProposal,
  checkScrapReason,
  checkScrapRequest,
  checkScrapVerification,
  mayDecideScrap,
  mayProposeScrap,
  scrapDecisionNeedsReason,
  scrapReasonsFor,
} from "./scrap";
import { canTransition, INSTRUMENT_STATUSES, INSTRUMENT_TRANSITIONS, isFinal, transition } from "./status";
import { custodian, head, instrument, keeper, lineman, lineman2, onLoan, opsUser, techHead, TODAY } from "./test-facts";

describe("status table", () => {
  test("every event from its listed statuses only", () => {
    expect(transition("lend", "available")).toBe("on_loan");
    expect(transition("lend", "on_loan")).toBeNull();
    expect(transition("return", "on_loan")).toBe("available");
    expect(transition("send_to_repair", "on_loan")).toBeNull();
    expect(transition("repaired", "at_repair")).toBe("available");
    expect(transition("scrap", "at_repair")).toBe("scrapped");
    expect(transition("scrap", "on_loan")).toBeNull();
  });
  test("scrapped is final: no event leaves it", () => {
    expect(isFinal("scrapped")).toBe(true);
    for (const event of Object.keys(INSTRUMENT_TRANSITIONS) as (keyof typeof INSTRUMENT_TRANSITIONS)[]) {
      expect(canTransition(event, "scrapped")).toBe(false);
    }
    expect(INSTRUMENT_STATUSES.filter(isFinal)).toEqual(["scrapped"]);
  });
});

describe("faults and the designated repairer", () => {
  test("who may report a fault", () => {
    for (const who of [lineman, opsUser, custodian]) expect(checkReportFault({ user: who, instrument: instrument() }).ok).toBe(true);
    expect(checkReportFault({ user: keeper, instrument: instrument() })).toMatchObject({ code: "not_allowed" });
    expect(checkReportFault({ user: keeper, instrument: instrument({ keeperId: keeper.id }) }).ok).toBe(true);
    expect(checkReportFault({ user: lineman, instrument: instrument({ status: "scrapped" }) })).toMatchObject({ code: "not_available" });
  });

  test("to repair only with an open fault, back from loan, and by the custodian", () => {
    expect(checkSendToRepair({ user: custodian, instrument: instrument({ faultOpen: true }) })).toEqual({ ok: true });
    expect(checkSendToRepair({ user: custodian, instrument: instrument() })).toEqual({ ok: false, code: "no_open_fault" });
    expect(checkSendToRepair({ user: custodian, instrument: onLoan(lineman, { faultOpen: true }) })).toMatchObject({ code: "invalid_transition" });
    expect(checkSendToRepair({ user: lineman, instrument: instrument({ faultOpen: true }) })).toMatchObject({ code: "not_allowed" });
    expect(checkSendToRepair({ user: custodian, instrument: instrument({ faultOpen: true, scrapPending: true }) })).toMatchObject({
      code: "invalid_transition",
    });
  });

  test("no ad-hoc repair: only the custodian records the repairer's result, only when at repair", () => {
    const atRepair = instrument({ status: "at_repair", faultOpen: true });
    expect(checkCompleteRepair({ user: custodian, instrument: atRepair, note: "", outcome: "repaired" })).toEqual({ ok: true });
    expect(checkCompleteRepair({ user: lineman, instrument: atRepair, note: "fixed it myself", outcome: "repaired" })).toMatchObject({ code: "not_allowed" });
    expect(checkCompleteRepair({ user: custodian, instrument: instrument({ faultOpen: true }), note: "", outcome: "repaired" })).toMatchObject({
      code: "invalid_transition",
    });
    expect(checkCompleteRepair({ user: custodian, instrument: atRepair, note: "", outcome: "beyond_repair" })).toMatchObject({ code: "note_required" });
  });

  test("routine care: special by its department, public by the custodian; keeper and holder always", () => {
    const special = instrument({ category: "special", department: "terminal_service", keeperId: "u-head" });
    expect(checkRecordCare({ user: lineman, instrument: special }).ok).toBe(true);
    expect(checkRecordCare({ user: opsUser, instrument: special })).toMatchObject({ code: "not_allowed" });
    expect(checkRecordCare({ user: custodian, instrument: special }).ok).toBe(true);
    expect(checkRecordCare({ user: lineman, instrument: instrument() })).toMatchObject({ code: "not_allowed" });
    expect(checkRecordCare({ user: lineman, instrument: onLoan(lineman) }).ok).toBe(true);
    expect(checkRecordCare({ user: keeper, instrument: instrument({ keeperId: keeper.id }) }).ok).toBe(true);
    expect(checkRecordCare({ user: custodian, instrument: instrument({ status: "scrapped" }) })).toMatchObject({ code: "not_available" });
  });
});

describe("scrapping: custodian confirms, the instrument department's head decides, final", () => {
  const old = instrument({ intakeDate: "2017-03-10", serviceLifeYears: 9 }); // life ends 2026-03-10 = today
  const request = (over: Partial<Parameters<typeof checkScrapRequest>[0]> = {}) =>
    checkScrapRequest({ user: custodian, instrument: old, reason: "end_of_life", beyondRepair: false, today: TODAY, ...over });

  test("end of life from the day the service life ends", () => {
    expect(endOfLifeOn(old)).toBe("2026-03-10");
    expect(request()).toEqual({ ok: true });
    expect(request({ today: "2026-03-09" })).toEqual({ ok: false, code: "scrap_reason_unmet", details: { endOfLifeOn: "2026-03-10" } });
    expect(endOfLifeOn({ intakeDate: "2020-02-29", serviceLifeYears: 6 })).toBe("2026-02-28");
  });

  test("beyond repair only as the repairer judged", () => {
    expect(request({ reason: "beyond_repair", instrument: instrument({ status: "at_repair" }) })).toMatchObject({ code: "scrap_reason_unmet" });
    expect(request({ reason: "beyond_repair", instrument: instrument({ status: "at_repair" }), beyondRepair: true })).toEqual({ ok: true });
  });

  test("an instrument whose last calibration failed may be proposed for scrapping (issue 10, defect 10)", () => {
    const failed = instrument({ calibrationResult: "failed", calibratedOn: "2026-03-01", calibrationDue: "2028-03-01" });
    expect(request({ reason: "failed_calibration", instrument: failed })).toEqual({ ok: true });
    expect(scrapReasonsFor({ user: custodian, instrument: failed, beyondRepair: false, today: TODAY })).toEqual(["failed_calibration"]);
    // a passed (or never recorded) calibration is no reason to scrap
    expect(request({ reason: "failed_calibration", instrument: instrument({ calibrationResult: "passed" }) })).toEqual({
      ok: false,
      code: "scrap_reason_unmet",
      details: { reason: "failed_calibration" },
    });
    expect(request({ reason: "failed_calibration", instrument: instrument({ calibrationResult: null }) })).toMatchObject({
      ok: false,
      code: "scrap_reason_unmet",
    });
  });

  test("only the custodian, not on loan, not twice", () => {
    expect(request({ user: head })).toMatchObject({ code: "not_allowed" });
    expect(request({ instrument: onLoan(lineman, { intakeDate: "2010-01-01" }) })).toMatchObject({ code: "invalid_transition" });
    expect(request({ instrument: { ...old, scrapPending: true } })).toMatchObject({ code: "invalid_transition" });
    expect(request({ instrument: { ...old, status: "scrapped" } })).toMatchObject({ code: "invalid_transition" });
  });

  const decide = (over: Partial<Parameters<typeof checkScrapDecision>[0]> = {}) =>
    checkScrapDecision({
      approver: techHead,
      request: { status: "pending", approverId: null },
      instrument: { ...old, scrapPending: true },
      reason: "worn out",
      ...over,
    });

  test("nobody named in the settings: the head of the instrument's department decides, with a reason, once", () => {
    expect(decide()).toEqual({ ok: true });
    expect(decide({ approver: head })).toMatchObject({ code: "wrong_department" });
    expect(decide({ approver: custodian })).toMatchObject({ code: "not_allowed" });
    expect(decide({ reason: " " })).toMatchObject({ code: "note_required" });
    for (const status of ["proposed", "approved", "rejected", "declined"] as const) {
      expect(decide({ request: { status, approverId: null } })).toMatchObject({ code: "invalid_transition" });
    }
  });

  test("a leader named in the settings decides, whatever the instrument's department; nobody else", () => {
    const named = { status: "pending" as const, approverId: head.id };
    expect(decide({ approver: head, request: named })).toEqual({ ok: true });
    expect(decide({ approver: techHead, request: named })).toMatchObject({ code: "not_allowed" });
    expect(decide({ approver: { ...head, active: false }, request: named })).toMatchObject({ code: "not_allowed" });
  });

  test("a scrapped instrument can never be lent, handed over, cared for, repaired or scrapped again", () => {
    const scrapped = instrument({ status: "scrapped" });
    expect(checkBorrow({ borrower: lineman, instrument: scrapped, term: "short", borrowedOn: TODAY, purpose: "", today: TODAY })).toMatchObject({
      code: "not_available",
    });
    expect(
      checkBorrow({ borrower: lineman, instrument: scrapped, term: "long", borrowedOn: TODAY, purpose: "x", today: TODAY, otherLendableOfKind: 5 }),
    ).toMatchObject({ code: "not_available" });
    expect(checkSendToRepair({ user: custodian, instrument: { ...scrapped, faultOpen: true } }).ok).toBe(false);
    expect(request({ instrument: { ...scrapped, intakeDate: "2000-01-01" } }).ok).toBe(false);
    for (const user of [lineman, lineman2, opsUser, custodian, head, techHead, keeper]) {
      expect(allowedActions({ user, instrument: scrapped, today: TODAY })).toEqual([]);
    }
  });
});

describe("the scrap reasons the custodian is offered: exactly those the server accepts", () => {
  const old = instrument({ intakeDate: "2017-03-10", serviceLifeYears: 9 }); // life ends 2026-03-10 = TODAY
  const young = instrument({ intakeDate: "2025-01-01", serviceLifeYears: 9 });
  const reasons = (over: Partial<Parameters<typeof scrapReasonsFor>[0]> = {}) =>
    scrapReasonsFor({ user: custodian, instrument: old, beyondRepair: false, today: TODAY, ...over });

  test.each([
    // [service life over, judged beyond repair, status, offered]
    [true, false, "available", ["end_of_life"]],
    [false, true, "at_repair", ["beyond_repair"]],
    [true, true, "at_repair", ["end_of_life", "beyond_repair"]],
    [false, false, "available", []],
    [false, false, "at_repair", []],
    [true, false, "at_repair", ["end_of_life"]],
  ] as const)("life over %s, beyond repair %s, %s → %j", (lifeOver, beyondRepair, status, offered) => {
    expect(reasons({ instrument: { ...(lifeOver ? old : young), status }, beyondRepair })).toEqual(offered);
  });

  test("end of life from the day the service life ends, not the day before", () => {
    expect(reasons({ today: "2026-03-09" })).toEqual([]);
    expect(reasons({ today: "2026-03-10" })).toEqual(["end_of_life"]);
  });

  test("none at all when the request itself is refused: not the custodian, on loan, scrapped, already pending", () => {
    const both = { beyondRepair: true, instrument: { ...old, status: "at_repair" as const } };
    expect(reasons(both)).toEqual(["end_of_life", "beyond_repair"]);
    for (const user of [lineman, opsUser, head, techHead, keeper]) expect(reasons({ ...both, user })).toEqual([]);
    expect(reasons({ ...both, instrument: onLoan(lineman, { intakeDate: old.intakeDate, serviceLifeYears: 9 }) })).toEqual([]);
    expect(reasons({ ...both, instrument: { ...old, status: "scrapped" } })).toEqual([]);
    expect(reasons({ ...both, instrument: { ...old, status: "at_repair", scrapPending: true } })).toEqual([]);
  });

  test("each reason offered iff checkScrapRequest accepts it, and refused with scrap_reason_unmet otherwise", () => {
    for (const user of [custodian, lineman, techHead])
      for (const base of [old, young, onLoan(lineman), { ...old, scrapPending: true }])
        for (const status of ["available", "at_repair", "on_loan", "scrapped"] as const)
          for (const beyondRepair of [false, true]) {
            const opts = { user, instrument: { ...base, status }, beyondRepair, today: TODAY };
            const offered = scrapReasonsFor(opts);
            for (const reason of SCRAP_REASONS) expect(offered.includes(reason)).toBe(checkScrapRequest({ ...opts, reason }).ok);
          }
    expect(checkScrapReason({ instrument: young, reason: "end_of_life", beyondRepair: true, today: TODAY })).toEqual({
      ok: false,
      code: "scrap_reason_unmet",
      details: { endOfLifeOn: "2034-01-01" },
    });
    expect(checkScrapReason({ instrument: old, reason: "beyond_repair", beyondRepair: false, today: TODAY })).toEqual({
      ok: false,
      code: "scrap_reason_unmet",
      details: { reason: "beyond_repair" },
    });
    expect(checkScrapReason({ instrument: old, reason: "end_of_life", beyondRepair: false, today: TODAY })).toEqual({ ok: true });
    expect(checkScrapReason({ instrument: young, reason: "beyond_repair", beyondRepair: true, today: TODAY })).toEqual({ ok: true });
  });
});

describe("tag labels", () => {
  test("printable in every status but scrapped", () => {
    for (const status of INSTRUMENT_STATUSES) expect(mayPrintLabel(instrument({ status }))).toBe(status !== "scrapped");
  });
});

describe("scrapDecisionNeedsReason", () => {
  test("scrapping is decided with a reason either way", () => {
    expect(scrapDecisionNeedsReason()).toBe(true);
  });
});

describe("issue 16: the using department proposes, Technology Development verifies", () => {
  const special = instrument({ category: "special", department: "terminal_service", keeperId: lineman2.id, intakeDate: "2010-01-01" });
  const propose = (over: Partial<Parameters<typeof checkScrapProposal>[0]> = {}) =>
    checkScrapProposal({ user: head, instrument: special, note: "屏幕老化", ...over });

  test("its head or its keeper proposes, with a note; not twice, not when scrapped", () => {
    expect(propose()).toEqual({ ok: true });
    expect(propose({ user: lineman2 })).toEqual({ ok: true });
    for (const who of [lineman, techHead, opsUser, keeper, { ...head, active: false }]) expect(propose({ user: who })).toMatchObject({ code: "not_allowed" });
    expect(propose({ note: " " })).toMatchObject({ code: "note_required" });
    expect(propose({ instrument: { ...special, scrapPending: true } })).toMatchObject({ code: "invalid_transition" });
    expect(propose({ instrument: { ...special, status: "scrapped" } })).toMatchObject({ code: "invalid_transition" });
    // proposed while out on loan: it is verified once it is back
    expect(propose({ instrument: { ...special, status: "on_loan", holderId: lineman.id } })).toEqual({ ok: true });
  });

  const verify = (over: Partial<Parameters<typeof checkScrapVerification>[0]> = {}) =>
    checkScrapVerification({
      user: custodian,
      request: { status: "proposed" },
      instrument: { ...special, scrapPending: true },
      decision: "verify",
      reason: "end_of_life",
      beyondRepair: false,
      note: "已核实",
      today: TODAY,
      ...over,
    });

  test("the custodian verifies a reason that holds, or declines; every status; every role", () => {
    expect(verify()).toEqual({ ok: true, already: false });
    expect(verify({ reason: "beyond_repair" })).toMatchObject({ code: "scrap_reason_unmet" });
    expect(verify({ reason: "beyond_repair", beyondRepair: true })).toEqual({ ok: true, already: false });
    expect(verify({ decision: "decline", reason: "beyond_repair" })).toEqual({ ok: true, already: false });
    expect(verify({ note: "" })).toMatchObject({ code: "note_required" });
    expect(verify({ instrument: { ...special, scrapPending: true, status: "on_loan" } })).toMatchObject({ code: "invalid_transition" });
    for (const status of SCRAP_STATUSES) {
      const v = verify({ request: { status } });
      expect([status, v.ok, v.ok && v.already]).toEqual([status, status === "proposed" || status === "pending", status === "pending"]);
      const d = verify({ request: { status }, decision: "decline" });
      expect([status, d.ok, d.ok && d.already]).toEqual([status, status === "proposed" || status === "declined", status === "declined"]);
    }
    for (const who of [head, techHead, lineman, lineman2, keeper, { ...custodian, active: false }])
      expect(verify({ user: who })).toMatchObject({ code: "not_allowed" });
  });

  test("the leader who decides: named in the settings, else the head of the instrument's department", () => {
    expect(mayDecideScrap(head, { approverId: null }, special)).toEqual({ ok: true });
    expect(mayDecideScrap(techHead, { approverId: null }, special)).toMatchObject({ code: "wrong_department" });
    expect(mayDecideScrap(techHead, { approverId: techHead.id }, special)).toEqual({ ok: true });
    expect(mayDecideScrap(head, { approverId: techHead.id }, special)).toMatchObject({ code: "not_allowed" });
    expect(mayDecideScrap(custodian, { approverId: custodian.id }, special)).toMatchObject({ code: "not_allowed" });
    expect(mayProposeScrap(custodian, special)).toBe(false);
  });
});
