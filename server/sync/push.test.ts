import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles, users } from "@/db/schema";
import { MAX_PHOTO_BYTES } from "@/domain/items/mutations";
import { MAX_BATCH_MUTATIONS } from "@/domain/sync/protocol";
import { callerFor, login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError, expectAppError } from "@/tests/helpers/errors";
import { auditOf, batch, changeLabel, deviceRow, envelope, itemById, labelEventsOf, makeItem, newDevice, resultsOf } from "@/tests/helpers/sync";
import { makeUser } from "@/tests/helpers/users";

/** A permanent label (scrapped) needs a label photo (issue 10); its bytes do not matter here. */
const LABEL_PHOTO = { mime: "image/jpeg", base64: Buffer.from("label photo").toString("base64") };

describe("sync.push", () => {
  let t: TestDb;
  let keeper: Caller;
  let keeperId: string;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: keeper,
      user: { id: keeperId },
    } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: admin } = await login(t.db, "admin", "admin-demo-1"));
  });
  afterAll(async () => t?.close());

  describe("applies in seq order, once", () => {
    it("applies a batch in order: events, versions, zone, audit, results, last applied seq", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted", zoneCode: "WH1-A" });
      const ms = [
        changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
        changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "end_of_life", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 }),
        changeLabel(
          d,
          3,
          { itemId: item.id, to: "scrapped", reason: "other", note: "crushed", zoneCode: "WH1-Q-SCR", photo: LABEL_PHOTO },
          { from: "pending_disposal", version: 3 },
        ),
      ];
      const answer = await keeper.sync.push(batch(d, ...ms));
      expect(answer).toEqual({
        results: ms.map((m) => ({ mutationId: m.mutationId, seq: m.seq, status: "applied", reasonCode: null, details: null })),
        lastAppliedSeq: 3,
        gap: null,
      });
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "scrapped", version: 4, zoneCode: "WH1-Q-SCR", updatedBy: keeperId });
      const events = await labelEventsOf(t.db, item.id);
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.fromZone, e.toZone, e.versionAfter, e.mutationId, e.deviceId])).toEqual([
        ["accepted", "in_use", "WH1-A", "WH1-A", 2, ms[0]!.mutationId, d],
        ["in_use", "pending_disposal", "WH1-A", "WH1-Q-DSP", 3, ms[1]!.mutationId, d],
        ["pending_disposal", "scrapped", "WH1-Q-DSP", "WH1-Q-SCR", 4, ms[2]!.mutationId, d],
      ]);
      expect(events[2]).toMatchObject({ reason: "other", note: "crushed", actorId: keeperId });
      expect(events[0]!.clientTime?.toISOString()).toBe(new Date(ms[0]!.clientTime).toISOString());
      const audit = await auditOf(t.db, item.id, "item.labelChanged");
      expect(audit.map((a) => (a.payload as { mutationId: string }).mutationId)).toEqual(ms.map((m) => m.mutationId));
      const stored = await resultsOf(t.db, d);
      expect(stored.map((r) => [r.seq, r.status, r.name])).toEqual([
        [1, "applied", "item.changeLabel"],
        [2, "applied", "item.changeLabel"],
        [3, "applied", "item.changeLabel"],
      ]);
      // apply_order follows seq within a device
      expect(stored.map((r) => r.applyOrder)).toEqual([...stored.map((r) => r.applyOrder)].sort((a, b) => a - b));
      expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(3);
    });

    it("a duplicate delivery gets the stored answer, identical, and applies nothing again", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const other = await makeItem(t.db, { status: "accepted" });
      const ms = [
        changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
        // rejected: the answer to a replay must be this stored rejection, not a new judgement
        changeLabel(d, 2, { itemId: other.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 }),
        changeLabel(d, 3, { itemId: other.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
      ];
      const first = await keeper.sync.push(batch(d, ...ms));
      expect(first.results.map((r) => [r.status, r.reasonCode])).toEqual([
        ["applied", null],
        ["rejected", "invalid_transition"],
        ["applied", null],
      ]);
      const again = await keeper.sync.push(batch(d, ...ms));
      expect(again).toEqual(first);
      // the state has moved on since: a replay still answers what was decided then
      const later = await keeper.sync.push(batch(d, ...ms.slice(1)));
      expect(later.results).toEqual(first.results.slice(1));
      expect(await labelEventsOf(t.db, item.id)).toHaveLength(1);
      expect(await labelEventsOf(t.db, other.id)).toHaveLength(1);
      expect(await resultsOf(t.db, d)).toHaveLength(3);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", version: 2 });
    });

    it("a batch that overlaps what was applied: replays the old part, applies the new part", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const m1 = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const m2 = changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 });
      const first = await keeper.sync.push(batch(d, m1));
      const second = await keeper.sync.push(batch(d, m1, m2));
      expect(second.results[0]).toEqual(first.results[0]);
      expect(second.results[1]).toMatchObject({ mutationId: m2.mutationId, status: "applied" });
      expect(second.lastAppliedSeq).toBe(2);
      expect(await labelEventsOf(t.db, item.id)).toHaveLength(2);
    });

    it("an applied seq sent again with another mutation id: bad_input seq_reused, nothing applied", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      await keeper.sync.push(batch(d, changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const impostor = changeLabel(
        d,
        1,
        { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" },
        { from: "in_use", version: 2 },
      );
      const shape = await expectAppError(keeper.sync.push(batch(d, impostor)), "bad_input");
      expect(shape.data.details).toEqual({ reason: "seq_reused", seq: 1 });
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", version: 2 });
      expect(await resultsOf(t.db, d)).toHaveLength(1);
    });

    it("a mutation id already answered, sent again under a new seq: bad_input mutation_id_reused, seq not advanced", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const m1 = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      await keeper.sync.push(batch(d, m1));
      const shape = await expectAppError(keeper.sync.push(batch(d, { ...m1, seq: 2 })), "bad_input");
      expect(shape.data.details).toEqual({ reason: "mutation_id_reused", mutationId: m1.mutationId });
      expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(1);
      expect(await labelEventsOf(t.db, item.id)).toHaveLength(1);
    });

    it("the same mutation id twice in one batch: bad_input mutation_id_reused, nothing of the batch applied", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const m1 = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const shape = await expectAppError(keeper.sync.push(batch(d, m1, { ...m1, seq: 2 })), "bad_input");
      expect(shape.data.details).toEqual({ reason: "mutation_id_reused", seq: 2 });
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect((await itemById(t.db, item.id)).status).toBe("accepted");
    });
  });

  describe("gaps", () => {
    it("a batch that starts past last_applied_seq + 1 is answered with gap and applies nothing", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const ms = [
        changeLabel(d, 2, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
        changeLabel(d, 3, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 }),
      ];
      expect(await keeper.sync.push(batch(d, ...ms))).toEqual({ results: [], lastAppliedSeq: 0, gap: { expectedSeq: 1, gotSeq: 2 } });
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect((await itemById(t.db, item.id)).status).toBe("accepted");

      // after seq 1 arrives, the same batch applies
      await keeper.sync.push(batch(d, changeLabel(d, 1, { itemId: item.id, to: "accepted", reason: "inspection_passed" }, { from: "accepted", version: 1 })));
      const answer = await keeper.sync.push(batch(d, ...ms));
      expect(answer.gap).toBeNull();
      expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    });

    it("gap after some applied seqs names the next expected seq", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      await keeper.sync.push(batch(d, changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 })));
      const answer = await keeper.sync.push(
        batch(d, changeLabel(d, 5, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 })),
      );
      expect(answer).toEqual({ results: [], lastAppliedSeq: 1, gap: { expectedSeq: 2, gotSeq: 5 } });
      expect((await itemById(t.db, item.id)).status).toBe("in_use");
    });
  });

  describe("transient failures advance nothing", () => {
    it("a failing write (label events table missing) fails the whole batch: no result stored, seq not advanced; the resend applies once", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const other = await makeItem(t.db, { status: "accepted" });
      const ms = [
        // seq 1 is rejected (touches no label event): its answer is not kept either, the batch is one transaction
        changeLabel(d, 1, { itemId: other.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 }),
        changeLabel(d, 2, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 }),
      ];
      // why: a real failure of the database, not a mock: the table the change writes to is gone for a moment
      await t.asOwner((owner) => owner.execute(sql`alter table item_label_events rename to item_label_events_away`));
      let failure;
      try {
        failure = await catchError(keeper.sync.push(batch(d, ...ms)));
      } finally {
        await t.asOwner((owner) => owner.execute(sql`alter table item_label_events_away rename to item_label_events`));
      }
      expect(failure.shape.data.appCode).toBe("internal");
      expect(failure.shape.data.httpStatus).toBe(500);
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(0);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", version: 1 });

      const answer = await keeper.sync.push(batch(d, ...ms));
      expect(answer.results.map((r) => [r.seq, r.status, r.reasonCode])).toEqual([
        [1, "rejected", "invalid_transition"],
        [2, "applied", null],
      ]);
      expect(await labelEventsOf(t.db, item.id)).toHaveLength(1);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "in_use", version: 2 });
    });

    it("a failure while storing a rejection stores nothing; the resend stores it once", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const bad = changeLabel(d, 1, { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" }, { from: "accepted", version: 1 });
      // why: a real constraint violation while the rejection is stored
      await t.asOwner((owner) => owner.execute(sql`alter table mutation_results add constraint tmp_no_rejections check (status <> 'rejected') not valid`));
      let failure;
      try {
        failure = await catchError(keeper.sync.push(batch(d, bad)));
      } finally {
        await t.asOwner((owner) => owner.execute(sql`alter table mutation_results drop constraint tmp_no_rejections`));
      }
      expect(failure.shape.data.appCode).toBe("internal");
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(0);

      const answer = await keeper.sync.push(batch(d, bad));
      expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
      expect(await resultsOf(t.db, d)).toHaveLength(1);
    });
  });

  describe("disabled users", () => {
    async function setup() {
      const u = await makeUser(t.db, { role: "warehouse_keeper" });
      const { caller, cookie, user } = await login(t.db, u.username, u.password);
      const d = await newDevice(caller);
      const item = await makeItem(t.db, { status: "accepted" });
      const m1 = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const m2 = changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 });
      return { u, user, caller, cookie, d, item, m1, m2 };
    }

    it("disabled by an admin: push and pull refused, nothing of the queue applied, login refused", async () => {
      const { u, user, cookie, d, item, m1, m2 } = await setup();
      await admin.users.setActive({ userId: user.id, active: false });
      const after = await callerFor(t.db, { cookie });
      await expectAppError(after.sync.push(batch(d, m1, m2)), "unauthenticated");
      await expectAppError(after.sync.pull({ deviceId: d, cursor: "0" }), "unauthenticated");
      await expectAppError(login(t.db, u.username, u.password), "user_disabled");
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", version: 1 });

      // enabled again and logged in: the queue was kept by the phone and applies in full
      await admin.users.setActive({ userId: user.id, active: true });
      const { caller } = await login(t.db, u.username, u.password);
      const answer = await caller.sync.push(batch(d, m1, m2));
      expect(answer.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    });

    it("a session of a user disabled without ending it: user_disabled, nothing applied", async () => {
      const { user, cookie, d, item, m1 } = await setup();
      await t.db.update(users).set({ active: false }).where(eq(users.id, user.id));
      await expectAppError((await callerFor(t.db, { cookie })).sync.push(batch(d, m1)), "user_disabled");
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect((await itemById(t.db, item.id)).status).toBe("accepted");
    });

    it("a push whose session was checked just before the user was disabled applies nothing", async () => {
      const { user, cookie, d, item, m1, m2 } = await setup();
      // the request's context (session check) is made first, the user disabled while it is in flight
      const inFlight = await callerFor(t.db, { cookie });
      await t.db.update(users).set({ active: false }).where(eq(users.id, user.id));
      await expectAppError(inFlight.sync.push(batch(d, m1, m2)), "user_disabled");
      expect(await resultsOf(t.db, d)).toEqual([]);
      expect(await itemById(t.db, item.id)).toMatchObject({ status: "accepted", version: 1 });
      expect((await deviceRow(t.db, d))?.lastAppliedSeq).toBe(0);
    });
  });

  describe("malformed batches: refused as a whole with a clear error, nothing accepted is lost", () => {
    async function applied() {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const m1 = changeLabel(d, 1, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
      const first = await keeper.sync.push(batch(d, m1));
      const m2 = changeLabel(d, 2, { itemId: item.id, to: "pending_disposal", reason: "obsolete", zoneCode: "WH1-Q-DSP" }, { from: "in_use", version: 2 });
      const m3 = changeLabel(
        d,
        3,
        { itemId: item.id, to: "scrapped", reason: "disposal_approved", zoneCode: "WH1-Q-SCR", photo: LABEL_PHOTO },
        { from: "pending_disposal", version: 3 },
      );
      return { d, item, m1, m2, m3, first };
    }

    async function unchanged(ctx: Awaited<ReturnType<typeof applied>>) {
      expect((await resultsOf(t.db, ctx.d)).map((r) => r.seq)).toEqual([1]);
      expect(await itemById(t.db, ctx.item.id)).toMatchObject({ status: "in_use", version: 2 });
      // what was accepted is still answered, and the well-formed batch goes through
      const answer = await keeper.sync.push(batch(ctx.d, ctx.m1, ctx.m2, ctx.m3));
      expect(answer.results[0]).toEqual(ctx.first.results[0]);
      expect(answer.results.slice(1).map((r) => r.status)).toEqual(["applied", "applied"]);
    }

    it("seqs that are not consecutive", async () => {
      const ctx = await applied();
      const shape = await expectAppError(keeper.sync.push(batch(ctx.d, ctx.m2, { ...ctx.m3, seq: 4 })), "bad_input");
      expect(shape.data.details).toEqual({ reason: "seq_not_consecutive", seq: 4 });
      await unchanged(ctx);
    });

    it("seqs out of order", async () => {
      const ctx = await applied();
      const shape = await expectAppError(keeper.sync.push(batch(ctx.d, ctx.m3, ctx.m2)), "bad_input");
      expect(shape.data.details).toEqual({ reason: "seq_not_consecutive", seq: 2 });
      await unchanged(ctx);
    });

    it("a mutation of another device in the batch", async () => {
      const ctx = await applied();
      const otherDevice = await newDevice(keeper);
      const shape = await expectAppError(keeper.sync.push(batch(ctx.d, ctx.m2, { ...ctx.m3, deviceId: otherDevice })), "bad_input");
      expect(shape.data.details).toEqual({ reason: "device_mismatch", seq: 3 });
      await unchanged(ctx);
      expect(await resultsOf(t.db, otherDevice)).toEqual([]);
    });

    it(`more than ${MAX_BATCH_MUTATIONS} mutations`, async () => {
      const ctx = await applied();
      const many = Array.from({ length: MAX_BATCH_MUTATIONS + 1 }, (_, i) =>
        i === 0 ? ctx.m2 : i === 1 ? ctx.m3 : envelope(ctx.d, i + 2, "item.teleport", {}),
      );
      const shape = await expectAppError(keeper.sync.push(batch(ctx.d, ...many)), "bad_input");
      expect(shape.data.fieldErrors).toHaveProperty("mutations");
      await unchanged(ctx);
    });

    it("an empty batch", async () => {
      const ctx = await applied();
      await expectAppError(keeper.sync.push(batch(ctx.d)), "bad_input");
      await unchanged(ctx);
    });

    it("more than 256 KB", async () => {
      const ctx = await applied();
      const photo = { mime: "image/jpeg", base64: Buffer.alloc(100 * 1024, 7).toString("base64") };
      const big = (m: ReturnType<typeof changeLabel>) => ({ ...m, args: { ...(m.args as object), photo } });
      const shape = await expectAppError(keeper.sync.push(batch(ctx.d, big(ctx.m2), big(ctx.m3))), "batch_too_large");
      expect(shape.data.httpStatus).toBe(413);
      expect(shape.data.details).toEqual({ maxBytes: 256 * 1024 });
      await unchanged(ctx);
    });
  });

  describe("evidence photos", () => {
    it("a change with the largest photo allowed goes through in one batch and stores the photo once", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const bytes = Buffer.alloc(MAX_PHOTO_BYTES, 0x5a);
      const m = changeLabel(
        d,
        1,
        { itemId: item.id, to: "in_use", reason: "other", note: "汉".repeat(500), photo: { mime: "image/jpeg", base64: bytes.toString("base64") } },
        { from: "accepted", version: 1 },
      );
      const answer = await keeper.sync.push(batch(d, m));
      expect(answer.results[0]).toMatchObject({ status: "applied" });
      const [event] = await labelEventsOf(t.db, item.id);
      expect(event?.photoSha256).toMatch(/^[0-9a-f]{64}$/);
      const files = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, event!.photoSha256!));
      expect(files).toHaveLength(1);
      expect(files[0]?.size).toBe(MAX_PHOTO_BYTES);
    });

    it("a photo that is not base64 is bad_input (rejected, stored, queue moves on)", async () => {
      const d = await newDevice(keeper);
      const item = await makeItem(t.db, { status: "accepted" });
      const answer = await keeper.sync.push(
        batch(
          d,
          changeLabel(
            d,
            1,
            { itemId: item.id, to: "in_use", reason: "issued_for_use", photo: { mime: "image/jpeg", base64: "%%%" } },
            { from: "accepted", version: 1 },
          ),
        ),
      );
      expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "bad_input" });
      expect((answer.results[0]?.details as { issues: string[] }).issues.join()).toContain("photo.base64");
    });
  });
});
