import { describe, expect, test } from "vitest";
import { allowedActions } from "./actions";
import { noticesFor, type TNoticeInstrument } from "./notices";
import { custodian, head, instrument, keeper, lineman, lineman2, onLoan, opsUser, techHead, TODAY } from "./test-facts";

describe("one scan offers only what this user may do now", () => {
  test("an available public meter: a lineman may borrow or request it, and report a fault", () => {
    expect(allowedActions({ user: lineman, instrument: instrument(), today: TODAY })).toEqual(["borrow_short", "request_long", "report_fault"]);
  });

  test("with a request open, no second request (short or long): the borrower may withdraw it", () => {
    expect(allowedActions({ user: lineman, instrument: instrument(), requestPending: true, today: TODAY })).toEqual(["cancel_request", "report_fault"]);
    expect(allowedActions({ user: lineman, instrument: instrument(), otherLendableOfKind: 0, today: TODAY })).toEqual(["borrow_short", "report_fault"]);
  });

  test("the holder: bring it back, hand over, fault, care; others: nothing to borrow", () => {
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman), today: TODAY })).toEqual(["return", "hand_over", "report_fault", "record_care"]);
    expect(allowedActions({ user: lineman2, instrument: onLoan(lineman), today: TODAY })).toEqual(["report_fault"]);
  });

  test("brought back, waiting for the custodian: the holder has nothing more to do but report; the custodian takes it back", () => {
    const back = { returnRequested: true };
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman), ...back, today: TODAY })).toEqual(["report_fault", "record_care"]);
    expect(allowedActions({ user: custodian, instrument: onLoan(lineman), ...back, today: TODAY })).toContain("confirm_return");
  });

  test("an open offer: the receiver accepts or declines, the giver may cancel (and not offer again)", () => {
    const handover = { fromUserId: lineman.id, toUserId: lineman2.id, status: "offered" as const };
    expect(allowedActions({ user: lineman2, instrument: onLoan(lineman), handover, today: TODAY })).toEqual([
      "accept_handover",
      "decline_handover",
      "report_fault",
    ]);
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman), handover, today: TODAY })).toEqual([
      "return",
      "cancel_handover",
      "report_fault",
      "record_care",
    ]);
    expect(allowedActions({ user: custodian, instrument: onLoan(lineman), handover, today: TODAY })).not.toContain("confirm_handover");
  });

  test("signed by both: only the custodian acts (confirms or refuses); the giver can no longer withdraw or return", () => {
    const handover = { fromUserId: lineman.id, toUserId: lineman2.id, status: "accepted" as const };
    expect(allowedActions({ user: lineman2, instrument: onLoan(lineman), handover, today: TODAY })).toEqual(["report_fault"]);
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman), handover, today: TODAY })).toEqual(["report_fault", "record_care"]);
    expect(allowedActions({ user: custodian, instrument: onLoan(lineman), handover, today: TODAY })).toEqual([
      "report_fault",
      "record_care",
      "record_calibration",
      "edit",
      "confirm_return",
      "confirm_handover",
    ]);
  });

  test("a lapsed permit: no borrowing, no hand-over, no issue; the holder brings it back", () => {
    const lapsed = { calibratedOn: "2024-01-01" };
    expect(allowedActions({ user: lineman, instrument: instrument(lapsed), today: TODAY })).toEqual(["report_fault"]);
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman, lapsed), today: TODAY })).toEqual(["return", "report_fault", "record_care"]);
    expect(allowedActions({ user: custodian, instrument: instrument(lapsed), today: TODAY })).not.toContain("issue");
  });

  test("the custodian's desk actions follow the instrument's state: hand out what is lendable, take back what is out", () => {
    expect(allowedActions({ user: custodian, instrument: instrument(), today: TODAY })).toEqual([
      "report_fault",
      "record_care",
      "record_calibration",
      "edit",
      "issue",
    ]);
    expect(allowedActions({ user: custodian, instrument: onLoan(lineman), today: TODAY })).toEqual([
      "report_fault",
      "record_care",
      "record_calibration",
      "edit",
      "confirm_return",
    ]);
    expect(allowedActions({ user: { ...custodian, active: false }, instrument: instrument(), today: TODAY })).not.toContain("issue");
    expect(allowedActions({ user: custodian, instrument: instrument({ faultOpen: true }), today: TODAY })).toContain("send_to_repair");
    expect(allowedActions({ user: custodian, instrument: instrument({ faultOpen: true }), today: TODAY })).not.toContain("issue");
    const atRepair = allowedActions({ user: custodian, instrument: instrument({ status: "at_repair", faultOpen: true }), today: TODAY });
    expect(atRepair).toEqual(expect.arrayContaining(["complete_repair", "request_scrap"]));
    expect(atRepair).not.toContain("send_to_repair");
    expect(allowedActions({ user: custodian, instrument: instrument({ intakeDate: "2010-01-01" }), today: TODAY })).toContain("request_scrap");
    // issue 10: an instrument whose last calibration failed can be proposed for scrapping (reason failed_calibration)
    expect(allowedActions({ user: custodian, instrument: instrument({ calibrationResult: "failed" }), today: TODAY })).toContain("request_scrap");
    expect(allowedActions({ user: custodian, instrument: instrument({ calibrationResult: "passed" }), today: TODAY })).not.toContain("request_scrap");
  });

  test("the using department proposes scrapping: its head or the keeper (not any holder); never while one is open", () => {
    const special = instrument({ category: "special", department: "terminal_service", keeperId: lineman2.id });
    expect(allowedActions({ user: head, instrument: special, today: TODAY })).toEqual(["propose_scrap"]);
    expect(allowedActions({ user: lineman2, instrument: special, today: TODAY })).toContain("propose_scrap");
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman), today: TODAY })).not.toContain("propose_scrap");
    expect(allowedActions({ user: lineman, instrument: onLoan(lineman, { keeperId: lineman.id }), today: TODAY })).toContain("propose_scrap");
    expect(allowedActions({ user: head, instrument: { ...special, scrapPending: true }, today: TODAY })).not.toContain("propose_scrap");
    expect(allowedActions({ user: opsUser, instrument: special, today: TODAY })).not.toContain("propose_scrap");
  });

  test("department heads decide scrapping of their own department's instruments only", () => {
    const pending = instrument({ scrapPending: true });
    expect(allowedActions({ user: techHead, instrument: pending, today: TODAY })).toEqual(["decide_scrap"]);
    expect(allowedActions({ user: head, instrument: pending, today: TODAY })).toEqual([]);
    expect(allowedActions({ user: keeper, instrument: instrument(), today: TODAY })).toEqual([]);
  });

  test("a special instrument: other departments cannot borrow it", () => {
    const special = instrument({ category: "special", department: "terminal_service" });
    expect(allowedActions({ user: opsUser, instrument: special, today: TODAY })).toEqual(["report_fault"]);
    expect(allowedActions({ user: lineman, instrument: special, today: TODAY })).toEqual(["borrow_short", "request_long", "report_fault", "record_care"]);
  });
});

describe("notices derived on read", () => {
  const named = (over: Parameters<typeof instrument>[0], tag: string): TNoticeInstrument => ({
    ...instrument(over),
    id: tag,
    assetTag: tag,
    name: `meter ${tag}`,
    holderName: over?.holderId ? "Wang" : null,
  });
  const list = [
    named({ status: "on_loan", holderId: lineman.id, loanId: "l1", loanDueOn: "2026-03-09" }, "IN-000001"), // overdue
    named({ status: "on_loan", holderId: lineman.id, loanId: "l2", loanDueOn: "2026-03-12" }, "IN-000002"), // due soon
    named({ status: "on_loan", holderId: lineman.id, loanId: "l3", loanDueOn: "2026-04-01", calibratedOn: "2024-03-01" }, "IN-000003"), // permit lapsed on loan
    named({ status: "on_loan", holderId: lineman2.id, loanId: "l4", loanDueOn: "2026-03-01" }, "IN-000004"), // someone else's, overdue
    named({ calibratedOn: "2024-03-20" }, "IN-000005"), // calibration due soon
    named({ calibratedOn: "2024-02-01" }, "IN-000006"), // calibration overdue
    named({ calibrationResult: "failed", keeperId: keeper.id }, "IN-000007"),
    named({ status: "scrapped", calibratedOn: "2020-01-01" }, "IN-000008"),
  ];

  test("the holder sees their own loans and lapsed permits, most urgent first", () => {
    const n = noticesFor({ viewer: lineman, instruments: list, today: TODAY });
    expect(n.map((x) => [x.kind, x.assetTag])).toEqual([
      ["loan_overdue", "IN-000001"],
      ["permit_lapsed_on_loan", "IN-000003"],
      ["loan_due_soon", "IN-000002"],
    ]);
  });

  test("the custodian sees every loan and every calibration problem; scrapped instruments never", () => {
    const n = noticesFor({ viewer: custodian, instruments: list, today: TODAY });
    expect(n.map((x) => [x.kind, x.assetTag])).toEqual([
      ["loan_overdue", "IN-000004"],
      ["loan_overdue", "IN-000001"],
      ["permit_lapsed_on_loan", "IN-000003"],
      ["loan_due_soon", "IN-000002"],
      ["calibration_overdue", "IN-000006"],
      ["calibration_failed", "IN-000007"],
      ["calibration_due_soon", "IN-000005"],
    ]);
  });

  test("a keeper hears of the calibration of what they keep; offers reach the receiver", () => {
    const n = noticesFor({ viewer: keeper, instruments: list, today: TODAY });
    expect(n.map((x) => x.kind)).toEqual(["calibration_failed"]);
    const offered = noticesFor({ viewer: lineman2, instruments: list, offersToViewer: [{ instrumentId: "IN-000002", fromName: "Wang" }], today: TODAY });
    expect(offered.map((x) => [x.kind, x.assetTag])).toEqual([
      ["loan_overdue", "IN-000004"],
      ["handover_offered", "IN-000002"],
    ]);
  });

  test("days move the notices: the reminder appears 3 days before, overdue the day after", () => {
    const one = [named({ status: "on_loan", holderId: lineman.id, loanId: "l", loanDueOn: "2026-03-31" }, "IN-000009")];
    expect(noticesFor({ viewer: lineman, instruments: one, today: "2026-03-27" })).toEqual([]);
    expect(noticesFor({ viewer: lineman, instruments: one, today: "2026-03-28" }).map((x) => x.kind)).toEqual(["loan_due_soon"]);
    expect(noticesFor({ viewer: lineman, instruments: one, today: "2026-03-31" }).map((x) => x.kind)).toEqual(["loan_due_soon"]);
    expect(noticesFor({ viewer: lineman, instruments: one, today: "2026-04-01" }).map((x) => x.kind)).toEqual(["loan_overdue"]);
  });
});
