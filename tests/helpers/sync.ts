import { horizon, parseCursor } from "@/domain/sync/cursor";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { rowsOf, type Db } from "@/db/client";
import { auditEvents, devices, itemLabelEvents, items, mutationResults } from "@/db/schema";
import type { TItemKind, TItemStatus } from "@/domain/items/labels";
import type { TMutationEnvelope, TPushInput } from "@/domain/sync/protocol";
import type { Caller } from "./context";

/** One queued mutation as a phone sends it; a fresh UUIDv7 unless given. */
export function envelope(
  deviceId: string,
  seq: number,
  name: string,
  args: unknown,
  opts: { expected?: unknown; mutationId?: string; schemaVersion?: number; clientTime?: string } = {},
): TMutationEnvelope {
  return {
    mutationId: opts.mutationId ?? uuidv7(),
    deviceId,
    seq,
    name,
    schemaVersion: opts.schemaVersion ?? 1,
    args,
    ...(opts.expected !== undefined ? { expected: opts.expected } : {}),
    clientTime: opts.clientTime ?? new Date().toISOString(),
  };
}

/** `item.changeLabel` v1. */
export function changeLabel(
  deviceId: string,
  seq: number,
  args: { itemId: string; to: TItemStatus; reason: string; note?: string; zoneCode?: string; photo?: unknown; geo?: unknown },
  expected: { from: TItemStatus; version: number },
  opts: { mutationId?: string; schemaVersion?: number } = {},
): TMutationEnvelope {
  // v2 is what today's phone sends; v1 (opts.schemaVersion: 1) is an outbox queued before issue 10's label rules
  return envelope(deviceId, seq, "item.changeLabel", args, { expected, schemaVersion: 2, ...opts });
}

/** `rejection.resolve` v1. */
export function resolveRejection(deviceId: string, seq: number, mutationId: string, resolution: "dismissed" | "reissued" = "dismissed") {
  return envelope(deviceId, seq, "rejection.resolve", { mutationId, resolution });
}

export function batch(deviceId: string, ...mutations: TMutationEnvelope[]): TPushInput {
  return { deviceId, mutations };
}

/** Registers a fresh device for the caller's user and returns its id. */
export async function newDevice(caller: Caller, label = "test phone"): Promise<string> {
  const deviceId = randomUUID();
  await caller.sync.registerDevice({ deviceId, label });
  return deviceId;
}

let tagCounter = 0;
/** Inserts a tagged item directly (as an intake would); each call a new tag. */
export async function makeItem(db: Db, opts: { kind?: TItemKind; status?: TItemStatus; zoneCode?: string | null; tagCode?: string } = {}) {
  const [row] = await db
    .insert(items)
    .values({
      tagCode: opts.tagCode ?? `TT-${process.pid}-${Date.now().toString(36)}-${++tagCounter}`,
      kind: opts.kind ?? "material",
      name: "test item",
      zoneCode: opts.zoneCode === undefined ? "WH1-A" : opts.zoneCode,
      status: opts.status ?? "accepted",
    })
    .returning();
  return row!;
}

export async function itemById(db: Db, id: string) {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  return row!;
}

export async function itemByTag(db: Db, tagCode: string) {
  const [row] = await db.select().from(items).where(eq(items.tagCode, tagCode));
  return row!;
}

export function labelEventsOf(db: Db, itemId: string) {
  return db.select().from(itemLabelEvents).where(eq(itemLabelEvents.itemId, itemId)).orderBy(asc(itemLabelEvents.id));
}

export function resultsOf(db: Db, deviceId: string) {
  return db.select().from(mutationResults).where(eq(mutationResults.deviceId, deviceId)).orderBy(asc(mutationResults.seq));
}

export async function deviceRow(db: Db, deviceId: string) {
  const [row] = await db.select().from(devices).where(eq(devices.deviceId, deviceId));
  return row;
}

export function auditOf(db: Db, subjectId: string, name?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(name ? and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.name, name)) : eq(auditEvents.subjectId, subjectId))
    .orderBy(asc(auditEvents.id));
}

/**
 * A transaction id taken now: every write that committed before has a smaller one. A pull is caught up with those
 * writes once its cursor reaches `xid - 1`. Pulls only read below the cluster's oldest running transaction, so a
 * transaction open anywhere on the same PostgreSQL (another test file's database too) holds them back for a while.
 */
export async function xidNow(db: Db): Promise<bigint> {
  const [row] = rowsOf<{ x: string }>(await db.execute(sql`select pg_current_xact_id()::text as x`));
  return BigInt(row!.x);
}

/** Whether a pull cursor has seen every transaction that ended before `until` (an xidNow) began (ADR 0042). */
export function cursorReaches(cursor: string, until: bigint): boolean {
  const c = parseCursor(cursor);
  if (c === null) throw new Error(`not a pull cursor: ${cursor}`);
  return BigInt(horizon(c)) >= until;
}

type PullPage = Awaited<ReturnType<Caller["sync"]["pull"]>>;

/**
 * Pulls from `cursor` until the phone has everything written before now (xidNow), page after page. Returns the
 * pages in order.
 */
export async function pullCaughtUp(caller: Caller, deviceId: string, db: Db, cursor = "0"): Promise<PullPage[]> {
  const until = await xidNow(db);
  const pages: PullPage[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await caller.sync.pull({ deviceId, cursor });
    pages.push(page);
    cursor = page.cursor;
    if (page.hasMore) continue;
    if (cursorReaches(cursor, until)) return pages;
    if (Date.now() > deadline) throw new Error(`pull did not catch up with ${until} in 30 s (cursor ${cursor})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pulls from `cursor` until the server has no more pages; the cursor reached. */
export async function pullToEnd(caller: Caller, deviceId: string, cursor = "0"): Promise<string> {
  for (let more = true; more;) {
    const page = await caller.sync.pull({ deviceId, cursor });
    cursor = page.cursor;
    more = page.hasMore;
  }
  return cursor;
}

/** Every row of one feed across pages. */
export function feedRows<K extends keyof PullPage>(pages: PullPage[], key: K): PullPage[K] extends (infer R)[] ? R[] : never {
  return pages.flatMap((p) => p[key] as unknown[]) as never;
}

/**
 * sync.pull until `done` holds for the page (at most ~10 s). why: on a shared PostgreSQL an open transaction of
 * another test file holds the pull's xmin back (docs/sync-protocol.md), so a row written a moment ago may come
 * only with a later pull; it is never skipped.
 */
export async function pullUntil<P extends Awaited<ReturnType<Caller["sync"]["pull"]>>>(
  caller: Caller,
  input: { deviceId: string; cursor: string },
  done: (page: P) => boolean,
): Promise<P> {
  let page = (await caller.sync.pull(input)) as P;
  for (let i = 0; i < 100 && !done(page); i++) {
    await new Promise((r) => setTimeout(r, 100));
    page = (await caller.sync.pull(input)) as P;
  }
  return page;
}
