/**
 * A world of phones and one server for the sync protocol's property tests: many devices, each with the real
 * SyncEngine and IdbSyncStore (fake-indexeddb, one database per device), talking to the real router through a
 * transport that injects faults per request. After the run it heals, drains, and checks the server against the
 * reference model (sync-model.ts). Used by server/sync/protocol.property.test.ts and its regressions.
 *
 * Here: the program a run executes, the checks and the property. The world (phones, server, faulty network):
 * sync-world.ts, re-exported here; what the users do on the phones: sync-phone-user.ts.
 */
import fc from "fast-check";
import { asc, count, eq, inArray } from "drizzle-orm";
import { auditEvents, devices, itemLabelEvents, items, mutationResults } from "@/db/schema";
import type { TItemStatus } from "@/domain/items/labels";
import { replayModel } from "./sync-model";
import { edit, resolve } from "./sync-phone-user";
import { FAULTS, SyncWorld, ZONES, type Fault, type HarnessOptions, type RunStats } from "./sync-world";

export { prng, type Rng } from "./prng";
import { prng } from "./prng";
export { FAULTS, SyncWorld, type Fault, type HarnessOptions, type RunStats } from "./sync-world";

// ── the program a property run executes ──────────────────────────────────────────────────────────
export type Step =
  /** A user makes `n` changes on a phone (queued in its outbox). */
  | { t: "edit"; d: number; n: number; r: number }
  /** A user makes changes while the phone is syncing (the outbox grows under the sender). */
  | { t: "editWhileSyncing"; d: number; n: number; r: number }
  /** A phone syncs; every request of the flush may meet a fault. */
  | { t: "flush"; d: number; r: number }
  /** Several phones sync at the same time. */
  | { t: "burst"; ds: number[]; r: number }
  /** A user deals with a change in "Needs attention" (or tries to resolve something odd). */
  | { t: "resolve"; d: number; r: number }
  /** An old request, held up in the network, reaches the server now. */
  | { t: "stray"; r: number }
  /** The office registers new tagged items. */
  | { t: "intake"; n: number; r: number }
  /** The server restarts: every connection closed, the same data opened again. */
  | { t: "restart" };

// ── a whole run ──────────────────────────────────────────────────────────────────────────────────
export async function run(w: SyncWorld, steps: readonly Step[]): Promise<void> {
  const nd = w.devices.length;
  const rngOf = (r: number) => prng(r ^ w.opts.seed);
  for (const step of steps) {
    switch (step.t) {
      case "edit":
        await edit(w, w.devices[step.d % nd]!, step.n, rngOf(step.r));
        break;
      case "flush":
        await w.flush(w.devices[step.d % nd]!, rngOf(step.r));
        break;
      case "editWhileSyncing": {
        const d = w.devices[step.d % nd]!;
        const rng = rngOf(step.r);
        const faults = prng(rng.int(2 ** 31));
        await Promise.all([w.flush(d, faults), edit(w, d, step.n, rng)]);
        break;
      }
      case "burst": {
        const rng = rngOf(step.r);
        await Promise.all(step.ds.map((i, k) => w.flush(w.devices[i % nd]!, prng(rng.int(2 ** 31) + k))));
        break;
      }
      case "resolve":
        await resolve(w, w.devices[step.d % nd]!, rngOf(step.r));
        break;
      case "stray":
        await w.stray(rngOf(step.r));
        break;
      case "intake":
        await w.intake(rngOf(step.r), step.n);
        break;
      case "restart":
        await w.restart();
        break;
    }
  }
  // enough mutations in every run, whatever the steps were
  const top = prng(w.opts.seed ^ 0x5eed);
  while (w.stats.mutations < w.opts.minMutations) {
    const d = top.pick(w.devices);
    await edit(w, d, 1 + top.int(6), top);
    if (top.chance(0.3)) await w.flush(d, prng(top.int(2 ** 31)));
  }
}

// ── the checks ───────────────────────────────────────────────────────────────────────────────────
export async function check(w: SyncWorld): Promise<void> {
  const db = w.db.db;
  const problems: string[] = [];
  const fail = (msg: string) => problems.length < 30 && problems.push(msg);
  if (w.internalErrors.length > 0) fail(`the server failed unexpectedly ${w.internalErrors.length}×: ${w.internalErrors.slice(0, 3).join(" | ")}`);

  // 1. every outbox is empty
  for (const d of w.devices) {
    const n = await d.store.pendingCount(d.deviceId);
    if (n !== 0) fail(`device ${d.index} still has ${n} queued`);
  }

  // 2. exactly one stored result per mutation sent, none other; seqs per device 1..n without holes
  const deviceIds = w.devices.map((d) => d.deviceId);
  const stored = await db.select().from(mutationResults).where(inArray(mutationResults.deviceId, deviceIds)).orderBy(asc(mutationResults.applyOrder));
  const byId = new Map<string, (typeof stored)[number]>();
  for (const r of stored) {
    if (byId.has(r.mutationId)) fail(`two results for ${r.mutationId}`);
    byId.set(r.mutationId, r);
    const m = w.sent.get(r.mutationId);
    if (!m) fail(`a result for a mutation nobody sent: ${r.mutationId}`);
    else if (m.seq !== r.seq || m.deviceId !== r.deviceId) fail(`${r.mutationId} stored as ${r.deviceId}#${r.seq}, sent as ${m.deviceId}#${m.seq}`);
  }
  for (const m of w.sent.values()) if (!byId.has(m.mutationId)) fail(`lost: ${m.name} ${m.deviceId}#${m.seq} (${m.mutationId})`);
  for (const d of w.devices) {
    const seqs = stored
      .filter((r) => r.deviceId === d.deviceId)
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    const sentCount = [...w.sent.values()].filter((m) => m.deviceId === d.deviceId).length;
    if (seqs.length !== sentCount || seqs.some((s, i) => s !== i + 1)) fail(`device ${d.index}: stored seqs are not 1..${sentCount}`);
    const [row] = await db.select().from(devices).where(eq(devices.deviceId, d.deviceId));
    if ((row?.lastAppliedSeq ?? 0) !== sentCount) fail(`device ${d.index}: last_applied_seq ${row?.lastAppliedSeq} ≠ ${sentCount}`);
  }

  // 3. every rejection has a reason; nothing else has one
  for (const r of stored) {
    w.stats.results[`${r.status}${r.reasonCode ? `:${r.reasonCode}` : ""}`] =
      (w.stats.results[`${r.status}${r.reasonCode ? `:${r.reasonCode}` : ""}`] ?? 0) + 1;
    if ((r.status === "rejected") !== (r.reasonCode !== null)) fail(`${r.mutationId}: status ${r.status} with reason ${r.reasonCode}`);
  }

  // 4. the reference model, replayed in the server's apply order, answers the same and ends in the same state
  const model = replayModel({
    items: w.initialItems.values(),
    zones: new Map(ZONES.map((z) => [z.code, z.kind])),
    sent: w.sent,
    order: stored.map((r) => r.mutationId),
  });
  for (const r of stored) {
    const want = model.outcomes.get(r.mutationId)!;
    if (want.status !== r.status || want.reasonCode !== r.reasonCode) {
      const m = w.sent.get(r.mutationId)!;
      fail(
        `${m.name} ${m.deviceId}#${m.seq} (apply order ${r.applyOrder}): server ${r.status}/${r.reasonCode}, model ${want.status}/${want.reasonCode}; args ${JSON.stringify(m.args).slice(0, 200)} expected ${JSON.stringify(m.expected)}`,
      );
    }
  }
  const serverItems = await db
    .select()
    .from(items)
    .where(inArray(items.id, [...w.initialItems.keys()]));
  for (const row of serverItems) {
    const want = model.items.get(row.id)!;
    if (row.status !== want.status || row.version !== want.version || row.zoneCode !== want.zoneCode) {
      fail(`item ${row.tagCode}: server ${row.status} v${row.version} ${row.zoneCode}, model ${want.status} v${want.version} ${want.zoneCode}`);
    }
  }

  // 5. one label event per applied change, chained per item
  const events = await db
    .select()
    .from(itemLabelEvents)
    .where(inArray(itemLabelEvents.itemId, [...w.initialItems.keys()]))
    .orderBy(asc(itemLabelEvents.id));
  const appliedChanges = stored.filter((r) => r.status === "applied" && r.name === "item.changeLabel");
  if (events.length !== appliedChanges.length) fail(`${events.length} label events for ${appliedChanges.length} applied changes`);
  if (events.length !== model.appliedChanges) fail(`${events.length} label events, the model applied ${model.appliedChanges}`);
  const applied = new Set(appliedChanges.map((r) => r.mutationId));
  const last = new Map<string, { status: TItemStatus; version: number }>();
  for (const e of events) {
    if (!e.mutationId || !applied.has(e.mutationId)) fail(`label event ${e.id} of no applied change (${e.mutationId})`);
    const prev = last.get(e.itemId) ?? { status: w.initialItems.get(e.itemId)!.status, version: 1 };
    if (e.fromStatus !== prev.status || e.versionAfter !== prev.version + 1) fail(`label event ${e.id} does not follow ${prev.status} v${prev.version}`);
    last.set(e.itemId, { status: e.toStatus, version: e.versionAfter });
  }

  // 6. resolutions: as the model says, audited once each
  const resolvedRows = stored.filter((r) => r.resolvedAt !== null);
  if (resolvedRows.length !== model.resolved.size) fail(`${resolvedRows.length} rejections resolved, the model resolved ${model.resolved.size}`);
  for (const r of resolvedRows)
    if (model.resolved.get(r.mutationId) !== r.resolution) fail(`${r.mutationId} resolved ${r.resolution}, model ${model.resolved.get(r.mutationId)}`);
  const [audited] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.name, "sync.rejectionResolved"));
  if (Number(audited?.n) !== model.appliedResolves) fail(`${audited?.n} resolution audit events, the model applied ${model.appliedResolves}`);

  // 7. every phone, synced, shows the server's state and exactly its unresolved rejections
  const final = new Map(serverItems.map((r) => [r.id, r]));
  for (const d of w.devices) {
    for (const [id, row] of final) {
      const cached = await d.store.get("items", id);
      if (!cached || cached.status !== row.status || cached.version !== row.version || cached.zoneCode !== row.zoneCode) {
        fail(`device ${d.index} shows ${row.tagCode} as ${cached?.status} v${cached?.version}, server ${row.status} v${row.version}`);
        break;
      }
    }
    const local = new Set((await d.store.rejections(d.deviceId)).map((r) => r.mutationId));
    const open = stored.filter((r) => r.deviceId === d.deviceId && r.status === "rejected" && r.resolvedAt === null).map((r) => r.mutationId);
    const missing = open.filter((id) => !local.has(id));
    const extra = [...local].filter((id) => !open.includes(id));
    if (missing.length || extra.length) fail(`device ${d.index} needs-attention list: missing ${missing.length}, extra ${extra.length}`);
  }

  if (problems.length > 0) throw new Error(`sync property violated:\n  ${problems.join("\n  ")}`);
}

// ── the property ─────────────────────────────────────────────────────────────────────────────────
const deviceArb = fc.nat({ max: 10_000 });
const seedArb = fc.integer();
/** One step of a run: mostly edits and flushes; bursts, resolutions, late requests, intakes and restarts. */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 400, arbitrary: fc.record({ t: fc.constant("edit" as const), d: deviceArb, n: fc.integer({ min: 1, max: 6 }), r: seedArb }) },
  // a day offline: more than one batch queued
  { weight: 4, arbitrary: fc.record({ t: fc.constant("edit" as const), d: deviceArb, n: fc.integer({ min: 40, max: 130 }), r: seedArb }) },
  { weight: 40, arbitrary: fc.record({ t: fc.constant("editWhileSyncing" as const), d: deviceArb, n: fc.integer({ min: 1, max: 8 }), r: seedArb }) },
  { weight: 300, arbitrary: fc.record({ t: fc.constant("flush" as const), d: deviceArb, r: seedArb }) },
  { weight: 40, arbitrary: fc.record({ t: fc.constant("burst" as const), ds: fc.array(deviceArb, { minLength: 2, maxLength: 6 }), r: seedArb }) },
  { weight: 60, arbitrary: fc.record({ t: fc.constant("resolve" as const), d: deviceArb, r: seedArb }) },
  { weight: 30, arbitrary: fc.record({ t: fc.constant("stray" as const), r: seedArb }) },
  { weight: 15, arbitrary: fc.record({ t: fc.constant("intake" as const), n: fc.integer({ min: 1, max: 5 }), r: seedArb }) },
  { weight: 3, arbitrary: fc.constant({ t: "restart" as const }) },
);

/** The world of the property test: 8 users (keepers, operations, a lineman), 3 phones each. */
export const PROPERTY_WORLD: Omit<HarnessOptions, "seed" | "minMutations"> = {
  keepers: 4,
  operations: 3,
  linemen: 1,
  devicesPerUser: 3,
  faultRate: 0.25,
  maxRestarts: process.env.TEST_DB === "postgres" ? 6 : 2,
};

export interface PropertyTotals {
  runs: number;
  mutations: number;
  requests: number;
  ms: number;
  faults: Record<Fault, number>;
}

export function emptyTotals(): PropertyTotals {
  return { runs: 0, mutations: 0, requests: 0, ms: 0, faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number> };
}

/** One run of a program on a fresh restartable database: run, heal, drain, check. Returns the run's stats. */
export async function runProgram(
  program: { seed: number; steps: readonly Step[] },
  mutationsPerRun: number,
  world?: Partial<HarnessOptions>,
  totals?: PropertyTotals,
): Promise<RunStats | undefined> {
  const started = Date.now();
  const { createRestartableTestDb } = await import("./db");
  const db = await createRestartableTestDb();
  let w: SyncWorld | undefined;
  try {
    const t0 = Date.now();
    w = await SyncWorld.create(db, { ...PROPERTY_WORLD, ...world, seed: program.seed, minMutations: mutationsPerRun });
    const t1 = Date.now();
    await run(w, program.steps);
    const t2 = Date.now();
    await w.healAndDrain();
    const t3 = Date.now();
    await check(w);
    w.stats.phasesMs = { create: t1 - t0, run: t2 - t1, drain: t3 - t2, check: Date.now() - t3 };
    return w.stats;
  } finally {
    if (w) {
      const s = w.stats;
      if (totals) {
        totals.runs++;
        totals.mutations += s.mutations;
        totals.requests += s.requests;
        totals.ms += Date.now() - started;
        for (const f of FAULTS) totals.faults[f] += s.faults[f];
      }
      console.log(
        `[sync property] ${db.kind} run seed ${program.seed}: ${s.mutations} mutations, ${s.requests} requests, ${s.strays} late, ${s.restarts} restarts, ` +
          `${s.relogins} re-logins, ${s.deadlocks} deadlocks, ${((Date.now() - started) / 1000).toFixed(1)} s ${JSON.stringify(s.phasesMs ?? {})}; results ${JSON.stringify(s.results)}; flushes ${JSON.stringify(s.flushOutcomes)}`,
      );
      await w.close();
    }
    await db.close();
  }
}

/**
 * The property: any program of steps, run on a fresh restartable database, heals, drains and passes check().
 * The number of steps follows from `mutationsPerRun`, so a seed and path reproduce a run only with the same size
 * (and the same step arbitrary: counterexamples are frozen as fixtures for protocol.regressions.test.ts).
 */
export function syncProperty(opts: { mutationsPerRun: number; totals?: PropertyTotals; world?: Partial<HarnessOptions> }) {
  const steps = Math.ceil(opts.mutationsPerRun * 0.45);
  return fc.asyncProperty(fc.record({ seed: fc.integer(), steps: fc.array(stepArb, { minLength: steps, maxLength: steps }) }), async (program) => {
    await runProgram(program, opts.mutationsPerRun, opts.world, opts.totals);
  });
}
