import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from "idb";
import { uuidv7 } from "uuidv7";
import type { TMutationResult } from "@/domain/sync/protocol";
import type { CachedEvent, CachedItem, CachedWorkOrder, CachedZone, OutboxRecord, PullPage, Rejected, SyncStore } from "./types";

interface TracemarkDB extends DBSchema {
  meta: { key: string; value: { key: string; value: unknown } };
  outbox: { key: string; value: OutboxRecord; indexes: { byDeviceSeq: [string, number] } };
  items: { key: string; value: CachedItem; indexes: { byTag: string; byZone: string } };
  zones: { key: string; value: CachedZone };
  events: { key: number; value: CachedEvent; indexes: { byItem: string } };
  rejections: { key: string; value: Rejected; indexes: { byDevice: string } };
  workOrders: { key: string; value: CachedWorkOrder };
}

const DB_NAME = "tracemark";
const VERSION = 2;
/** Every write waits for the disk (WebKit and Chromium default to relaxed, which can lose writes on power loss). */
const STRICT = { durability: "strict" } as const;

function upper(deviceId: string): IDBKeyRange {
  return IDBKeyRange.bound([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER]);
}

function byteLength(rec: OutboxRecord): number {
  return new TextEncoder().encode(JSON.stringify(rec)).length;
}

export class IdbSyncStore implements SyncStore {
  private constructor(private readonly db: IDBPDatabase<TracemarkDB>) {}

  static async open(name = DB_NAME, idbFactory?: IDBFactory): Promise<IdbSyncStore> {
    const db = await openDB<TracemarkDB>(name, VERSION, {
      upgrade(d, oldVersion) {
        // v2: the lineman's work orders. Earlier stores are kept with their data (the outbox above all).
        if (oldVersion < 2) d.createObjectStore("workOrders", { keyPath: "id" });
        if (oldVersion >= 1) return;
        d.createObjectStore("meta", { keyPath: "key" });
        d.createObjectStore("outbox", { keyPath: "mutationId" }).createIndex("byDeviceSeq", ["deviceId", "seq"], { unique: true });
        const items = d.createObjectStore("items", { keyPath: "id" });
        items.createIndex("byTag", "tagCode", { unique: true });
        items.createIndex("byZone", "zoneCode");
        d.createObjectStore("zones", { keyPath: "code" });
        d.createObjectStore("events", { keyPath: "id" }).createIndex("byItem", "itemId");
        d.createObjectStore("rejections", { keyPath: "mutationId" }).createIndex("byDevice", "deviceId");
      },
      ...(idbFactory ? { indexedDB: idbFactory } : {}),
    } as Parameters<typeof openDB<TracemarkDB>>[2]);
    return new IdbSyncStore(db);
  }

  close(): void {
    this.db.close();
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get("meta", key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    const tx = this.db.transaction("meta", "readwrite", STRICT);
    await tx.store.put({ key, value });
    await tx.done;
  }

  /** One device id per user of this install (the outbox is bound to its user), made once. */
  async deviceIdFor(userId: string): Promise<string> {
    const tx = this.db.transaction("meta", "readwrite", STRICT);
    const key = `device:${userId}`;
    const existing = (await tx.store.get(key))?.value as string | undefined;
    const deviceId = existing ?? crypto.randomUUID();
    if (!existing) await tx.store.put({ key, value: deviceId });
    await tx.done;
    return deviceId;
  }

  /** The seq comes from a counter in the same transaction as the insert: no gaps, no duplicates. */
  async enqueue(rec: Omit<OutboxRecord, "seq" | "mutationId" | "clientTime"> & { clientTime?: string }): Promise<OutboxRecord> {
    const tx = this.db.transaction(["meta", "outbox"], "readwrite", STRICT);
    const meta = tx.objectStore("meta");
    const key = `seq:${rec.deviceId}`;
    const seq = (((await meta.get(key))?.value as number | undefined) ?? 0) + 1;
    const full: OutboxRecord = { ...rec, seq, mutationId: uuidv7(), clientTime: rec.clientTime ?? new Date().toISOString() };
    await meta.put({ key, value: seq });
    await tx.objectStore("outbox").add(full);
    await tx.done;
    return full;
  }

  async pending(deviceId: string, afterSeq: number, maxCount: number, maxBytes: number): Promise<OutboxRecord[]> {
    const out: OutboxRecord[] = [];
    let bytes = 0;
    const range = IDBKeyRange.bound([deviceId, afterSeq + 1], [deviceId, Number.MAX_SAFE_INTEGER]);
    let cursor = await this.db.transaction("outbox").store.index("byDeviceSeq").openCursor(range);
    while (cursor && out.length < maxCount) {
      const size = byteLength(cursor.value);
      if (out.length > 0 && bytes + size > maxBytes) break;
      out.push(cursor.value);
      bytes += size;
      cursor = await cursor.continue();
    }
    return out;
  }

  async pendingCount(deviceId: string): Promise<number> {
    return this.db.countFromIndex("outbox", "byDeviceSeq", upper(deviceId));
  }

  async cursor(deviceId: string): Promise<string> {
    return (await this.getMeta<string>(`cursor:${deviceId}`)) ?? "0";
  }

  async ackedSeq(deviceId: string): Promise<number> {
    return (await this.getMeta<number>(`acked:${deviceId}`)) ?? 0;
  }

  /**
   * After a push: rejected rows move to "needs attention" at once; applied rows stay in the outbox (so the
   * screens keep showing them on top of the cached state) until the pull that brings their result deletes them.
   */
  async acknowledge(deviceId: string, lastAppliedSeq: number, results: TMutationResult[]): Promise<void> {
    const tx = this.db.transaction(["outbox", "rejections", "meta"], "readwrite", STRICT);
    await this.ackInTx(tx.objectStore("outbox"), tx.objectStore("rejections"), deviceId, null, results);
    // The server's word, even if lower (a restored server answers gap and the rows are sent again).
    await tx.objectStore("meta").put({ key: `acked:${deviceId}`, value: lastAppliedSeq });
    await tx.done;
  }

  private async ackInTx(
    outbox: IDBPObjectStore<TracemarkDB, ArrayLike<StoreNames<TracemarkDB>>, "outbox", "readwrite">,
    rejections: IDBPObjectStore<TracemarkDB, ArrayLike<StoreNames<TracemarkDB>>, "rejections", "readwrite">,
    deviceId: string,
    /** Delete every row up to this seq (pull); null: delete only the rejected rows (push). */
    deleteUpTo: number | null,
    results: { mutationId: string; seq: number; status?: string; name?: string; reasonCode: Rejected["reasonCode"]; details: Rejected["details"]; at?: string }[],
  ): Promise<void> {
    // Rejections the user already resolved here, while the resolution still waits in the outbox.
    const resolving = new Set<string>();
    for (const rec of await outbox.index("byDeviceSeq").getAll(upper(deviceId))) {
      if (rec.name === "rejection.resolve") resolving.add((rec.args as { mutationId: string }).mutationId);
    }
    for (const r of results) {
      if (r.status !== undefined && r.status !== "rejected") continue;
      if (resolving.has(r.mutationId) || (await rejections.get(r.mutationId))) continue;
      const original = ((await outbox.get(r.mutationId)) as OutboxRecord | undefined) ?? null;
      const rejected: Rejected = {
        mutationId: r.mutationId,
        deviceId,
        seq: r.seq,
        name: original?.name ?? r.name ?? "",
        reasonCode: r.reasonCode,
        details: r.details,
        original,
        at: r.at ?? new Date().toISOString(),
      };
      await rejections.put(rejected);
    }
    if (deleteUpTo === null) {
      for (const r of results) if (r.status === "rejected") await outbox.delete(r.mutationId);
      return;
    }
    let cursor = await outbox.index("byDeviceSeq").openCursor(IDBKeyRange.bound([deviceId, 0], [deviceId, deleteUpTo]));
    while (cursor) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }

  async applyPull(deviceId: string, page: PullPage): Promise<void> {
    const tx = this.db.transaction(["meta", "outbox", "items", "zones", "events", "rejections", "workOrders"], "readwrite", STRICT);
    for (const w of page.workOrders ?? []) await tx.objectStore("workOrders").put(w);
    for (const z of page.zones) await tx.objectStore("zones").put(z);
    for (const i of page.items) await tx.objectStore("items").put(i);
    for (const e of page.events) await tx.objectStore("events").put(e);
    await tx.objectStore("meta").put({ key: `cursor:${deviceId}`, value: page.cursor });
    await tx.objectStore("meta").put({ key: `lastSync:${deviceId}`, value: new Date().toISOString() });
    const rejected = page.rejections.map((r) => ({ ...r, status: "rejected" }));
    await this.ackInTx(tx.objectStore("outbox"), tx.objectStore("rejections"), deviceId, page.lastAppliedSeq, rejected);
    await tx.done;
  }

  async rejections(deviceId: string): Promise<Rejected[]> {
    const all = await this.db.getAllFromIndex("rejections", "byDevice", deviceId);
    return all.sort((a, b) => a.seq - b.seq);
  }

  async removeRejection(mutationId: string): Promise<void> {
    const tx = this.db.transaction("rejections", "readwrite", STRICT);
    await tx.store.delete(mutationId);
    await tx.done;
  }

  // ── read cache queries for screens ─────────────────────────────────────────────────────────────
  item(id: string): Promise<CachedItem | undefined> {
    return this.db.get("items", id);
  }
  itemByTag(tagCode: string): Promise<CachedItem | undefined> {
    return this.db.getFromIndex("items", "byTag", tagCode);
  }
  itemsInZone(zoneCode: string): Promise<CachedItem[]> {
    return this.db.getAllFromIndex("items", "byZone", zoneCode);
  }
  zones(): Promise<CachedZone[]> {
    return this.db.getAll("zones");
  }
  zone(code: string): Promise<CachedZone | undefined> {
    return this.db.get("zones", code);
  }
  async eventsOf(itemId: string): Promise<CachedEvent[]> {
    return (await this.db.getAllFromIndex("events", "byItem", itemId)).sort((a, b) => a.id - b.id);
  }
  workOrders(): Promise<CachedWorkOrder[]> {
    return this.db.getAll("workOrders");
  }
  async allPending(deviceId: string): Promise<OutboxRecord[]> {
    return this.db.getAllFromIndex("outbox", "byDeviceSeq", upper(deviceId));
  }

  async clearReadCache(): Promise<void> {
    const tx = this.db.transaction(["items", "zones", "events", "workOrders", "meta"], "readwrite", STRICT);
    await Promise.all(["items", "zones", "events", "workOrders"].map((name) => tx.objectStore(name as "items").clear()));
    let cursor = await tx.objectStore("meta").openCursor();
    while (cursor) {
      if (cursor.key.startsWith("cursor:") || cursor.key.startsWith("lastSync:")) await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}
