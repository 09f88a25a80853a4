/**
 * A world of phones and one server for the sync protocol's property tests: many devices, each with the real
 * SyncEngine and IdbSyncStore (fake-indexeddb, one database per device), talking to the real router through a
 * transport that injects faults per request. After the run it heals, drains, and checks the server against the
 * reference model (sync-model.ts). Used by server/sync/protocol.property.test.ts and its regressions.
 */
import "fake-indexeddb/auto";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { asc, count, eq, inArray } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { SyncEngine, type FlushOutcome, type Lock } from "@/client/sync/engine";
import { IdbSyncStore } from "@/client/sync/idb-store";
import type { OutboxRecord } from "@/client/sync/types";
import { auditEvents, devices, itemLabelEvents, items, mutationResults, sessions, sites, zones } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import {
  ITEM_STATUSES,
  LABEL_REASONS,
  REASONS_BY_TARGET,
  allowedTargets,
  mayChangeLabel,
  requiresQuarantineZone,
  type TItemKind,
  type TItemStatus,
  type TLabelReason,
  type TZoneKind,
} from "@/domain/items/labels";
import { ZChangeLabelArgs, ZChangeLabelExpected } from "@/domain/items/mutations";
import { predictLabel, expectedFrom, type TPendingLabelChange } from "@/domain/items/predict";
import type { TMutationName } from "@/domain/sync/protocol";
import { createSession, hashToken } from "@/server/auth/session";
import { callerFor, login } from "./context";
import type { RestartableTestDb } from "./db";
import { xidNow } from "./sync";
import { replayModel, type ModelItem, type SentMutation } from "./sync-model";
import { httpError, networkError, overTheWire, transportOver, type SyncProcedure } from "./sync-transport";
import { makeUser, TEST_PASSWORD } from "./users";

export { prng, type Rng } from "./prng";
import { prng, type Rng } from "./prng";

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

export const FAULTS = ["none", "drop", "lost", "dup", "dupParallel", "delay", "e500before", "e500after", "e429", "e401"] as const;
export type Fault = (typeof FAULTS)[number];

export interface HarnessOptions {
  keepers: number;
  operations: number;
  linemen: number;
  devicesPerUser: number;
  /** Share of requests that meet a fault during the run (0..1). */
  faultRate: number;
  /** At least this many mutations are queued in a run (edits are added at the end if the steps made fewer). */
  minMutations: number;
  /** How many `restart` steps may really reopen the database (PGlite reopens cost ~1 s). */
  maxRestarts: number;
  seed: number;
}

export interface RunStats {
  mutations: number;
  requests: number;
  faults: Record<Fault, number>;
  strays: number;
  restarts: number;
  relogins: number;
  flushOutcomes: Record<string, number>;
  results: Record<string, number>;
  deadlocks: number;
  phasesMs?: Record<string, number>;
}

interface Device {
  index: number;
  user: { id: string; username: string; password: string; role: TRole };
  deviceId: string;
  store: IdbSyncStore;
  engine: SyncEngine;
  cookie: string;
  ip: string;
  /** Decides the fault of each request of the current flush; null: no faults (healing). */
  faults: Rng | null;
  held: boolean;
  /** The last error answer the server gave this phone (for failure messages). */
  lastError?: string;
}

const ZONES: { code: string; siteCode: string; kind: TZoneKind }[] = [
  { code: "WH1-A", siteCode: "WH1", kind: "stock" },
  { code: "WH1-B", siteCode: "WH1", kind: "stock" },
  { code: "WH1-IN", siteCode: "WH1", kind: "inspection" },
  { code: "WH1-Q-RET", siteCode: "WH1", kind: "quarantine" },
  { code: "WH1-Q-SCR", siteCode: "WH1", kind: "quarantine" },
  { code: "WH1-Q-DSP", siteCode: "WH1", kind: "quarantine" },
  { code: "HQ-EQ", siteCode: "HQ", kind: "site" },
  { code: "HQ-EQ2", siteCode: "HQ", kind: "site" },
];
const QUARANTINE = ZONES.filter((z) => z.kind === "quarantine").map((z) => z.code);
const ORDINARY = ZONES.filter((z) => z.kind !== "quarantine").map((z) => z.code);

export class SyncWorld {
  readonly devices: Device[] = [];
  /** Every mutation any phone queued, by id: what the model replays. */
  readonly sent = new Map<string, SentMutation>();
  readonly initialItems = new Map<string, ModelItem>();
  readonly stats: RunStats;
  private readonly stash: { d: Device; procedure: SyncProcedure; input: unknown; cookie: string }[] = [];
  private readonly internalErrors: string[] = [];
  private restarts = 0;
  private tagSeq = 0;
  private readonly runTag = randomBytes(3).toString("hex");

  private constructor(
    readonly db: RestartableTestDb,
    readonly opts: HarnessOptions,
  ) {
    this.stats = {
      mutations: 0,
      requests: 0,
      faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>,
      strays: 0,
      restarts: 0,
      relogins: 0,
      flushOutcomes: {},
      results: {},
      deadlocks: 0,
    };
  }

  /** Zones, users, items and logged-in devices on a fresh database. */
  static async create(db: RestartableTestDb, opts: HarnessOptions): Promise<SyncWorld> {
    const w = new SyncWorld(db, opts);
    const rng = prng(opts.seed);
    await db.db.insert(sites).values([
      { code: "HQ", nameZh: "城区分公司", nameEn: "City branch", address: "-" },
      { code: "WH1", nameZh: "中心仓库", nameEn: "Central warehouse", address: "-" },
    ]);
    await db.db.insert(zones).values(ZONES.map((z) => ({ ...z, nameZh: z.code, nameEn: z.code })));
    await w.addItems(rng, [
      ...Array.from({ length: 60 }, () => "material" as const),
      ...Array.from({ length: 14 }, () => "equipment" as const),
      ...Array.from({ length: 8 }, () => "facility" as const),
      ...Array.from({ length: 8 }, () => "customer_equipment" as const),
    ]);
    const roles: TRole[] = [
      ...Array.from({ length: opts.keepers }, () => "warehouse_keeper" as const),
      ...Array.from({ length: opts.operations }, () => "operations" as const),
      ...Array.from({ length: opts.linemen }, () => "lineman" as const),
    ];
    for (const role of roles) {
      const u = await makeUser(db.db, { role });
      for (let k = 0; k < opts.devicesPerUser; k++) {
        const index = w.devices.length;
        const ip = `10.9.${Math.floor(index / 250)}.${(index % 250) + 1}`;
        // why a session made directly: 24 argon2 verifications per run cost seconds; re-logins after a 401 go
        // through auth.login as a phone would
        const { token } = await createSession(db.db, { userId: u.id, ip });
        const cookie = `tm_session=${token}`;
        const store = await IdbSyncStore.open(`tm-prop-${w.runTag}-${index}`);
        const deviceId = await store.deviceIdFor(u.id);
        const device: Device = {
          index,
          user: { id: u.id, username: u.username, password: TEST_PASSWORD, role },
          deviceId,
          store,
          cookie,
          ip,
          faults: null,
          held: false,
          engine: undefined as unknown as SyncEngine,
        };
        // Web Locks with ifAvailable: a second flush of the same phone while one runs gets "busy"
        const lock: Lock = async (_name, fn) => {
          if (device.held) return null;
          device.held = true;
          try {
            return await fn();
          } finally {
            device.held = false;
          }
        };
        device.engine = new SyncEngine({ store, transport: transportOver((p, i) => w.deliver(device, p, i)), deviceId, lock, label: `prop ${index}` });
        w.devices.push(device);
      }
    }
    return w;
  }

  async close(): Promise<void> {
    for (const d of this.devices) d.store.close();
  }

  // ── the network ──────────────────────────────────────────────────────────────────────────────
  private async reach(d: Device, procedure: SyncProcedure, input: unknown, cookie = d.cookie): Promise<unknown> {
    const caller = await callerFor(this.db.db, { cookie, ip: d.ip });
    try {
      return await overTheWire(caller, procedure, input);
    } catch (err) {
      const data = (err as { data?: { appCode?: string; details?: unknown; fieldErrors?: unknown } }).data;
      if (data?.appCode === "internal") this.noteInternal(err);
      d.lastError = `${procedure}: ${data?.appCode} ${JSON.stringify(data?.details ?? data?.fieldErrors ?? null)}`;
      throw err;
    }
  }

  private noteInternal(err: unknown) {
    // the server's own error travels in the client error's cause chain (only in tests)
    const chain: string[] = [];
    for (let e: unknown = err, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) chain.push(String((e as Error).message ?? e));
    const text = chain.join(" ← ");
    // PostgreSQL may pick a push as deadlock victim when two batches lock the same items in another order:
    // transient by design (rolled back, resent)
    if (/deadlock detected/i.test(text)) this.stats.deadlocks++;
    else this.internalErrors.push(text);
  }

  /** One request of a phone, through the faults of its current flush. */
  async deliver(d: Device, procedure: SyncProcedure, input: unknown): Promise<unknown> {
    this.stats.requests++;
    const fault: Fault = d.faults && d.faults.chance(this.opts.faultRate) ? d.faults.pick(FAULTS.slice(1)) : "none";
    this.stats.faults[fault]++;
    const swallow = (p: Promise<unknown>) => p.catch(() => undefined);
    switch (fault) {
      case "none":
        return this.reach(d, procedure, input);
      case "drop":
        throw networkError();
      case "lost":
        await swallow(this.reach(d, procedure, input));
        throw networkError();
      case "dup":
        await swallow(this.reach(d, procedure, input));
        return this.reach(d, procedure, input);
      case "dupParallel": {
        const [a, b] = await Promise.allSettled([this.reach(d, procedure, input), this.reach(d, procedure, input)]);
        if (a.status === "fulfilled") return a.value;
        if (b.status === "fulfilled") return b.value;
        throw a.reason;
      }
      case "delay":
        this.stash.push({ d, procedure, input, cookie: d.cookie });
        throw networkError();
      case "e500before":
        throw httpError(500, "internal");
      case "e500after":
        await swallow(this.reach(d, procedure, input));
        throw httpError(500, "internal");
      case "e429":
        throw httpError(429, "rate_limited");
      case "e401": {
        // the session really expires on the server; the server answers 401 itself
        const token = d.cookie.split("=")[1]!;
        await this.db.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, hashToken(token)));
        return this.reach(d, procedure, input);
      }
    }
  }

  /** A held-up request arrives late (its answer goes nowhere). */
  async stray(rng: Rng): Promise<void> {
    if (this.stash.length === 0) return;
    const [late] = this.stash.splice(rng.int(this.stash.length), 1);
    this.stats.strays++;
    await this.reach(late!.d, late!.procedure, late!.input, late!.cookie).catch(() => undefined);
  }

  async restart(): Promise<void> {
    if (this.restarts >= this.opts.maxRestarts) return;
    this.restarts++;
    this.stats.restarts++;
    await this.db.restart();
  }

  private async relogin(d: Device) {
    this.stats.relogins++;
    d.cookie = (await login(this.db.db, d.user.username, d.user.password, { ip: d.ip })).cookie;
  }

  // ── phones ───────────────────────────────────────────────────────────────────────────────────
  /** One flush; checks the outcome is one a correct client and server can produce. */
  async flush(d: Device, faults: Rng | null): Promise<FlushOutcome> {
    d.faults = faults;
    let outcome: FlushOutcome;
    try {
      outcome = await d.engine.flush();
    } finally {
      d.faults = null;
    }
    const key = outcome.ok ? "ok" : `${outcome.reason}${outcome.code ? `:${outcome.code}` : ""}`;
    this.stats.flushOutcomes[key] = (this.stats.flushOutcomes[key] ?? 0) + 1;
    if (!outcome.ok) {
      if (outcome.reason === "auth") await this.relogin(d);
      else if (outcome.reason === "gap") throw new Error(`device ${d.index}: the server answered gap: an outbox row was lost`);
      else if (outcome.reason === "forbidden" || outcome.reason === "bad_request") {
        throw new Error(`device ${d.index}: request refused (${outcome.reason} ${outcome.code ?? ""}: ${d.lastError}): a client or server defect`);
      }
    }
    return outcome;
  }

  /** What the phone shows for an item: the cached state with its own queued changes on top. */
  private async view(d: Device, itemId: string) {
    const cached = await d.store.item(itemId);
    if (!cached) return null;
    const pending: TPendingLabelChange[] = [];
    for (const rec of await d.store.allPending(d.deviceId)) {
      if (rec.name !== "item.changeLabel") continue;
      const args = ZChangeLabelArgs.safeParse(rec.args);
      const expected = ZChangeLabelExpected.safeParse(rec.expected);
      if (args.success && expected.success && args.data.itemId === itemId) pending.push({ seq: rec.seq, args: args.data, expected: expected.data });
    }
    return { cached, predicted: predictLabel({ status: cached.status, version: cached.version, zoneCode: cached.zoneCode }, pending) };
  }

  private async enqueue(d: Device, name: string, args: unknown, expected: unknown, schemaVersion = 1): Promise<OutboxRecord> {
    const rec = await d.store.enqueue({
      userId: d.user.id,
      deviceId: d.deviceId,
      name: name as TMutationName,
      schemaVersion,
      args,
      ...(expected === undefined ? {} : { expected }),
    });
    this.sent.set(rec.mutationId, { ...rec, userId: d.user.id, role: d.user.role });
    this.stats.mutations++;
    return rec;
  }

  /** A user's change as the phone's screens would make it (mostly sensible, sometimes not). */
  async edit(d: Device, n: number, rng: Rng): Promise<void> {
    const ids = [...this.initialItems.keys()];
    for (let i = 0; i < n; i++) {
      const mine = ids.filter((id) => mayChangeLabel(d.user.role, this.initialItems.get(id)!.kind));
      let itemId = rng.chance(0.9) && mine.length > 0 ? rng.pick(mine) : rng.pick(ids);
      let view = await this.view(d, itemId);
      // people mostly work on items that still have somewhere to go (a few tries, then whatever came up)
      for (let tries = 0; tries < 4 && view && allowedTargets(this.initialItems.get(itemId)!.kind, view.predicted.status).length === 0; tries++) {
        itemId = mine.length > 0 ? rng.pick(mine) : rng.pick(ids);
        view = await this.view(d, itemId);
      }
      const kind = this.initialItems.get(itemId)!.kind;
      const flavour = rng.weighted([
        ["sensible", view ? 70 : 0],
        ["fromSynced", view ? 8 : 0],
        ["randomExpected", 5],
        ["invalidTarget", 5],
        ["badReason", 3],
        ["badZone", 4],
        ["badInput", 2],
        ["unknownName", 1],
        ["badVersion", 1],
        ["unknownItem", 1],
      ] as const);
      const base = view?.predicted ?? { status: rng.pick(ITEM_STATUSES), version: 1 + rng.int(5), zoneCode: null };
      let expected: unknown = expectedFrom(base);
      let to: TItemStatus;
      const targets = allowedTargets(kind, base.status);
      if ((flavour === "sensible" || flavour === "fromSynced" || flavour === "badReason" || flavour === "badZone") && targets.length > 0) {
        // keep items alive: the end of life is rare
        to = rng.weighted(targets.map((s) => [s, s === "scrapped" ? 0.3 : s === "pending_disposal" ? 0.6 : s === "returned" ? 1 : 4] as const));
      } else {
        to = rng.pick(ITEM_STATUSES);
      }
      if (flavour === "fromSynced" && view) expected = expectedFrom(view.cached);
      if (flavour === "randomExpected") expected = { from: rng.pick(ITEM_STATUSES), version: 1 + rng.int(9) };

      const reasons = REASONS_BY_TARGET[to];
      let reason: TLabelReason = rng.chance(0.1) ? "other" : rng.pick(reasons);
      let note = reason === "other" ? `note ${rng.int(1000)}` : rng.chance(0.1) ? "checked" : "";
      if (flavour === "badReason") {
        if (rng.chance(0.5)) {
          reason = "other";
          note = rng.chance(0.5) ? "" : "   ";
        } else {
          reason = rng.pick(LABEL_REASONS.filter((r) => r !== "other" && !reasons.includes(r)));
        }
      }
      let zoneCode: string | undefined = requiresQuarantineZone(to) ? rng.pick(QUARANTINE) : rng.chance(0.3) ? rng.pick(ORDINARY) : undefined;
      if (flavour === "badZone") zoneCode = rng.chance(0.5) ? `NOWHERE-${rng.int(9)}` : requiresQuarantineZone(to) ? rng.pick(ORDINARY) : undefined;

      const args: Record<string, unknown> = { itemId, to, reason, note, ...(zoneCode ? { zoneCode } : {}) };
      if (rng.chance(0.05)) args.geo = { lat: 30 + rng.next(), lng: 120 + rng.next(), accuracy: 5 + rng.int(50) };
      if (rng.chance(0.02)) args.photo = { mime: "image/jpeg", base64: Buffer.from(`photo ${rng.int(50)}`).toString("base64") };
      if (flavour === "unknownItem") args.itemId = crypto.randomUUID();

      if (flavour === "badInput") {
        const how = rng.int(4);
        if (how === 0) await this.enqueue(d, "item.changeLabel", { ...args, itemId: "not-a-uuid" }, expected);
        else if (how === 1) await this.enqueue(d, "item.changeLabel", args, undefined);
        else if (how === 2) await this.enqueue(d, "item.changeLabel", { ...args, to: "lost" }, expected);
        else await this.enqueue(d, "item.changeLabel", args, { from: base.status, version: 0 });
      } else if (flavour === "unknownName") {
        await this.enqueue(d, rng.pick(["item.teleport", "workOrder.sign", "item.changelabel"]), args, expected);
      } else if (flavour === "badVersion") {
        // (version 0 is not a version: the envelope schema refuses it, as it refuses any malformed envelope)
        await this.enqueue(d, "item.changeLabel", args, expected, rng.pick([2, 7, 99]));
      } else {
        await this.enqueue(d, "item.changeLabel", args, expected);
      }
    }
  }

  /** "Needs attention": dismiss or re-issue a rejected change; sometimes odd resolutions. */
  async resolve(d: Device, rng: Rng): Promise<void> {
    const local = await d.store.rejections(d.deviceId);
    const kind = rng.weighted([
      ["own", local.length > 0 ? 70 : 0],
      ["again", 8],
      ["others", 8],
      ["applied", 6],
      ["unknown", 4],
      ["garbage", 2],
    ] as const);
    if (kind === "own") {
      const r = rng.pick(local);
      const resolution = rng.chance(0.6) ? "dismissed" : "reissued";
      await this.enqueue(d, "rejection.resolve", { mutationId: r.mutationId, resolution }, undefined);
      await d.store.removeRejection(r.mutationId);
      const original = r.original;
      if (resolution === "reissued" && original?.name === "item.changeLabel") {
        // re-issue the same change from what the phone now shows
        const args = ZChangeLabelArgs.safeParse(original.args);
        const view = args.success ? await this.view(d, args.data.itemId) : null;
        if (args.success && view) await this.enqueue(d, "item.changeLabel", original.args, expectedFrom(view.predicted));
      }
      return;
    }
    // Odd targets are mutations whose answer the phones already have (acknowledged, so committed on the server)
    // and that no phone lists as needing attention (a rejection resolved behind a phone's back would stay on its
    // list: the screens never offer that), or changes still queued on this same phone (its outbox keeps them in
    // order: the resolve may travel in the same batch as its target).
    const settled = new Set(this.sent.keys());
    for (const x of this.devices) {
      for (const r of await x.store.rejections(x.deviceId)) settled.delete(r.mutationId);
      for (const r of await x.store.allPending(x.deviceId)) settled.delete(r.mutationId);
    }
    for (const r of await d.store.allPending(d.deviceId)) settled.add(r.mutationId);
    const mine = [...this.sent.values()].filter((m) => m.userId === d.user.id && settled.has(m.mutationId));
    const theirs = [...this.sent.values()].filter((m) => m.userId !== d.user.id && settled.has(m.mutationId));
    let target: string;
    if (kind === "again" && mine.length > 0) target = rng.pick(mine).mutationId; // resolved already, applied, or not yet known
    else if (kind === "others" && theirs.length > 0) target = rng.pick(theirs).mutationId;
    else if (kind === "applied" && mine.length > 0) target = rng.pick(mine).mutationId;
    else target = uuidv7();
    if (kind === "garbage") {
      await this.enqueue(d, "rejection.resolve", { mutationId: target, resolution: "ignored" }, undefined);
      return;
    }
    await this.enqueue(d, "rejection.resolve", { mutationId: target, resolution: rng.chance(0.5) ? "dismissed" : "reissued" }, undefined);
  }

  /** New tagged items registered by the office (straight into the database, as an intake would). */
  async intake(rng: Rng, n: number): Promise<void> {
    await this.addItems(rng, Array.from({ length: n }, () => rng.pick(["material", "material", "equipment", "customer_equipment"] as const)));
  }

  private async addItems(rng: Rng, kinds: TItemKind[]) {
    const rows = kinds.map((kind) => {
      const status: TItemStatus =
        kind === "material"
          ? rng.pick(["received", "pending_inspection", "pending_inspection", "accepted", "accepted", "in_use"] as const)
          : rng.pick(["in_service", "in_service", "under_maintenance"] as const);
      const zoneCode = kind === "material" ? (status === "received" || status === "pending_inspection" ? "WH1-IN" : rng.pick(["WH1-A", "WH1-B"])) : rng.pick(["HQ-EQ", "HQ-EQ2"]);
      return { tagCode: `PR-${this.runTag}-${++this.tagSeq}`, kind, name: `prop ${kind}`, status, zoneCode };
    });
    const made = await this.db.db.insert(items).values(rows).returning();
    for (const r of made) this.initialItems.set(r.id, { id: r.id, kind: r.kind, status: r.status, version: r.version, zoneCode: r.zoneCode });
  }

  // ── a whole run ──────────────────────────────────────────────────────────────────────────────
  async run(steps: readonly Step[]): Promise<void> {
    const nd = this.devices.length;
    const rngOf = (r: number) => prng(r ^ this.opts.seed);
    for (const step of steps) {
      switch (step.t) {
        case "edit":
          await this.edit(this.devices[step.d % nd]!, step.n, rngOf(step.r));
          break;
        case "flush":
          await this.flush(this.devices[step.d % nd]!, rngOf(step.r));
          break;
        case "editWhileSyncing": {
          const d = this.devices[step.d % nd]!;
          const rng = rngOf(step.r);
          const faults = prng(rng.int(2 ** 31));
          await Promise.all([this.flush(d, faults), this.edit(d, step.n, rng)]);
          break;
        }
        case "burst": {
          const rng = rngOf(step.r);
          await Promise.all(step.ds.map((i, k) => this.flush(this.devices[i % nd]!, prng(rng.int(2 ** 31) + k))));
          break;
        }
        case "resolve":
          await this.resolve(this.devices[step.d % nd]!, rngOf(step.r));
          break;
        case "stray":
          await this.stray(rngOf(step.r));
          break;
        case "intake":
          await this.intake(rngOf(step.r), step.n);
          break;
        case "restart":
          await this.restart();
          break;
      }
    }
    // enough mutations in every run, whatever the steps were
    const top = prng(this.opts.seed ^ 0x5eed);
    while (this.stats.mutations < this.opts.minMutations) {
      const d = top.pick(this.devices);
      await this.edit(d, 1 + top.int(6), top);
      if (top.chance(0.3)) await this.flush(d, prng(top.int(2 ** 31)));
    }
  }

  /** No more faults: late requests arrive, sessions are renewed, every phone syncs until its outbox is empty. */
  async healAndDrain(): Promise<void> {
    const rng = prng(this.opts.seed ^ 0xdead);
    while (this.stash.length > 0) await this.stray(rng);
    for (let round = 0; round < 20; round++) {
      let busy = false;
      for (const d of this.devices) {
        const pending = await d.store.pendingCount(d.deviceId);
        const outcome = await this.flush(d, null);
        if (!outcome.ok) {
          if (outcome.reason !== "auth") throw new Error(`device ${d.index}: flush without faults failed: ${JSON.stringify(outcome)}`);
          busy = true;
        } else if (pending > 0) busy = true;
      }
      if (!busy) return this.catchUp();
    }
    throw new Error("the outboxes did not drain in 20 rounds without faults");
  }

  /**
   * Every phone pulls until it has every write made so far. A pull reads only below the oldest transaction running
   * on the whole PostgreSQL server, so another test file's transaction can hold it back for a moment.
   */
  private async catchUp(): Promise<void> {
    const until = await xidNow(this.db.db);
    for (const d of this.devices) {
      const deadline = Date.now() + 30_000;
      while (BigInt(await d.store.cursor(d.deviceId)) < until - 1n) {
        if (Date.now() > deadline) throw new Error(`device ${d.index} did not catch up with ${until} in 30 s`);
        await new Promise((r) => setTimeout(r, 50));
        await this.flush(d, null);
      }
    }
  }

  // ── the checks ───────────────────────────────────────────────────────────────────────────────
  async check(): Promise<void> {
    const db = this.db.db;
    const problems: string[] = [];
    const fail = (msg: string) => problems.length < 30 && problems.push(msg);
    if (this.internalErrors.length > 0) fail(`the server failed unexpectedly ${this.internalErrors.length}×: ${this.internalErrors.slice(0, 3).join(" | ")}`);

    // 1. every outbox is empty
    for (const d of this.devices) {
      const n = await d.store.pendingCount(d.deviceId);
      if (n !== 0) fail(`device ${d.index} still has ${n} queued`);
    }

    // 2. exactly one stored result per mutation sent, none other; seqs per device 1..n without holes
    const deviceIds = this.devices.map((d) => d.deviceId);
    const stored = await db.select().from(mutationResults).where(inArray(mutationResults.deviceId, deviceIds)).orderBy(asc(mutationResults.applyOrder));
    const byId = new Map<string, (typeof stored)[number]>();
    for (const r of stored) {
      if (byId.has(r.mutationId)) fail(`two results for ${r.mutationId}`);
      byId.set(r.mutationId, r);
      const m = this.sent.get(r.mutationId);
      if (!m) fail(`a result for a mutation nobody sent: ${r.mutationId}`);
      else if (m.seq !== r.seq || m.deviceId !== r.deviceId) fail(`${r.mutationId} stored as ${r.deviceId}#${r.seq}, sent as ${m.deviceId}#${m.seq}`);
    }
    for (const m of this.sent.values()) if (!byId.has(m.mutationId)) fail(`lost: ${m.name} ${m.deviceId}#${m.seq} (${m.mutationId})`);
    for (const d of this.devices) {
      const seqs = stored.filter((r) => r.deviceId === d.deviceId).map((r) => r.seq).sort((a, b) => a - b);
      const sentCount = [...this.sent.values()].filter((m) => m.deviceId === d.deviceId).length;
      if (seqs.length !== sentCount || seqs.some((s, i) => s !== i + 1)) fail(`device ${d.index}: stored seqs are not 1..${sentCount}`);
      const [row] = await db.select().from(devices).where(eq(devices.deviceId, d.deviceId));
      if ((row?.lastAppliedSeq ?? 0) !== sentCount) fail(`device ${d.index}: last_applied_seq ${row?.lastAppliedSeq} ≠ ${sentCount}`);
    }

    // 3. every rejection has a reason; nothing else has one
    for (const r of stored) {
      this.stats.results[`${r.status}${r.reasonCode ? `:${r.reasonCode}` : ""}`] = (this.stats.results[`${r.status}${r.reasonCode ? `:${r.reasonCode}` : ""}`] ?? 0) + 1;
      if ((r.status === "rejected") !== (r.reasonCode !== null)) fail(`${r.mutationId}: status ${r.status} with reason ${r.reasonCode}`);
    }

    // 4. the reference model, replayed in the server's apply order, answers the same and ends in the same state
    const model = replayModel({
      items: this.initialItems.values(),
      zones: new Map(ZONES.map((z) => [z.code, z.kind])),
      sent: this.sent,
      order: stored.map((r) => r.mutationId),
    });
    for (const r of stored) {
      const want = model.outcomes.get(r.mutationId)!;
      if (want.status !== r.status || want.reasonCode !== r.reasonCode) {
        const m = this.sent.get(r.mutationId)!;
        fail(`${m.name} ${m.deviceId}#${m.seq} (apply order ${r.applyOrder}): server ${r.status}/${r.reasonCode}, model ${want.status}/${want.reasonCode}; args ${JSON.stringify(m.args).slice(0, 200)} expected ${JSON.stringify(m.expected)}`);
      }
    }
    const serverItems = await db.select().from(items).where(inArray(items.id, [...this.initialItems.keys()]));
    for (const row of serverItems) {
      const want = model.items.get(row.id)!;
      if (row.status !== want.status || row.version !== want.version || row.zoneCode !== want.zoneCode) {
        fail(`item ${row.tagCode}: server ${row.status} v${row.version} ${row.zoneCode}, model ${want.status} v${want.version} ${want.zoneCode}`);
      }
    }

    // 5. one label event per applied change, chained per item
    const events = await db.select().from(itemLabelEvents).where(inArray(itemLabelEvents.itemId, [...this.initialItems.keys()])).orderBy(asc(itemLabelEvents.id));
    const appliedChanges = stored.filter((r) => r.status === "applied" && r.name === "item.changeLabel");
    if (events.length !== appliedChanges.length) fail(`${events.length} label events for ${appliedChanges.length} applied changes`);
    if (events.length !== model.appliedChanges) fail(`${events.length} label events, the model applied ${model.appliedChanges}`);
    const applied = new Set(appliedChanges.map((r) => r.mutationId));
    const last = new Map<string, { status: TItemStatus; version: number }>();
    for (const e of events) {
      if (!e.mutationId || !applied.has(e.mutationId)) fail(`label event ${e.id} of no applied change (${e.mutationId})`);
      const prev = last.get(e.itemId) ?? { status: this.initialItems.get(e.itemId)!.status, version: 1 };
      if (e.fromStatus !== prev.status || e.versionAfter !== prev.version + 1) fail(`label event ${e.id} does not follow ${prev.status} v${prev.version}`);
      last.set(e.itemId, { status: e.toStatus, version: e.versionAfter });
    }

    // 6. resolutions: as the model says, audited once each
    const resolvedRows = stored.filter((r) => r.resolvedAt !== null);
    if (resolvedRows.length !== model.resolved.size) fail(`${resolvedRows.length} rejections resolved, the model resolved ${model.resolved.size}`);
    for (const r of resolvedRows) if (model.resolved.get(r.mutationId) !== r.resolution) fail(`${r.mutationId} resolved ${r.resolution}, model ${model.resolved.get(r.mutationId)}`);
    const [audited] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.name, "sync.rejectionResolved"));
    if (Number(audited?.n) !== model.appliedResolves) fail(`${audited?.n} resolution audit events, the model applied ${model.appliedResolves}`);

    // 7. every phone, synced, shows the server's state and exactly its unresolved rejections
    const final = new Map(serverItems.map((r) => [r.id, r]));
    for (const d of this.devices) {
      for (const [id, row] of final) {
        const cached = await d.store.item(id);
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
export async function runProgram(program: { seed: number; steps: readonly Step[] }, mutationsPerRun: number, world?: Partial<HarnessOptions>, totals?: PropertyTotals): Promise<RunStats | undefined> {
  const started = Date.now();
  const { createRestartableTestDb } = await import("./db");
  const db = await createRestartableTestDb();
  let w: SyncWorld | undefined;
  try {
    const t0 = Date.now();
    w = await SyncWorld.create(db, { ...PROPERTY_WORLD, ...world, seed: program.seed, minMutations: mutationsPerRun });
    const t1 = Date.now();
    await w.run(program.steps);
    const t2 = Date.now();
    await w.healAndDrain();
    const t3 = Date.now();
    await w.check();
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
