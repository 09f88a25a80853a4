import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutationResults } from "@/db/schema";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { auditOf, batch, changeLabel, envelope, makeItem, newDevice, resolveRejection, resultsOf } from "@/tests/helpers/sync";

describe("rejection.resolve", () => {
  let t: TestDb;
  let keeper: Caller;
  let keeperId: string;
  let lineman: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({
      caller: keeper,
      user: { id: keeperId },
    } = await login(t.db, "keeper", "keeper-demo1"));
    ({ caller: lineman } = await login(t.db, "lineman", "lineman-demo"));
  });
  afterAll(async () => t?.close());

  /** A keeper's device with one rejected change at seq 1 (and one applied at seq 2). */
  async function withRejection() {
    const d = await newDevice(keeper);
    const item = await makeItem(t.db, { status: "accepted" });
    const rejected = changeLabel(
      d,
      1,
      { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" },
      { from: "accepted", version: 1 },
    );
    const applied = changeLabel(d, 2, { itemId: item.id, to: "in_use", reason: "issued_for_use" }, { from: "accepted", version: 1 });
    const answer = await keeper.sync.push(batch(d, rejected, applied));
    expect(answer.results.map((r) => r.status)).toEqual(["rejected", "applied"]);
    return { d, item, rejected, applied };
  }

  async function stored(mutationId: string) {
    const [row] = await t.db.select().from(mutationResults).where(eq(mutationResults.mutationId, mutationId));
    return row!;
  }

  it("dismissed: recorded on the rejection once, audited, and no longer listed by pull", async () => {
    const { d, rejected } = await withRejection();
    expect((await keeper.sync.pull({ deviceId: d, cursor: "0" })).rejections.map((r) => r.mutationId)).toEqual([rejected.mutationId]);

    const resolve = resolveRejection(d, 3, rejected.mutationId, "dismissed");
    const answer = await keeper.sync.push(batch(d, resolve));
    expect(answer.results).toEqual([{ mutationId: resolve.mutationId, seq: 3, status: "applied", reasonCode: null, details: null }]);
    const row = await stored(rejected.mutationId);
    expect(row.resolution).toBe("dismissed");
    expect(row.resolvedAt).toBeInstanceOf(Date);
    // the rejection itself is still a rejection with its reason
    expect(row).toMatchObject({ status: "rejected", reasonCode: "invalid_transition" });
    const audit = await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: keeperId, subjectType: "mutation", payload: { mutationId: rejected.mutationId, resolution: "dismissed" } });
    expect((await keeper.sync.pull({ deviceId: d, cursor: "0" })).rejections).toEqual([]);

    // a duplicate delivery of the same resolve answers the same and records nothing more
    expect(await keeper.sync.push(batch(d, resolve))).toEqual(answer);
    expect(await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved")).toHaveLength(1);
  });

  it("reissued is recorded as such", async () => {
    const { d, rejected } = await withRejection();
    await keeper.sync.push(batch(d, resolveRejection(d, 3, rejected.mutationId, "reissued")));
    expect((await stored(rejected.mutationId)).resolution).toBe("reissued");
  });

  it("resolving again (a new mutation) is already_in_state and keeps the first resolution and time", async () => {
    const { d, rejected } = await withRejection();
    await keeper.sync.push(batch(d, resolveRejection(d, 3, rejected.mutationId, "dismissed")));
    const first = await stored(rejected.mutationId);
    const again = resolveRejection(d, 4, rejected.mutationId, "reissued");
    const answer = await keeper.sync.push(batch(d, again));
    expect(answer.results).toEqual([{ mutationId: again.mutationId, seq: 4, status: "already_in_state", reasonCode: null, details: null }]);
    const after = await stored(rejected.mutationId);
    expect(after.resolution).toBe("dismissed");
    expect(after.resolvedAt).toEqual(first.resolvedAt);
    expect(await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved")).toHaveLength(1);
  });

  it("from another device of the same user: applied (the rejection is the user's)", async () => {
    const { rejected } = await withRejection();
    const d2 = await newDevice(keeper);
    const answer = await keeper.sync.push(batch(d2, resolveRejection(d2, 1, rejected.mutationId)));
    expect(answer.results[0]).toMatchObject({ status: "applied" });
  });

  it("another user's rejection: not_allowed, stored as a rejection of its own; the target stays unresolved", async () => {
    const { rejected } = await withRejection();
    const d = await newDevice(lineman);
    const attempt = resolveRejection(d, 1, rejected.mutationId);
    const answer = await lineman.sync.push(batch(d, attempt));
    expect(answer.results[0]).toMatchObject({ status: "rejected", reasonCode: "not_allowed" });
    expect(await stored(rejected.mutationId)).toMatchObject({ resolvedAt: null, resolution: null });
    expect(await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved")).toEqual([]);
    expect((await resultsOf(t.db, d)).map((r) => [r.status, r.reasonCode])).toEqual([["rejected", "not_allowed"]]);
  });

  it("a mutation that was applied, or is unknown: not_found", async () => {
    const { d, applied } = await withRejection();
    const answer = await keeper.sync.push(batch(d, resolveRejection(d, 3, applied.mutationId), resolveRejection(d, 4, uuidv7())));
    expect(answer.results.map((r) => [r.status, r.reasonCode])).toEqual([
      ["rejected", "not_found"],
      ["rejected", "not_found"],
    ]);
    expect(await stored(applied.mutationId)).toMatchObject({ status: "applied", resolvedAt: null });
  });

  it("bad args: bad_input", async () => {
    const d = await newDevice(keeper);
    const answer = await keeper.sync.push(
      batch(
        d,
        envelope(d, 1, "rejection.resolve", { mutationId: randomUUID(), resolution: "dismissed" }),
        envelope(d, 2, "rejection.resolve", { mutationId: uuidv7(), resolution: "forgotten" }),
        envelope(d, 3, "rejection.resolve", null),
      ),
    );
    expect(answer.results.map((r) => r.reasonCode)).toEqual(["bad_input", "bad_input", "bad_input"]);
  });

  it("a resolve rejected itself can be resolved (dismissed) like any rejection", async () => {
    const d = await newDevice(keeper);
    const bad = resolveRejection(d, 1, uuidv7());
    await keeper.sync.push(batch(d, bad));
    const answer = await keeper.sync.push(batch(d, resolveRejection(d, 2, bad.mutationId)));
    expect(answer.results[0]).toMatchObject({ status: "applied" });
  });
});
