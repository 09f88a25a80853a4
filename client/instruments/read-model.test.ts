import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { handOverCandidates, queueAcceptHandOver, queueBorrow, queueRecordCare, queueReturn } from "./enqueue";
import { asInstrumentOp } from "./queue";
import { custodianBoard, instrumentViewByTag, myInstruments } from "./read-model";
import { CUSTODIAN, DEVICE, ME, NOW, OTHER, instrument, loan, setup, uuid, type CachedInstrumentHandover } from "./test-fixtures";

describe("one scan tells everything, from the phone's cache", () => {
  it("an available instrument with a valid permit offers borrow and long-term request to a lineman, nothing refused", async () => {
    const { store } = await setup({ instruments: [instrument(1)] });
    const v = await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW);
    expect(v?.calibration).toBe("valid");
    expect(v?.permit).toBe(true);
    expect(v?.refusal).toBeNull();
    expect(v?.actions).toEqual(expect.arrayContaining(["borrow_short", "request_long", "report_fault"]));
    expect(v?.actions).not.toContain("return");
    expect(await instrumentViewByTag(store, DEVICE, ME, "IN-000999", NOW)).toBeNull();
  });

  it("calibration overdue: the permit is gone, borrowing is refused with permit_invalid and not offered", async () => {
    const { store, ctx } = await setup({ instruments: [instrument(3, { calibratedOn: "2024-10-01", calibrationDue: "2026-10-01" })] });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000303", NOW))!;
    expect(v.calibration).toBe("overdue");
    expect(v.permit).toBe(false);
    expect(v.refusal).toEqual({ code: "permit_invalid", details: { calibrationDue: "2026-10-01", calibrationResult: "passed" } });
    expect(v.actions).not.toContain("borrow_short");
    expect(v.actions).not.toContain("request_long");
    // queueing it anyway (a stale screen) is refused before it reaches the outbox
    const r = await queueBorrow(ctx, v, { term: "short", purpose: "" });
    expect(r).toMatchObject({ ok: false, problem: { kind: "refused", code: "permit_invalid" } });
    expect(await store.pendingCount(DEVICE)).toBe(0);
  });

  it("the amber window: due within 30 days still carries the permit", async () => {
    const { store } = await setup({ instruments: [instrument(2, { calibrationDue: "2026-12-20" })] });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000302", NOW))!;
    expect(v.calibration).toBe("due_soon");
    expect(v.permit).toBe(true);
    expect(v.actions).toContain("borrow_short");
  });

  it("on loan to someone else: refused as not available, naming the holder and due day", async () => {
    const { store } = await setup({
      instruments: [
        instrument(1, { status: "on_loan", holderId: OTHER.id, holderName: OTHER.name, loanId: uuid(900), loanTerm: "short", loanDueOn: "2026-12-10" }),
      ],
    });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(v.refusal?.code).toBe("not_available");
    expect(v.refusal?.details).toMatchObject({ reason: "on_loan", holderName: OTHER.name, dueOn: "2026-12-10" });
    expect(v.actions).not.toContain("return");
    expect(v.loanDue).toBe("ok");
  });

  it("a borrow queued offline is a request at once: still available, waiting for the custodian, withdrawable once sent", async () => {
    const { store, ctx } = await setup({ instruments: [instrument(1)] });
    const before = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    const r = await queueBorrow(ctx, before, { term: "short", purpose: "" });
    expect(r.ok).toBe(true);
    const rec = (await store.allPending(DEVICE))[0]!;
    expect(rec.name).toBe("instrument.borrow");
    expect(rec.args).toMatchObject({ instrumentId: uuid(1), term: "short" });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", new Date(rec.clientTime)))!;
    expect(v.row).toMatchObject({ status: "available", holderId: null });
    expect(v.request).toMatchObject({ term: "short", status: "requested", borrowerId: ME.id, pending: true });
    expect(v.pending).toBe(1);
    // asked once: no second request, and no withdrawal before it left the phone
    expect(v.actions).not.toContain("borrow_short");
    expect(v.actions).not.toContain("cancel_request");
    expect(await queueBorrow(ctx, v, { term: "short", purpose: "" })).toMatchObject({ ok: false, problem: { code: "invalid_transition" } });
    expect(v.refusal).toBeNull();
  });

  it("a due day beyond one month is refused as loan_too_long; a long-term request needs a purpose", async () => {
    const { store, ctx } = await setup({ instruments: [instrument(1)] });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(await queueBorrow(ctx, v, { term: "short", dueOn: "2027-02-01", purpose: "" })).toMatchObject({ ok: false, problem: { code: "loan_too_long" } });
    expect(await queueBorrow(ctx, v, { term: "long", purpose: "  " })).toMatchObject({ ok: false, problem: { code: "note_required" } });
    expect(await store.pendingCount(DEVICE)).toBe(0);
  });

  it("hand-over candidates: a long-term loan goes only to the holder's department (the loan's, not the instrument's)", async () => {
    const held = { status: "on_loan" as const, holderId: ME.id, holderName: ME.displayName, loanId: uuid(101), loanDueOn: "2027-05-01" };
    const people = [
      { id: "c1", username: "zhao", displayName: "赵磊", department: "terminal_service" as const, role: "lineman" as const },
      { id: "c2", username: "sun", displayName: "孙强", department: "operations" as const, role: "operations" as const },
      { id: ME.id, username: "me", displayName: ME.displayName, department: ME.department, role: ME.role },
    ];
    const long = await setup({
      instruments: [instrument(1, { ...held, loanTerm: "long" })],
      instrumentLoans: [loan(1, { term: "long", dueOn: "2027-05-01" })],
    });
    const v = (await instrumentViewByTag(long.store, DEVICE, ME, "IN-000301", NOW))!;
    // the public instrument belongs to technology_development; the loan to terminal_service
    expect(handOverCandidates(v, ME, people).map((c) => c.id)).toEqual(["c1"]);
    const short = await setup({ instruments: [instrument(1, { ...held, loanTerm: "short" })], instrumentLoans: [loan(1, {})] });
    const w = (await instrumentViewByTag(short.store, DEVICE, ME, "IN-000301", NOW))!;
    expect(handOverCandidates(w, ME, people).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("a faulty return is a request: still mine until the custodian confirms, the fault open at once, no more due reminders", async () => {
    const { store, ctx } = await setup({
      instruments: [
        instrument(1, { status: "on_loan", holderId: ME.id, holderName: ME.displayName, loanId: uuid(101), loanTerm: "short", loanDueOn: "2026-11-20" }),
      ],
      instrumentLoans: [loan(1, {})],
    });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(v.loanDue).toBe("overdue");
    expect(await queueReturn(ctx, v, { condition: "faulty", note: "" })).toMatchObject({ ok: false, problem: { code: "note_required" } });
    expect((await queueReturn(ctx, v, { condition: "faulty", note: "屏幕不亮" })).ok).toBe(true);
    const after = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(after.row).toMatchObject({ status: "on_loan", holderId: ME.id, faultOpen: true, returnRequested: true });
    expect(after.loanDue).toBeNull();
    expect(after.actions).not.toContain("return");
    expect(after.actions).not.toContain("hand_over");
    expect((await myInstruments(store, DEVICE, ME, NOW)).notices.map((n) => n.kind)).not.toContain("loan_overdue");
  });

  it("a hand-over offered to me: accept and decline are offered; a queued acceptance waits for the custodian (not mine yet)", async () => {
    const offer: CachedInstrumentHandover = {
      id: uuid(500),
      instrumentId: uuid(1),
      loanId: uuid(900),
      fromUserId: OTHER.id,
      fromName: OTHER.name,
      toUserId: ME.id,
      toName: ME.displayName,
      status: "offered",
      conditionOut: "good",
      note: "",
      conditionIn: null,
      answerNote: "",
      offeredAt: "2026-11-25T08:00:00.000Z",
      answeredAt: null,
      confirmedAt: null,
      confirmNote: "",
      newLoanId: null,
    };
    const { store, ctx } = await setup({
      instruments: [
        instrument(1, { status: "on_loan", holderId: OTHER.id, holderName: OTHER.name, loanId: uuid(900), loanTerm: "short", loanDueOn: "2026-12-10" }),
      ],
      instrumentHandovers: [offer],
    });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(v.actions).toEqual(expect.arrayContaining(["accept_handover", "decline_handover"]));
    // being handed over to me: no "cannot be borrowed" for it
    expect(v.refusal).toBeNull();
    const mine = await myInstruments(store, DEVICE, ME, NOW);
    expect(mine.offers.map((o) => o.row.assetTag)).toEqual(["IN-000301"]);
    expect(mine.notices.map((x) => x.kind)).toContain("handover_offered");
    const signature = { mime: "image/png" as const, base64: "iVBORw0KGgo=", strokes: [{ points: [{ x: 1, y: 2, time: 3 }] }] };
    expect((await queueAcceptHandOver(ctx, v, { condition: "good", note: "", signature })).ok).toBe(true);
    const after = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(after.row).toMatchObject({ status: "on_loan", holderId: OTHER.id, loanDueOn: "2026-12-10" });
    expect(after.handover).toMatchObject({ status: "accepted", pending: true });
    expect(after.actions).not.toContain("return");
    expect(after.actions).not.toContain("accept_handover");
    expect(after.actions).not.toContain("decline_handover");
  });

  it("my instruments: held soonest due first with reminders; a queued long-term request waits at Technology Development", async () => {
    const { store, ctx } = await setup({
      instruments: [
        instrument(1, { status: "on_loan", holderId: ME.id, holderName: ME.displayName, loanId: uuid(101), loanTerm: "short", loanDueOn: "2026-12-20" }),
        instrument(2, { status: "on_loan", holderId: ME.id, holderName: ME.displayName, loanId: uuid(102), loanTerm: "short", loanDueOn: "2026-11-20" }),
        instrument(3, {
          status: "on_loan",
          holderId: ME.id,
          holderName: ME.displayName,
          loanId: uuid(103),
          loanTerm: "short",
          loanDueOn: "2026-11-28",
          calibrationDue: "2026-11-25",
        }),
        instrument(4),
        instrument(5),
      ],
      instrumentLoans: [loan(1, { dueOn: "2026-12-20" }), loan(2, { dueOn: "2026-11-20" }), loan(3, { dueOn: "2026-11-28" })],
    });
    const spare = (await instrumentViewByTag(store, DEVICE, ME, "IN-000304", NOW))!;
    expect((await queueBorrow(ctx, spare, { term: "long", purpose: "光缆割接 3 个月" })).ok).toBe(true);
    const care = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect((await queueRecordCare(ctx, care, { care: ["power_on", "dusting"], note: "" })).ok).toBe(true);
    const mine = await myInstruments(store, DEVICE, ME, NOW);
    expect(mine.held.map((v) => v.row.assetTag)).toEqual(["IN-000302", "IN-000303", "IN-000301"]);
    expect(mine.held.map((v) => v.loanDue)).toEqual(["overdue", "due_soon", "ok"]);
    const kinds = mine.notices.map((x) => `${x.kind}:${x.assetTag}`);
    expect(kinds).toEqual(expect.arrayContaining(["loan_overdue:IN-000302", "loan_due_soon:IN-000303", "permit_lapsed_on_loan:IN-000303"]));
    expect(kinds.some((k) => k.endsWith("IN-000301"))).toBe(false);
    expect(mine.requests.map((v) => [v.row.assetTag, v.request?.pending, v.row.status])).toEqual([["IN-000304", true, "available"]]);
    expect(mine.held.find((v) => v.row.assetTag === "IN-000301")?.pending).toBe(1);
  });

  it("the custodian's board: overdue loans, permits lapsed on loan, calibrations due, scraps pending, faults", async () => {
    const { store } = await setup(
      {
        instruments: [
          instrument(1, { status: "on_loan", holderId: OTHER.id, holderName: OTHER.name, loanId: uuid(900), loanTerm: "short", loanDueOn: "2026-11-20" }),
          instrument(2, { calibrationDue: "2026-12-01" }),
          instrument(3, { status: "at_repair", faultOpen: true }),
          instrument(4, { faultOpen: true }),
          instrument(5, { scrapPending: true, status: "at_repair" }),
          instrument(6, { status: "scrapped" }),
        ],
      },
      CUSTODIAN,
    );
    const b = await custodianBoard(store, CUSTODIAN, NOW);
    expect(b.notices.map((x) => `${x.kind}:${x.assetTag}`)).toEqual(["loan_overdue:IN-000301", "calibration_due_soon:IN-000302"]);
    expect(b.scrapPending.map((r) => r.assetTag)).toEqual(["IN-000305"]);
    expect(b.faultOpen.map((r) => r.assetTag)).toEqual(["IN-000304"]);
    expect(b.atRepair.map((r) => r.assetTag)).toEqual(["IN-000303", "IN-000305"]);
    expect(b.counts).toEqual({ total: 5, onLoan: 1, available: 2 });
  });
});

describe("outbox records read back as instrument changes", () => {
  const base = { mutationId: uuid(1), seq: 1, clientTime: NOW.toISOString(), schemaVersion: 1 };
  it("reads every known shape and ignores other names, versions and malformed args", () => {
    expect(asInstrumentOp({ ...base, name: "instrument.borrow", args: { loanId: "a", instrumentId: "b", term: "short" } })).toMatchObject({
      op: "borrow",
      dueOn: null,
      purpose: "",
    });
    expect(asInstrumentOp({ ...base, name: "instrument.recordCare", args: { entryId: "a", instrumentId: "b", care: ["power_on", "bogus"] } })).toMatchObject({
      op: "recordCare",
      care: ["power_on"],
    });
    expect(asInstrumentOp({ ...base, name: "instrument.borrow", args: { loanId: "a", instrumentId: "b", term: "forever" } })).toBeNull();
    expect(asInstrumentOp({ ...base, name: "instrument.return", args: null })).toBeNull();
    expect(asInstrumentOp({ ...base, name: "instrument.recordCare", args: { entryId: "a", instrumentId: "b", care: [] } })).toBeNull();
    expect(asInstrumentOp({ ...base, schemaVersion: 2, name: "instrument.borrow", args: { loanId: "a", instrumentId: "b", term: "short" } })).toBeNull();
    expect(asInstrumentOp({ ...base, name: "item.changeLabel", args: {} })).toBeNull();
    // issue 16: the custodian's steps
    expect(
      asInstrumentOp({ ...base, name: "instrument.issue", args: { loanId: "a", instrumentId: "b", borrowerUsername: "u", check: { missing: ["x", 3] } } }),
    ).toMatchObject({ op: "issue", dueOn: null, missing: ["x"] });
    expect(asInstrumentOp({ ...base, name: "instrument.closeRequest", args: { loanId: "a" } })).toMatchObject({ op: "closeRequest", note: "" });
    expect(asInstrumentOp({ ...base, name: "instrument.confirmReturn", args: { loanId: "a", instrumentId: "b", condition: "good" } })).toMatchObject({
      op: "confirmReturn",
      missing: [],
    });
    expect(asInstrumentOp({ ...base, name: "instrument.confirmHandOver", args: { handoverId: "h", decision: "maybe" } })).toBeNull();
  });
});
