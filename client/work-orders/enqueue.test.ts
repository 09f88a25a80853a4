import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { evidenceHash, sha256Hex, base64ToBytes, canonicalJson } from "@/domain/evidence/canonical";
import { MAX_SIGNATURE_BYTES, type TCustomerSignArgs } from "@/domain/work-orders/mutations";
import { queueCheck, queueCustomerRefuse, queueCustomerSign, queueSelfCheck, queueTransition, type QueueContext } from "./enqueue";
import { checkOffline } from "./license-check";
import { workOrderSummaries, workOrderView, type WorkOrderView } from "./read-model";
import type { CachedLicense } from "@/client/licenses/stores";
import type { PullPage } from "@/client/sync/contract";
import { check, USER, WO, workOrder } from "@/client/sync/idb-store.fixtures";

// a 1×1 PNG
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const signature = { mime: "image/png" as const, base64: PNG, strokes: [{ points: [{ x: 1, y: 2, time: 3, pressure: 0.5 }] }] };

/** A PBX application as the order's feed row carries it (ADR 0039 §6). */
const pbxCase = (status: "scheduled" | "passed") => ({
  id: "5e0c2d9a-1b2c-4d3e-8f4a-5b6c7d8e9f01",
  code: "PBX-2026-0001",
  kind: "pbx" as const,
  status,
  customerName: "张伟 Zhang Wei",
  details: {
    certificateNo: "03-A511-240178",
    model: "KX-TES824CN",
    manufacturer: "Panasonic",
    capacity: "8 外线 / 24 分机",
    standard: "模拟",
    connection: "模拟中继",
    power: "AC 220V + UPS",
    ancillary: "",
    trunkLines: 8,
  },
});
const lic = (licenseNo: string, equipmentName: string, model: string, expiryDate: string): CachedLicense => ({
  licenseNo,
  markCode: null,
  applicant: "x",
  equipmentName,
  model,
  issueDate: "2020-01-01",
  expiryDate,
  updatedAt: "2026-11-01T08:00:00.000Z",
});
const page = (p: Partial<PullPage>): PullPage => ({
  zones: [],
  items: [],
  events: [],
  workOrders: [],
  cursor: "1",
  hasMore: false,
  lastAppliedSeq: 0,
  rejections: [],
  ...p,
});

let n = 0;
let store: IdbSyncStore;
let ctx: QueueContext;
const view = async (): Promise<WorkOrderView> => (await workOrderView(store, ctx.deviceId, WO))!;
const NOW = new Date("2026-11-26T03:00:00Z");

beforeEach(async () => {
  store = await IdbSyncStore.open(`wo-enqueue-${Date.now()}-${n++}`);
  ctx = { store, userId: USER, deviceId: await store.deviceIdFor(USER) };
  await store.applyPull(
    ctx.deviceId,
    page({
      workOrders: [workOrder],
      licenses: [lic("00-D710-208870", "数字无绳电话机", "HWCD868", "2027-03-01"), lic("00-E620-230556", "G3 传真机", "FAX-2890", "2026-01-20")],
      licenseImports: [{ id: 1, importedAt: "2026-11-20T02:00:00.000Z" }],
    }),
  );
});

describe("offline license check against the phone's registry", () => {
  it("valid, expired, model mismatch and unknown, with the registry version and a suggested type", async () => {
    const ok = await checkOffline(store, { kind: "license_old", licenseNo: "00-D710-208870", model: "HWCD868", scrambleCode: null }, "", NOW);
    expect(ok).toMatchObject({ result: "valid", registryVersion: "2026-11-20T02:00:00.000Z", registrySize: 2, suggestedType: "telephone", day: "2026-11-26" });
    expect((await checkOffline(store, { kind: "license_old", licenseNo: "00-E620-230556", model: null, scrambleCode: null }, "", NOW)).result).toBe("expired");
    expect((await checkOffline(store, { kind: "license_old", licenseNo: "00-D710-208870", model: null, scrambleCode: null }, "KX-T7730", NOW)).result).toBe(
      "model_mismatch",
    );
    const unknown = await checkOffline(store, { kind: "license_old", licenseNo: "09-Z999-000001", model: null, scrambleCode: null }, "", NOW);
    expect(unknown).toMatchObject({ result: "unknown", entry: null, suggestedType: null });
    expect((await checkOffline(store, { kind: "none" }, "", NOW)).result).toBe("unknown");
  });

  it("the day is the operator's (China Standard Time): 23:30 UTC on the 25th is already the 26th", async () => {
    expect((await checkOffline(store, { kind: "none" }, "", new Date("2026-11-25T23:30:00Z"))).day).toBe("2026-11-26");
  });
});

describe("queued work-order steps and the predicted order", () => {
  const passed = {
    equipmentType: "telephone" as const,
    label: { kind: "license_old" as const, licenseNo: "00-D710-208870", model: "HWCD868", scrambleCode: null },
    equipmentModel: "",
    serial: "SN-1",
    entry: "scan" as const,
    clientResult: "valid" as const,
    clientRegistryVersion: "2026-11-20T02:00:00.000Z",
    note: "",
  };
  const failed = {
    ...passed,
    equipmentType: "fax" as const,
    label: { kind: "license_old" as const, licenseNo: "00-E620-230556", model: null, scrambleCode: null },
    entry: "typed" as const,
    clientResult: "expired" as const,
  };

  it("the first check while assigned queues 'on site' before it; both show at once, not yet synced", async () => {
    const r = await queueCheck(ctx, await view(), { ...passed, outcome: "connected" });
    expect(r.ok).toBe(true);
    const pending = await store.allPending(ctx.deviceId);
    expect(pending.map((p) => [p.name, p.expected])).toEqual([
      ["workOrder.transition", { from: "assigned", version: 1 }],
      ["workOrder.checkEquipment", undefined],
    ]);
    const v = await view();
    expect(v).toMatchObject({ status: "on_site", version: 2, pending: 2 });
    expect(v.checks).toHaveLength(1);
    expect(v.checks[0]).toMatchObject({ licenseNo: "00-D710-208870", verdict: "valid", outcome: "connected", pending: true, serverResult: null });
    // the second check does not move the status again
    await queueCheck(ctx, await view(), { ...failed, outcome: "refused" });
    expect((await store.allPending(ctx.deviceId)).map((p) => p.name)).toEqual(["workOrder.transition", "workOrder.checkEquipment", "workOrder.checkEquipment"]);
    expect((await workOrderSummaries(store, ctx.deviceId))[0]).toMatchObject({ status: "on_site", pending: 3 });
  });

  it("two checks saved quickly from the same (not yet re-read) order queue 'on site' once", async () => {
    const stale = await view();
    expect((await queueCheck(ctx, stale, { ...passed, outcome: "connected" })).ok).toBe(true);
    expect((await queueCheck(ctx, stale, { ...failed, outcome: "refused" })).ok).toBe(true);
    expect((await store.allPending(ctx.deviceId)).map((p) => p.name)).toEqual(["workOrder.transition", "workOrder.checkEquipment", "workOrder.checkEquipment"]);
  });

  it("failed equipment cannot be queued as connected; a PBX only when the order's PBX application passed its inspection", async () => {
    expect(await queueCheck(ctx, await view(), { ...failed, outcome: "connected" })).toEqual({
      ok: false,
      problem: { kind: "refused", code: "check_failed_cannot_connect", details: {} },
    });
    const pbx = { ...passed, equipmentType: "pbx" as const, outcome: "connected" as const };
    // no application linked, then one still waiting for its inspection: refused as the server would
    expect(await queueCheck(ctx, await view(), pbx)).toMatchObject({ ok: false, problem: { kind: "refused", code: "pbx_inspection_required" } });
    await store.applyPull(ctx.deviceId, page({ workOrders: [{ ...workOrder, propertyCase: pbxCase("scheduled") }], cursor: "2" }));
    expect(await queueCheck(ctx, await view(), pbx)).toMatchObject({ ok: false, problem: { kind: "refused", code: "pbx_inspection_required" } });
    // refusing it is always allowed; nothing is typed of the application (v3)
    expect(await queueCheck(ctx, await view(), { ...pbx, outcome: "refused" })).toMatchObject({ ok: true });
    await store.applyPull(ctx.deviceId, page({ workOrders: [{ ...workOrder, propertyCase: pbxCase("passed") }], cursor: "3" }));
    expect(await queueCheck(ctx, await view(), pbx)).toMatchObject({ ok: true });
    const checks = (await store.allPending(ctx.deviceId)).filter((p) => p.name === "workOrder.checkEquipment");
    expect(checks.map((c) => c.schemaVersion)).toEqual([3, 3]);
    expect(checks.every((c) => !("pbx" in (c.args as object)))).toBe(true);
  });

  it("an order opening a works project's service: the self-check waits for the acceptance (works_not_accepted)", async () => {
    const works = { ...pbxCase("passed"), kind: "works" as const, code: "CW-2026-0001", status: "rectifying" as const };
    const details = {
      projectName: "园区布线",
      constructorName: "施工单位",
      scope: "",
      agreementKind: "acceptance" as const,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
    };
    await store.applyPull(ctx.deviceId, page({ workOrders: [{ ...workOrder, propertyCase: { ...works, details } }], cursor: "2" }));
    const ticks = { line_tested: true, service_working: true, site_tidy: true };
    expect(await queueSelfCheck(ctx, await view(), ticks, signature)).toMatchObject({ ok: false, problem: { kind: "refused", code: "works_not_accepted" } });
    await store.applyPull(ctx.deviceId, page({ workOrders: [{ ...workOrder, propertyCase: { ...works, status: "passed", details } }], cursor: "3" }));
    expect(await queueSelfCheck(ctx, await view(), ticks, signature)).toEqual({ ok: true });
  });

  it("bad input is refused before anything is queued, field by field", async () => {
    const r = await queueCheck(ctx, await view(), { ...passed, serial: "x".repeat(41), outcome: "connected" });
    expect(r).toEqual({ ok: false, problem: { kind: "invalid", fields: { serial: "validation.tooLong" } } });
    expect(await store.pendingCount(ctx.deviceId)).toBe(0);
  });

  it("self-check: every checklist item ticked; then the customer's turn; the hash is the server's recomputation", async () => {
    await queueCheck(ctx, await view(), { ...passed, outcome: "connected" });
    await queueCheck(ctx, await view(), { ...failed, outcome: "refused" });
    // the customer cannot sign before the lineman's self-check
    expect(
      await queueCustomerSign(
        ctx,
        await view(),
        { linemanName: "王建国", signerName: "张伟", ratings: { attitude: 5, onTime: 4 }, comment: "", signature },
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      problem: { kind: "refused", code: "self_check_required" },
    });
    expect(await queueSelfCheck(ctx, await view(), { line_tested: true, service_working: true }, signature)).toMatchObject({
      ok: false,
      problem: { code: "precondition_failed" },
    });
    expect(await queueSelfCheck(ctx, await view(), { line_tested: true, service_working: true, site_tidy: true }, signature)).toEqual({ ok: true });
    let v = await view();
    expect(v).toMatchObject({ status: "work_done", selfCheck: { kind: "self_check", pending: true } });

    const signed = await queueCustomerSign(
      ctx,
      v,
      { linemanName: "王建国 Wang Jianguo", signerName: "  张伟  ", ratings: { attitude: 5, onTime: 4 }, comment: " 很好 ", signature },
      NOW,
    );
    expect(signed.ok).toBe(true);
    v = await view();
    expect(v).toMatchObject({
      status: "signed",
      customer: { kind: "customer_signed", signerName: "张伟", ratingAttitude: 5, ratingOnTime: 4, comment: "很好", pending: true },
    });

    const rec = (await store.allPending(ctx.deviceId)).at(-1)!;
    expect(rec.name).toBe("workOrder.customerSign");
    expect(rec.clientTime).toBe(NOW.toISOString());
    const args = rec.args as TCustomerSignArgs;
    // what the server does: recompute from the args as sent, the session's user, the envelope's device and time
    const again = evidenceHash({
      snapshot: args.snapshot,
      signatureSha256: sha256Hex(base64ToBytes(args.signature.base64)),
      signerName: args.signerName,
      userId: USER,
      deviceId: ctx.deviceId,
      clientTime: rec.clientTime,
    });
    expect(args.evidenceHash).toBe(again);
    expect(signed.ok && signed.evidenceHash).toBe(again);
    expect(args.snapshot).toMatchObject({
      code: "WO-2026-000101",
      lineman: "王建国 Wang Jianguo",
      date: "2026-11-26",
      evaluation: { attitude: 5, onTime: 4, comment: "很好" },
    });
    expect((args.snapshot.equipment as { verdict: string; outcome: string }[]).map((e) => [e.verdict, e.outcome])).toEqual([
      ["valid", "connected"],
      ["expired", "refused"],
    ]);
    // any change to what was signed changes the hash
    const tampered = evidenceHash({
      snapshot: { ...args.snapshot, customerName: "x" },
      signatureSha256: sha256Hex(base64ToBytes(args.signature.base64)),
      signerName: args.signerName,
      userId: USER,
      deviceId: ctx.deviceId,
      clientTime: rec.clientTime,
    });
    expect(tampered).not.toBe(args.evidenceHash);
    expect(canonicalJson(args.snapshot)).toContain('"customerName":"张伟 Zhang Wei"');
  });

  it("a signature over 256 KB is refused on the phone", async () => {
    await queueCheck(ctx, await view(), { ...passed, outcome: "connected" });
    const huge = { ...signature, base64: "A".repeat(Math.ceil(((MAX_SIGNATURE_BYTES + 10) * 4) / 3)) };
    expect(await queueSelfCheck(ctx, await view(), { line_tested: true, service_working: true, site_tidy: true }, huge)).toMatchObject({
      ok: false,
      problem: { kind: "signature_too_large", max: MAX_SIGNATURE_BYTES },
    });
  });

  it("refusal to sign needs a reason; a transition is compare-and-set on the predicted status", async () => {
    await queueCheck(ctx, await view(), { ...passed, outcome: "connected" });
    await queueSelfCheck(ctx, await view(), { line_tested: true, service_working: true, site_tidy: true }, signature);
    expect(await queueCustomerRefuse(ctx, await view(), { reason: "  ", signerName: "" })).toEqual({
      ok: false,
      problem: { kind: "invalid", fields: { reason: "validation.required" } },
    });
    expect(await queueCustomerRefuse(ctx, await view(), { reason: "价格有异议", signerName: "张伟" })).toEqual({ ok: true });
    expect((await view()).status).toBe("refused_to_sign");
    // back to work done to try again (from the predicted state), then a step the lineman may not take
    expect(await queueTransition(ctx, await view(), "work_done")).toEqual({ ok: true });
    expect((await store.allPending(ctx.deviceId)).at(-1)!.expected).toEqual({ from: "refused_to_sign", version: 4 });
    expect(await queueTransition(ctx, await view(), "cancelled", "x")).toMatchObject({ ok: false, problem: { code: "invalid_transition" } });
  });

  it("a check the server already applied and pulled is shown once, with the server's verdict", async () => {
    await queueCheck(ctx, await view(), { ...passed, outcome: "connected" });
    const queued = (await view()).checks[0]!;
    // the pull brings the applied check but (in this page) does not acknowledge the outbox rows yet
    await store.applyPull(
      ctx.deviceId,
      page({
        equipmentChecks: [
          {
            ...check,
            id: queued.id,
            serial: "SN-1",
            clientRegistryVersion: "2026-11-20T02:00:00.000Z",
            serverResult: "expired",
            serverRegistryVersion: "2026-11-25T02:00:00.000Z",
            clientTime: null,
            serverTime: "2026-11-26T03:00:00.000Z",
          },
        ],
      }),
    );
    const v = await view();
    expect(v.checks).toHaveLength(1);
    // the phone's older registry said valid: its verdict governs, and the re-check is flagged for the lineman
    expect(v.checks[0]).toMatchObject({ pending: false, serverResult: "expired", verdict: "valid", recheckChanged: true });
  });
});
