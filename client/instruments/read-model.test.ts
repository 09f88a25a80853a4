import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { handOverCandidates, queueAcceptHandOver, queueBorrow, queueRecordCare, queueReturn, type InstrumentQueueContext } from "./enqueue";
import { asInstrumentOp } from "./queue";
import { custodianBoard, instrumentViewByTag, myInstruments, type TViewerActor } from "./read-model";
import type { CachedInstrument, CachedInstrumentHandover, CachedInstrumentLoan } from "@/client/instruments/stores";
import type { PullPage } from "@/client/sync/contract";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const ME: TViewerActor = { id: "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f", displayName: "王建国", role: "lineman", department: "terminal_service" };
const OTHER = { id: "5c9f3f71-2d2f-4a7b-8e8f-3b4c5d6e7f80", name: "李强" };
const CUSTODIAN: TViewerActor = {
  id: "6dafffff-3e3f-4b8c-9f90-4c5d6e7f8091",
  displayName: "陈明",
  role: "instrument_custodian",
  department: "technology_development",
};
/** 2026-11-26 10:00 in Shanghai. */
const NOW = new Date("2026-11-26T02:00:00.000Z");

let n = 0;
const dbName = () => `instruments-read-model-${Date.now()}-${n++}`;
const uuid = (i: number) => `0190a6c2-0000-7000-8000-${String(i).padStart(12, "0")}`;

function instrument(i: number, p: Partial<CachedInstrument> = {}): CachedInstrument {
  return {
    id: uuid(i),
    assetTag: `IN-000${300 + i}`,
    name: `仪表 ${i}`,
    model: "M",
    serial: `S${i}`,
    kind: "otdr",
    category: "public",
    department: "technology_development",
    keeperId: CUSTODIAN.id,
    keeperName: CUSTODIAN.displayName,
    location: "技术发展部仪表室",
    intakeDate: "2022-01-10",
    serviceLifeYears: 8,
    status: "available",
    calibratedOn: "2025-06-01",
    calibrationDue: "2027-06-01",
    calibrationResult: "passed",
    holderId: null,
    holderName: null,
    loanId: null,
    loanTerm: null,
    loanDueOn: null,
    faultOpen: false,
    scrapPending: false,
    version: 1,
    updatedAt: "2026-11-01T00:00:00.000Z",
    ...p,
  };
}

function loan(i: number, p: Partial<CachedInstrumentLoan>): CachedInstrumentLoan {
  return {
    id: uuid(100 + i),
    instrumentId: uuid(i),
    borrowerId: ME.id,
    department: ME.department,
    term: "short",
    status: "active",
    borrowedOn: "2026-11-01",
    dueOn: "2026-12-01",
    purpose: "",
    requestedAt: "2026-11-01T01:00:00.000Z",
    decidedByName: null,
    decidedAt: null,
    decisionReason: "",
    endedOn: null,
    endKind: "active",
    returnCondition: null,
    version: 1,
    updatedAt: "2026-11-01T01:00:00.000Z",
    ...p,
  };
}

function page(p: Partial<PullPage>): PullPage {
  return { zones: [], items: [], events: [], workOrders: [], cursor: "10", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p };
}

async function setup(p: Partial<PullPage>, me: TViewerActor = ME): Promise<{ store: IdbSyncStore; ctx: InstrumentQueueContext }> {
  const store = await IdbSyncStore.open(dbName());
  await store.applyPull(DEVICE, page(p));
  return { store, ctx: { store, userId: me.id, deviceId: DEVICE, me } };
}

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

  it("a borrow queued offline shows at once: on loan to me, due one month on, return offered, marked pending", async () => {
    const { store, ctx } = await setup({ instruments: [instrument(1)] });
    const before = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    const r = await queueBorrow(ctx, before, { term: "short", purpose: "" });
    expect(r.ok).toBe(true);
    const rec = (await store.allPending(DEVICE))[0]!;
    expect(rec.name).toBe("instrument.borrow");
    expect(rec.args).toMatchObject({ instrumentId: uuid(1), term: "short" });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", new Date(rec.clientTime)))!;
    expect(v.row).toMatchObject({ status: "on_loan", holderId: ME.id, holderName: ME.displayName, loanTerm: "short" });
    expect(v.row.loanDueOn! > v.today).toBe(true);
    expect(v.pending).toBe(1);
    expect(v.synced.status).toBe("available");
    expect(v.actions).toEqual(expect.arrayContaining(["return", "hand_over"]));
    expect(v.actions).not.toContain("borrow_short");
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

  it("a faulty return frees the instrument but opens a fault: nobody may borrow it until repaired", async () => {
    const { store, ctx } = await setup({
      instruments: [
        instrument(1, { status: "on_loan", holderId: ME.id, holderName: ME.displayName, loanId: uuid(101), loanTerm: "short", loanDueOn: "2026-12-01" }),
      ],
      instrumentLoans: [loan(1, {})],
    });
    const v = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(await queueReturn(ctx, v, { condition: "faulty", note: "" })).toMatchObject({ ok: false, problem: { code: "note_required" } });
    expect((await queueReturn(ctx, v, { condition: "faulty", note: "屏幕不亮" })).ok).toBe(true);
    const after = (await instrumentViewByTag(store, DEVICE, ME, "IN-000301", NOW))!;
    expect(after.row).toMatchObject({ status: "available", holderId: null, faultOpen: true });
    expect(after.refusal).toMatchObject({ code: "not_available", details: { reason: "fault_open" } });
  });

  it("a hand-over offered to me: accept and decline are offered; a queued acceptance makes me the holder, return waits for sync", async () => {
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
    expect(after.row).toMatchObject({ status: "on_loan", holderId: ME.id, loanDueOn: "2026-12-10" });
    expect(after.handover).toBeNull();
    expect(after.loanUnknown).toBe(true);
    expect(after.actions).not.toContain("return");
    expect(after.actions).not.toContain("accept_handover");
  });

  it("my instruments: held soonest due first with reminders; a queued long-term request waits for the head", async () => {
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
  });
});
