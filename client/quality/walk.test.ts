import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CachedItem } from "@/client/items/stores";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { ZSubmitCheckArgs } from "@/domain/quality/schemas";
import {
  lookUp,
  newMarkId,
  newWalk,
  putMark,
  removeMark,
  submitArgsOf,
  walkKeyOf,
  walkKeyString,
  walkParts,
  walkTally,
  WALK_PART_BYTES,
  type WalkMark,
} from "./walk";
import { abandonWalk, loadSubmittedWalk, loadWalk, queuedCheckOf, submitWalk, WalkWriter } from "./walk-store";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
const CHECK = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718200";
let n = 0;
const open = () => IdbSyncStore.open(`quality-walk-${Date.now()}-${n++}`);
const PHOTO = { mime: "image/jpeg" as const, base64: "AAAA" };

const item = (tag: string, more: Partial<CachedItem> = {}): CachedItem =>
  ({ id: newMarkId(), tagCode: tag, kind: "material", name: `Item ${tag}`, zoneCode: "WH1-A", status: "accepted", version: 1, ...more }) as CachedItem;
const STOCK = { code: "WH1-A", kind: "stock" as const, holds: null };

const mark = (tag: string | null, result: WalkMark["result"], more: Partial<WalkMark> = {}): WalkMark => ({
  id: newMarkId(),
  tag,
  subject: "",
  labelKind: "material",
  result,
  expected: null,
  name: "",
  note: "",
  photo: result === "correct" ? null : PHOTO,
  markedAt: new Date().toISOString(),
  ...more,
});

describe("the walk's hash", () => {
  it("names a planned check by its id, else a zone to walk unplanned", () => {
    expect(walkKeyOf(CHECK.toUpperCase())).toEqual({ planned: true, checkId: CHECK });
    expect(walkKeyOf("wh1-a")).toEqual({ planned: false, zoneCode: "WH1-A" });
    expect(walkKeyOf("  ")).toBeNull();
    expect(walkKeyString({ planned: false, zoneCode: "WH1-A" })).toBe("zone:WH1-A");
    expect(newWalk({ planned: true, checkId: CHECK }, { code: "SC-2026-0001", zoneCode: "WH1-A" })).toMatchObject({
      id: CHECK,
      planned: true,
      code: "SC-2026-0001",
    });
    expect(newWalk({ planned: false, zoneCode: "WH1-A" }).id).not.toBe(newWalk({ planned: false, zoneCode: "WH1-A" }).id);
  });
});

describe("a scanned tag, from the phone's copy", () => {
  it("shows what the label should be and proposes the likely finding", () => {
    const ok = lookUp("ST-000103", item("ST-000103"), STOCK);
    expect(ok).toMatchObject({ kind: "item", labelKind: "material", hint: null, expected: { kind: "material", status: "accepted", zoneCode: "WH1-A" } });
    expect(lookUp("ST-000106", item("ST-000106", { zoneCode: "WH1-Q-RET", status: "returned" }), STOCK)).toMatchObject({ hint: "wrong_place" });
    expect(lookUp("ST-000101", item("ST-000101", { status: "pending_inspection" }), STOCK)).toMatchObject({ hint: "wrong_label" });
    // equipment is operations', customer equipment terminal service's
    expect(lookUp("EQ-000001", item("EQ-000001", { kind: "equipment" }), null)).toMatchObject({ labelKind: "equipment", hint: null });
    expect(lookUp("EQ-000002", item("EQ-000002", { kind: "customer_equipment" }), null)).toMatchObject({ labelKind: "install_repair" });
  });

  it("says an unknown tag is unknown, with the label kind of its prefix", () => {
    expect(lookUp("EQ-999999", undefined, STOCK)).toEqual({ kind: "unknown", tag: "EQ-999999", labelKind: "equipment" });
    expect(lookUp("ST-999999", undefined, STOCK)).toMatchObject({ kind: "unknown", labelKind: "material" });
  });
});

describe("the marks", () => {
  it("keep one mark per tag (the last wins), any number without a tag, and count the findings", () => {
    let d = newWalk({ planned: false, zoneCode: "WH1-A" });
    d = putMark(d, mark("ST-000103", "correct"));
    d = putMark(d, mark("ST-000103", "wrong_label"));
    d = putMark(d, mark(null, "missing_label", { subject: "counter 2 service guide", labelKind: "service_guide" }));
    d = putMark(d, mark(null, "wrong_label", { subject: "hall sign", labelKind: "premises" }));
    expect(d.marks.map((m) => [m.tag, m.result])).toEqual([
      ["ST-000103", "wrong_label"],
      [null, "missing_label"],
      [null, "wrong_label"],
    ]);
    expect(walkTally(d)).toEqual({ marks: 3, correct: 0, findings: 3 });
    d = removeMark(d, d.marks[0]!.id);
    expect(walkTally(d)).toEqual({ marks: 2, correct: 0, findings: 2 });
  });

  it("make args the mutation's schema accepts", () => {
    let d = newWalk({ planned: true, checkId: CHECK }, { zoneCode: "WH1-A" });
    d = putMark(d, mark("ST-000103", "correct", { expected: { kind: "material", status: "accepted", zoneCode: "WH1-A" }, name: "ONU" }));
    d = putMark(d, mark("ST-000104", "wrong_place", { note: "on the floor" }));
    const parsed = ZSubmitCheckArgs.safeParse(submitArgsOf(d));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.marks[0]).not.toHaveProperty("photo");
    expect(parsed.data?.marks[1]?.photo).toEqual(PHOTO);
  });
});

describe("the walk on the phone", () => {
  it("is kept as it goes (a closed app reopens it), submitted once, and the draft cleared", async () => {
    const store = await open();
    const key = walkKeyString({ planned: true, checkId: CHECK });
    const writer = new WalkWriter(store, DEVICE, key);
    let d = newWalk({ planned: true, checkId: CHECK }, { code: "SC-2026-0001", zoneCode: "WH1-A" });
    d = putMark(d, mark("ST-000103", "wrong_label"));
    void writer.save(d);
    d = putMark(d, mark("ST-000104", "correct"));
    await writer.save(d);
    expect((await loadWalk(store, DEVICE, key))?.marks.map((m) => m.tag)).toEqual(["ST-000103", "ST-000104"]);

    const ctx = { store, userId: USER, deviceId: DEVICE };
    const r = await submitWalk(ctx, key, d);
    expect(r).toMatchObject({ ok: true, again: false, submitted: { id: CHECK, planned: true, code: "SC-2026-0001", marks: 2, findings: 1 } });
    expect(await loadWalk(store, DEVICE, key)).toBeNull();
    expect(await loadSubmittedWalk(store, DEVICE, key)).toMatchObject({ id: CHECK });
    // a second submit of the same walk (the app closed between queueing and clearing) queues nothing more
    expect(await submitWalk(ctx, key, d)).toMatchObject({ ok: true, again: true });
    const pending = await store.allPending(DEVICE);
    expect(pending.map((p) => [p.name, p.schemaVersion])).toEqual([["spotCheck.submit", 1]]);
    expect(await queuedCheckOf(store, DEVICE, CHECK)).not.toBeNull();
  });

  it("refuses an empty walk and a finding without its photo, naming the mark", async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    let d = newWalk({ planned: false, zoneCode: "WH1-A" });
    expect(await submitWalk(ctx, "zone:WH1-A", d)).toMatchObject({ ok: false, problem: "quality.validation.noMarks" });
    const bad = mark("ST-000105", "missing_label", { photo: null });
    d = putMark(putMark(d, mark("ST-000103", "correct")), bad);
    expect(await submitWalk(ctx, "zone:WH1-A", d)).toEqual({ ok: false, problem: "quality.validation.photo", path: "marks.1.photo", markId: bad.id });
    expect(await store.allPending(DEVICE)).toEqual([]);
    await new WalkWriter(store, DEVICE, "zone:WH1-A").save(d);
    await abandonWalk(store, DEVICE, "zone:WH1-A");
    expect(await loadWalk(store, DEVICE, "zone:WH1-A")).toBeNull();
  });
});

describe("a large walk goes in parts (a change stays under 1 MB)", () => {
  const BIG = { mime: "image/jpeg" as const, base64: "A".repeat(240 * 1024) };

  it("one part when it fits; else parts under the budget, in order, only the last final, every mark once", () => {
    let d = newWalk({ planned: false, zoneCode: "WH1-A" });
    d = putMark(d, mark("ST-000103", "correct"));
    expect(walkParts(submitArgsOf(d)).map((p) => [p.marks.length, p.final])).toEqual([[1, true]]);
    for (let i = 0; i < 7; i++) d = putMark(d, mark(`ST-00011${i}`, "wrong_label", { photo: BIG }));
    const args = submitArgsOf(d);
    const parts = walkParts(args);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.final)).toEqual(parts.map((_, i) => i === parts.length - 1));
    expect(parts.flatMap((p) => p.marks.map((m) => m.id))).toEqual(args.marks.map((m) => m.id));
    for (const p of parts) {
      expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThanOrEqual(WALK_PART_BYTES);
      expect(ZSubmitCheckArgs.safeParse(p).success).toBe(true);
    }
  });

  it("submitWalk queues the parts; after the app closed mid-way, only the marks not queued yet go again", async () => {
    const store = await open();
    const ctx = { store, userId: USER, deviceId: DEVICE };
    let d = newWalk({ planned: false, zoneCode: "WH1-A" });
    for (let i = 0; i < 5; i++) d = putMark(d, mark(`ST-00012${i}`, "missing_label", { photo: BIG }));
    // as if the app closed after queueing the first part
    const [first] = walkParts(submitArgsOf(d));
    await store.enqueue({ userId: USER, deviceId: DEVICE, name: "spotCheck.submit", schemaVersion: 1, args: first });
    expect(await submitWalk(ctx, "zone:WH1-A", d)).toMatchObject({ ok: true, again: false });
    const pending = (await store.allPending(DEVICE)).map((p) => p.args as { marks: { id: string }[]; final: boolean });
    expect(pending.flatMap((p) => p.marks.map((m) => m.id))).toEqual(d.marks.map((m) => m.id));
    expect(pending.at(-1)?.final).toBe(true);
  });
});
