import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from "idb";
import { uuidv7 } from "uuidv7";
import type { TMutationResult } from "@/domain/sync/protocol";
import type { CacheTx, PullPage } from "./contract";
import { CLIENT_SYNC_DOMAINS, type CacheRows, type TCacheStore } from "./domains";
import type { OutboxRecord, Rejected, SyncStore } from "./types";

/** The stores of sync itself; each domain's read-cache stores come from its declaration (./domains.ts). */
interface TracemarkDB extends DBSchema {
  meta: { key: string; value: { key: string; value: unknown } };
  outbox: { key: string; value: OutboxRecord; indexes: { byDeviceSeq: [string, number] } };
  rejections: { key: string; value: Rejected; indexes: { byDevice: string } };
}

/** The read-cache stores (company data): written by pulls, cleared at logout. */
const READ_STORES = CLIENT_SYNC_DOMAINS.flatMap((d) => Object.keys(d.stores));
/** Meta keys that belong to the read cache or to the signed-in person (dropped at logout); the rest stays. */
const READ_META_PREFIXES = ["cursor:", "lastSync:", "pulledAll:", "scope", ...CLIENT_SYNC_DOMAINS.flatMap((d) => d.personalMeta ?? [])];

const DB_NAME = "tracemark";
/** The newest store any domain declares decides the version (a new store is a new version). */
const VERSION = Math.max(1, ...CLIENT_SYNC_DOMAINS.flatMap((d) => Object.values(d.stores).map((def) => def.since)));
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
      upgrade(d, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          d.createObjectStore("meta", { keyPath: "key" });
          d.createObjectStore("outbox", { keyPath: "mutationId" }).createIndex("byDeviceSeq", ["deviceId", "seq"], { unique: true });
          d.createObjectStore("rejections", { keyPath: "mutationId" }).createIndex("byDevice", "deviceId");
        }
        // Each domain's stores and indexes that this phone does not have yet; stores it has keep their data.
        const raw = d as unknown as IDBPDatabase;
        let added = false;
        for (const domain of CLIENT_SYNC_DOMAINS) {
          for (const [name, def] of Object.entries(domain.stores)) {
            const exists = raw.objectStoreNames.contains(name);
            const store = exists
              ? (tx as unknown as IDBPTransaction<unknown, string[], "versionchange">).objectStore(name)
              : raw.createObjectStore(name, { keyPath: def.keyPath });
            added ||= !exists;
            for (const [index, idx] of Object.entries(def.indexes ?? {})) {
              if (!store.indexNames.contains(index)) store.createIndex(index, idx.keyPath, { unique: idx.unique ?? false });
            }
          }
        }
        // An older phone pulled past rows of feeds it did not have yet: its cursors start again from 0 (a pull
        // re-puts rows it holds; nothing else in meta is touched, the outbox and seq counters above all).
        if (oldVersion >= 1 && added) {
          void (async () => {
            let c = await tx.objectStore("meta").openCursor();
            while (c) {
              if (c.key.startsWith("cursor:")) await c.delete();
              c = await c.continue();
            }
          })();
        }
      },
      // A newer build in another tab needs a higher version: this tab lets go and reloads into that build, instead of
      // holding the upgrade (and that tab on "loading") until it is closed.
      blocking() {
        db.close();
        if (typeof location !== "undefined") location.reload();
      },
      ...(idbFactory ? { indexedDB: idbFactory } : {}),
    });
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
    results: {
      mutationId: string;
      seq: number;
      status?: string;
      name?: string;
      reasonCode: Rejected["reasonCode"];
      details: Rejected["details"];
      at?: string;
    }[],
  ): Promise<void> {
    // Rejections the user already resolved here, while the resolution still waits in the outbox.
    const resolving = new Set<string>();
    for (const rec of await outbox.index("byDeviceSeq").getAll(upper(deviceId))) {
      if (rec.name === "rejection.resolve") resolving.add((rec.args as { mutationId: string }).mutationId);
    }
    for (const r of results) {
      if (r.status !== undefined && r.status !== "rejected") continue;
      if (resolving.has(r.mutationId) || (await rejections.get(r.mutationId))) continue;
      const original = (await outbox.get(r.mutationId)) ?? null;
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

  /**
   * Whether a pull has ever reached its last page on this phone (since the last logout). A phone updated from a build
   * that did not keep this flag counts as pulled when it has synced at all.
   */
  async pulledAll(deviceId: string): Promise<boolean> {
    const flag = await this.getMeta<boolean>(`pulledAll:${deviceId}`);
    if (flag !== undefined && flag !== null) return flag;
    return (await this.getMeta<string>(`lastSync:${deviceId}`)) != null;
  }

  async applyPull(deviceId: string, page: PullPage): Promise<"applied" | "restart"> {
    const tx = this.db.transaction(["meta", "outbox", "rejections", ...(READ_STORES as StoreNames<TracemarkDB>[])], "readwrite", STRICT);
    const cache = tx as unknown as CacheTx;
    // A cache filled for someone else (another person signed in on this phone without logging out, or this person
    // under another role): none of it is theirs to see. One scope per install, not per device id (each person has
    // their own device id). Dropped with this device's cursor, in this transaction; the engine pulls again from the
    // start. Every outbox stays.
    if (page.scope !== undefined) {
      const held = (await tx.objectStore("meta").get("scope"))?.value as string | undefined;
      await tx.objectStore("meta").put({ key: "scope", value: page.scope });
      if (held !== undefined && held !== page.scope) {
        for (const name of READ_STORES) await cache.objectStore(name).clear();
        await tx.objectStore("meta").delete(`cursor:${deviceId}`);
        // a first pull is under way again: screens say "loading", not "nothing here" (client/sync/first-load.ts)
        await tx.objectStore("meta").put({ key: `pulledAll:${deviceId}`, value: false });
        await tx.done;
        return "restart";
      }
    }
    const rowsOf = (feed: string) => ((page as Record<string, unknown>)[feed] as object[] | undefined) ?? [];
    for (const domain of CLIENT_SYNC_DOMAINS) {
      for (const name of Object.keys(domain.stores)) for (const row of rowsOf(name)) await cache.objectStore(name).put(row);
    }
    // rows that left this phone's scope (tombstone feeds), after every put of the page
    for (const domain of CLIENT_SYNC_DOMAINS) {
      for (const [feed, remove] of Object.entries(domain.removals ?? {})) {
        for (const row of rowsOf(feed)) await (remove as (tx: CacheTx, row: object) => Promise<void>)(cache, row);
      }
    }
    await tx.objectStore("meta").put({ key: `cursor:${deviceId}`, value: page.cursor });
    await tx.objectStore("meta").put({ key: `lastSync:${deviceId}`, value: new Date().toISOString() });
    // true from the last page of a pull on (lastSync is written by every page: a first pull cut off after page 1
    // would count as complete); false while a first pull is under way; absent if the last pull ran on an older build
    if (!page.hasMore) await tx.objectStore("meta").put({ key: `pulledAll:${deviceId}`, value: true });
    else if ((await tx.objectStore("meta").get(`pulledAll:${deviceId}`)) === undefined) {
      await tx.objectStore("meta").put({ key: `pulledAll:${deviceId}`, value: false });
    }
    const rejected = page.rejections.map((r) => ({ ...r, status: "rejected" }));
    // Applied rows leave the outbox only with the last page: an earlier page may not yet hold their result (a
    // sign-off on page 2), and a screen read between pages would see neither the queued step nor its result.
    await this.ackInTx(tx.objectStore("outbox"), tx.objectStore("rejections"), deviceId, page.hasMore ? null : page.lastAppliedSeq, rejected);
    await tx.done;
    return "applied";
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

  // ── the read cache, typed by store (each domain's queries live in client/<domain>/) ──────────────────
  private get cache(): IDBPDatabase {
    return this.db as unknown as IDBPDatabase;
  }
  get<K extends TCacheStore>(store: K, key: IDBValidKey): Promise<CacheRows[K] | undefined> {
    return this.cache.get(store, key) as Promise<CacheRows[K] | undefined>;
  }
  getFromIndex<K extends TCacheStore>(store: K, index: string, key: IDBValidKey): Promise<CacheRows[K] | undefined> {
    return this.cache.getFromIndex(store, index, key) as Promise<CacheRows[K] | undefined>;
  }
  getAll<K extends TCacheStore>(store: K): Promise<CacheRows[K][]> {
    return this.cache.getAll(store) as Promise<CacheRows[K][]>;
  }
  getAllFromIndex<K extends TCacheStore>(store: K, index: string, key: IDBValidKey): Promise<CacheRows[K][]> {
    return this.cache.getAllFromIndex(store, index, key) as Promise<CacheRows[K][]>;
  }
  count(store: TCacheStore): Promise<number> {
    return this.cache.count(store);
  }
  async allPending(deviceId: string): Promise<OutboxRecord[]> {
    return this.db.getAllFromIndex("outbox", "byDeviceSeq", upper(deviceId));
  }

  /**
   * Runs `read` against one read-only transaction over the read cache and the outbox, so it sees one moment of the
   * phone: a pull that commits meanwhile is seen wholly or not at all. (Read in separate transactions, a read model
   * could take an order from before a pull and its outbox from after it, and show a status that flickers back for
   * one render: enough to unmount a form the customer is filling in.) `read` may await only reads of the reader it is
   * given: anything else lets the transaction close.
   */
  async snapshot<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T> {
    let tx: IDBPTransaction<unknown, string[]>;
    try {
      tx = this.cache.transaction([...READ_STORES, "outbox"], "readonly");
    } catch {
      // a store missing from this phone's database (an upgrade that did not finish): read store by store, as before
      return read(this);
    }
    // each read a promise, also when it fails at once (a store outside the transaction): a read model's `.catch` holds
    const reader: SnapshotReader = {
      get: (async (store: string, key: IDBValidKey): Promise<unknown> => tx.objectStore(store).get(key)) as SnapshotReader["get"],
      getFromIndex: (async (store: string, index: string, key: IDBValidKey): Promise<unknown> =>
        tx.objectStore(store).index(index).get(key)) as SnapshotReader["getFromIndex"],
      getAll: (async (store: string) => tx.objectStore(store).getAll()) as SnapshotReader["getAll"],
      getAllFromIndex: (async (store: string, index: string, key: IDBValidKey) =>
        tx.objectStore(store).index(index).getAll(key)) as SnapshotReader["getAllFromIndex"],
      count: async (store) => tx.objectStore(store).count(),
      allPending: async (deviceId) => (await tx.objectStore("outbox").index("byDeviceSeq").getAll(upper(deviceId))) as OutboxRecord[],
    };
    const done = tx.done;
    try {
      const out = await read(reader);
      await done;
      return out;
    } catch (err) {
      done.catch(() => undefined); // the read's own failure is the one to report
      throw err;
    }
  }

  async clearReadCache(): Promise<void> {
    const tx = this.db.transaction([...(READ_STORES as StoreNames<TracemarkDB>[]), "meta"], "readwrite", STRICT);
    await Promise.all(READ_STORES.map((name) => (tx as unknown as CacheTx).objectStore(name).clear()));
    let cursor = await tx.objectStore("meta").openCursor();
    while (cursor) {
      const key = cursor.key;
      if (READ_META_PREFIXES.some((p) => key.startsWith(p))) await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}

/** Typed reads of the read cache: what each domain's read model takes (client/<domain>/). */
export type CacheReader = Pick<IdbSyncStore, "get" | "getFromIndex" | "getAll" | "getAllFromIndex" | "count">;
/** The reads of one snapshot (`IdbSyncStore.snapshot`): the read cache and this phone's outbox. */
export type SnapshotReader = CacheReader & Pick<IdbSyncStore, "allPending">;
