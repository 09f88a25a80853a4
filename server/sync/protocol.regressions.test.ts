/**
 * Counterexamples found by the sync property test (protocol.property.test.ts), kept as named tests: each names
 * the fast-check seed and path that found it (with the PROPERTY_MUTATIONS of that run) and pins the behaviour.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { auditOf, batch, changeLabel, makeItem, newDevice, resolveRejection, resultsOf } from "@/tests/helpers/sync";
import { runProgram, type Step } from "@/tests/helpers/sync-harness";

describe("sync protocol regressions", () => {
  let t: TestDb;
  let keeper: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: keeper } = await login(t.db, "keeper", "keeper-demo1"));
  });
  afterAll(async () => t?.close());

  /**
   * seed -1495897929, path "0", PROPERTY_MUTATIONS=300: a rejection.resolve in the same batch as the change it
   * resolves was answered not_found (the batch's answers were stored only at its end), while the same two mutations
   * in two batches answered applied. A mutation's answer must not depend on where the client's batches split.
   */
  it("a resolve in the same batch as the rejection it resolves is applied, as in separate batches", async () => {
    const item = await makeItem(t.db, { status: "accepted" });
    const answers = [];
    for (const split of [false, true]) {
      const d = await newDevice(keeper);
      const rejected = changeLabel(
        d,
        1,
        { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" },
        { from: "accepted", version: 1 },
      );
      const resolve = resolveRejection(d, 2, rejected.mutationId, "dismissed");
      const results = split
        ? [...(await keeper.sync.push(batch(d, rejected))).results, ...(await keeper.sync.push(batch(d, resolve))).results]
        : (await keeper.sync.push(batch(d, rejected, resolve))).results;
      answers.push(results.map((r) => [r.seq, r.status, r.reasonCode]));
      expect((await resultsOf(t.db, d))[0]).toMatchObject({ status: "rejected", resolution: "dismissed" });
      expect(await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved")).toHaveLength(1);
    }
    expect(answers[0]).toEqual([
      [1, "rejected", "invalid_transition"],
      [2, "applied", null],
    ]);
    expect(answers[1]).toEqual(answers[0]);
  });

  it("resolving twice in one batch: applied, then already_in_state", async () => {
    const item = await makeItem(t.db, { status: "accepted" });
    const d = await newDevice(keeper);
    const rejected = changeLabel(
      d,
      1,
      { itemId: item.id, to: "returned", reason: "inspection_failed", zoneCode: "WH1-Q-RET" },
      { from: "accepted", version: 1 },
    );
    await keeper.sync.push(batch(d, rejected));
    const answer = await keeper.sync.push(
      batch(d, resolveRejection(d, 2, rejected.mutationId, "reissued"), resolveRejection(d, 3, rejected.mutationId, "dismissed")),
    );
    expect(answer.results.map((r) => r.status)).toEqual(["applied", "already_in_state"]);
    expect((await resultsOf(t.db, d))[0]).toMatchObject({ resolution: "reissued" });
    expect(await auditOf(t.db, rejected.mutationId, "sync.rejectionResolved")).toHaveLength(1);
  });

  it("the property run that found it (seed -1495897929, path 0, 300 mutations; program frozen in a fixture) passes", async () => {
    const program = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/sync/property-regression-resolve-same-batch.json"), "utf8")) as {
      seed: number;
      steps: Step[];
      mutationsPerRun: number;
    };
    const stats = await runProgram(program, program.mutationsPerRun);
    expect(stats!.mutations).toBeGreaterThanOrEqual(300);
  }, 120_000);
});
