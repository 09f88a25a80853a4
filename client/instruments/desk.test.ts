import { describe, expect, it } from "vitest";
import { handoverLoanId } from "@/domain/instruments/handover";
import { queueConfirmHandOver, queueConfirmReturn, queueIssue } from "./enqueue-custody";
import { deskQueue, instrumentViewByTag } from "./read-model";
import { CUSTODIAN, DEVICE, ME, NOW, OTHER, instrument, loan, setup, uuid } from "./test-fixtures";

describe("the custodian's desk at Technology Development, from the phone (ADR 0040)", () => {
  it("the custodian hands out what was asked for, offline: the request's own loan id, the check's missing items", async () => {
    const asked = loan(1, { status: "requested", borrowedOn: null, dueOn: "2026-12-10", borrowerName: ME.displayName, borrowerUsername: "lineman" });
    const { store, ctx } = await setup(
      { instruments: [instrument(1, { manual: "说明书", accessories: ["电源", "跳线"] })], instrumentLoans: [asked] },
      CUSTODIAN,
    );
    const desk = await deskQueue(store, DEVICE, CUSTODIAN, NOW);
    expect(desk.toIssue.map((d) => [d.view.row.assetTag, d.request.loanId])).toEqual([["IN-000301", asked.id]]);
    const v = desk.toIssue[0]!.view;
    expect(v.actions).toContain("issue");
    const r = await queueIssue(ctx, v, { request: desk.toIssue[0]!.request, person: null, username: "", purpose: "", missing: ["跳线"], longLoanMonths: null });
    expect(r.ok).toBe(true);
    expect((await store.allPending(DEVICE))[0]).toMatchObject({
      name: "instrument.issue",
      args: { loanId: asked.id, borrowerUsername: "lineman", check: { missing: ["跳线"] } },
    });
    const after = (await instrumentViewByTag(store, DEVICE, CUSTODIAN, "IN-000301", NOW))!;
    expect(after.row).toMatchObject({ status: "on_loan", holderId: ME.id, loanId: asked.id, loanDueOn: "2026-12-10", missingAccessories: ["跳线"] });
    expect((await deskQueue(store, DEVICE, CUSTODIAN, NOW)).toIssue).toEqual([]);
  });

  it("the custodian's desk: returns and signed hand-overs to confirm, long requests still with the head, missing accessories", async () => {
    const out = { status: "on_loan" as const, holderId: ME.id, holderName: ME.displayName, loanTerm: "short" as const, loanDueOn: "2026-12-01" };
    const { store, ctx } = await setup(
      {
        instruments: [
          instrument(1, { ...out, loanId: uuid(101), returnRequested: true }),
          instrument(2, { ...out, loanId: uuid(102) }),
          instrument(3),
          instrument(4, { missingAccessories: ["跳线"] }),
        ],
        instrumentLoans: [
          loan(1, { status: "return_requested", reportedCondition: "damaged", reportedNote: "外壳裂" }),
          loan(2, {}),
          loan(3, { status: "requested", term: "long", borrowedOn: null, dueOn: null }),
        ],
        instrumentHandovers: [
          {
            id: uuid(500),
            instrumentId: uuid(2),
            loanId: uuid(102),
            fromUserId: ME.id,
            fromName: ME.displayName,
            toUserId: OTHER.id,
            toName: OTHER.name,
            status: "accepted",
            conditionOut: "good",
            note: "",
            conditionIn: "good",
            answerNote: "",
            offeredAt: "2026-11-25T08:00:00.000Z",
            answeredAt: "2026-11-25T09:00:00.000Z",
            confirmedAt: null,
            confirmNote: "",
            newLoanId: null,
          },
        ],
      },
      CUSTODIAN,
    );
    const desk = await deskQueue(store, DEVICE, CUSTODIAN, NOW);
    expect(desk.toConfirmReturn.map((v) => v.row.assetTag)).toEqual(["IN-000301"]);
    expect(desk.toConfirmReturn[0]!.loan).toMatchObject({ reportedCondition: "damaged", reportedNote: "外壳裂" });
    expect(desk.toConfirmHandOver.map((v) => v.row.assetTag)).toEqual(["IN-000302"]);
    expect(desk.withHead.map((d) => d.view.row.assetTag)).toEqual(["IN-000303"]);
    expect(desk.toIssue).toEqual([]);
    expect(desk.missing.map((r) => r.assetTag)).toEqual(["IN-000304"]);
    // taken back with the manual missing: the register row is free, the missing item recorded
    expect((await queueConfirmReturn(ctx, desk.toConfirmReturn[0]!, { condition: "damaged", note: "外壳裂", missing: ["说明书"] })).ok).toBe(true);
    const back = (await instrumentViewByTag(store, DEVICE, CUSTODIAN, "IN-000301", NOW))!;
    expect(back.row).toMatchObject({ status: "available", holderId: null, returnRequested: false, missingAccessories: ["说明书"] });
    // the hand-over confirmed: the receiver holds it under the loan id derived from the hand-over
    expect((await queueConfirmHandOver(ctx, desk.toConfirmHandOver[0]!, { decision: "confirm", note: "", receiver: null })).ok).toBe(true);
    const moved = (await instrumentViewByTag(store, DEVICE, CUSTODIAN, "IN-000302", NOW))!;
    expect(moved.row).toMatchObject({ holderId: OTHER.id, holderName: OTHER.name, loanId: handoverLoanId(uuid(500)) });
    expect(moved.handover).toBeNull();
  });
});
