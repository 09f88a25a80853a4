/**
 * The world of the sync protocol's property tests: many phones, each with the real SyncEngine and IdbSyncStore
 * (fake-indexeddb, one database per device), talking to the real router through a transport that injects faults
 * per request; the server's zones, items and users; healing and draining after a run. What the users do on the
 * phones: sync-phone-user.ts; the program, the checks against the model and the property: sync-harness.ts.
 */
import "fake-indexeddb/auto";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { SyncEngine, type FlushOutcome, type Lock } from "@/client/sync/engine";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { items, sessions, sites, zones } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import type { TItemKind, TItemStatus, TZoneKind } from "@/domain/items/labels";
import { createSession, hashToken } from "@/server/auth/session";
import { callerFor, login } from "./context";
import type { RestartableTestDb } from "./db";
import { prng, type Rng } from "./prng";
import { cursorReaches, xidNow } from "./sync";
import type { ModelItem, SentMutation } from "./sync-model";
import { httpError, networkError, overTheWire, transportOver, type SyncProcedure } from "./sync-transport";
import { makeUser, TEST_PASSWORD } from "./users";

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

export interface Device {
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

export const ZONES: { code: string; siteCode: string; kind: TZoneKind }[] = [
  { code: "WH1-A", siteCode: "WH1", kind: "stock" },
  { code: "WH1-B", siteCode: "WH1", kind: "stock" },
  { code: "WH1-IN", siteCode: "WH1", kind: "inspection" },
  { code: "WH1-Q-RET", siteCode: "WH1", kind: "quarantine" },
  { code: "WH1-Q-SCR", siteCode: "WH1", kind: "quarantine" },
  { code: "WH1-Q-DSP", siteCode: "WH1", kind: "quarantine" },
  { code: "HQ-EQ", siteCode: "HQ", kind: "site" },
  { code: "HQ-EQ2", siteCode: "HQ", kind: "site" },
];

export class SyncWorld {
  readonly devices: Device[] = [];
  /** Every mutation any phone queued, by id: what the model replays. */
  readonly sent = new Map<string, SentMutation>();
  readonly initialItems = new Map<string, ModelItem>();
  readonly stats: RunStats;
  private readonly stash: { d: Device; procedure: SyncProcedure; input: unknown; cookie: string }[] = [];
  /** Unexpected server failures seen on the way (checked after the run). */
  readonly internalErrors: string[] = [];
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

  close(): Promise<void> {
    for (const d of this.devices) d.store.close();
    return Promise.resolve();
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
    for (let e: unknown = err, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) {
      // a cause may be anything: its message when it has one, else the thing itself as String() writes it
      const said: unknown = (e as { message?: unknown }).message ?? e;
      chain.push(String(said));
    }
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
        await this.db.db
          .update(sessions)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(eq(sessions.id, hashToken(token)));
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

  /** New tagged items registered by the office (straight into the database, as an intake would). */
  async intake(rng: Rng, n: number): Promise<void> {
    await this.addItems(
      rng,
      Array.from({ length: n }, () => rng.pick(["material", "material", "equipment", "customer_equipment"] as const)),
    );
  }

  private async addItems(rng: Rng, kinds: TItemKind[]) {
    const rows = kinds.map((kind) => {
      const status: TItemStatus =
        kind === "material"
          ? rng.pick(["received", "pending_inspection", "pending_inspection", "accepted", "accepted", "in_use"] as const)
          : rng.pick(["in_service", "in_service", "under_maintenance"] as const);
      const zoneCode =
        kind === "material"
          ? status === "received" || status === "pending_inspection"
            ? "WH1-IN"
            : rng.pick(["WH1-A", "WH1-B"])
          : rng.pick(["HQ-EQ", "HQ-EQ2"]);
      return { tagCode: `PR-${this.runTag}-${++this.tagSeq}`, kind, name: `prop ${kind}`, status, zoneCode };
    });
    const made = await this.db.db.insert(items).values(rows).returning();
    for (const r of made) this.initialItems.set(r.id, { id: r.id, kind: r.kind, status: r.status, version: r.version, zoneCode: r.zoneCode });
  }

  // ── the end of a run ─────────────────────────────────────────────────────────────────────────
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
   * Every phone pulls until it has every write made so far (ADR 0042: a transaction open elsewhere holds nothing back;
   * the loop waits only for a push still on its way).
   */
  private async catchUp(): Promise<void> {
    const until = await xidNow(this.db.db);
    for (const d of this.devices) {
      const deadline = Date.now() + 30_000;
      while (!cursorReaches(await d.store.cursor(d.deviceId), until)) {
        if (Date.now() > deadline) throw new Error(`device ${d.index} did not catch up with ${until} in 30 s`);
        await new Promise((r) => setTimeout(r, 50));
        await this.flush(d, null);
      }
    }
  }
}
