/**
 * The offline protocol under faults (DESIGN.md §3, §7): many phones with the real engine and IndexedDB store make
 * random label changes and resolutions while the network drops, loses answers, duplicates, reorders, answers
 * 500/429/401, and the server restarts. After healing and draining, the server must equal the reference model
 * replayed in its own apply order: nothing lost, nothing applied twice, every phone showing the server's state.
 * The world and the checks: tests/helpers/sync-harness.ts; the model: tests/helpers/sync-model.ts.
 *
 * Reproduce a failure with the seed and path fast-check prints (and the same PROPERTY_MUTATIONS):
 *   PROPERTY_SEED=<seed> PROPERTY_PATH=<path> npx vitest run --project integration server/sync/protocol.property.test.ts
 * then add it to protocol.regressions.test.ts. PROPERTY_RUNS and PROPERTY_MUTATIONS change the size.
 */
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { PROPERTY_WORLD, emptyTotals, syncProperty } from "@/tests/helpers/sync-harness";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 5);
const MUTATIONS_PER_RUN = Number(process.env.PROPERTY_MUTATIONS ?? 2_000);
const USERS = PROPERTY_WORLD.keepers + PROPERTY_WORLD.operations + PROPERTY_WORLD.linemen;

describe("sync protocol under faults (model-based, fast-check)", () => {
  const totals = emptyTotals();

  afterAll(() => {
    console.log(
      `[sync property] ${process.env.TEST_DB ?? "pglite"} total: ${totals.runs} runs, ${totals.mutations} mutations, ${totals.requests} requests ` +
        `in ${(totals.ms / 1000).toFixed(1)} s; faults ${JSON.stringify(totals.faults)}`,
    );
  });

  test(
    `${USERS} users on ${USERS * PROPERTY_WORLD.devicesPerUser} phones, ${RUNS} runs × ≥ ${MUTATIONS_PER_RUN} mutations`,
    async () => {
      await fc.assert(syncProperty({ mutationsPerRun: MUTATIONS_PER_RUN, totals }), {
        numRuns: RUNS,
        ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
        ...(process.env.PROPERTY_PATH ? { path: process.env.PROPERTY_PATH } : {}),
        // why: one run takes seconds; shrinking a 1,000-step program would take far longer than it helps
        endOnFailure: true,
        verbose: fc.VerbosityLevel.Verbose,
      });
      expect(totals.mutations).toBeGreaterThanOrEqual(RUNS * MUTATIONS_PER_RUN);
    },
    // 2 cores: about 15 s per run of 2,000 mutations on PGlite
    900_000,
  );
});
