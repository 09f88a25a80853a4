import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from "idb";
import { uuidv7 } from "uuidv7";
import type { TMutationResult } from "@/domain/sync/protocol";
import type {
  CachedEquipmentCheck,
  CachedEvent,
  CachedInstrument,
  CachedInstrumentHandover,
  CachedInstrumentLoan,
  CachedItem,
  CachedLicense,
  CachedLicenseImport,
  CachedSignoff,
  CachedWorkOrder,
  CachedWorkOrderEvent,
  CachedZone,
  OutboxRecord,
  PullPage,
  Rejected,
  SyncStore,
} from "./types";

interface TracemarkDB extends DBSchema {
  meta: { key: string; value: { key: string; value: unknown } };
  outbox: { key: string; value: OutboxRecord; indexes: { byDeviceSeq: [string, number] } };
  items: { key: string; value: CachedItem; indexes: { byTag: string; byZone: string } };
  zones: { key: string; value: CachedZone };
  events: { key: number; value: CachedEvent; indexes: { byItem: string } };
  rejections: { key: string; value: Rejected; indexes: { byDevice: string } };
  workOrders: { key: string; value: CachedWorkOrder };
  licenses: { key: string; value: CachedLicense; indexes: { byMark: string } };
  licenseImports: { key: number; value: CachedLicenseImport };
  equipmentChecks: { key: string; value: CachedEquipmentCheck; indexes: { byWorkOrder: string } };
  signoffs: { key: number; value: CachedSignoff; indexes: { byWorkOrder: string } };
  workOrderEvents: { key: number; value: CachedWorkOrderEvent; indexes: { byWorkOrder: string } };
  instruments: { key: string; value: CachedInstrument; indexes: { byTag: string; byHolder: string } };
  instrumentLoans: { key: string; value: CachedInstrumentLoan; indexes: { byInstrument: string } };
  instrumentHandovers: { key: string; value: CachedInstrumentHandover; indexes: { byInstrument: string } };
}

/** The read-cache stores (company data): written by pulls, cleared at logout. */
const READ_STORES = [
  "items",
  "zones",
  "events",
  "workOrders",
  "licenses",
  "licenseImports",
  "equipmentChecks",
  "signoffs",
  "workOrderEvents",
  "instruments",
  "instrumentLoans",
  "instrumentHandovers",
] as const;
/** Meta keys that belong to the read cache or to the signed-in person (dropped at logout); the rest stays. */
const READ_META_PREFIXES = ["cursor:", "lastSync:", "pulledAll:", "verifier:", "customerMode", "instruments:"];

const DB_NAME = "tracemark";
const VERSION = 4;
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
        // v4: the instrument register, the user's loans and hand-overs (issue 6).
        if (oldVersion < 4) {
          const instruments = d.createObjectStore("instruments", { keyPath: "id" });
          instruments.createIndex("byTag", "assetTag", { unique: true });
          instruments.createIndex("byHolder", "holderId");
          d.createObjectStore("instrumentLoans", { keyPath: "id" }).createIndex("byInstrument", "instrumentId");
          d.createObjectStore("instrumentHandovers", { keyPath: "id" }).createIndex("byInstrument", "instrumentId");
        }
        // v3: the license registry and the facts of work orders (checks, sign-offs, status events).
        if (oldVersion < 3) {
          d.createObjectStore("licenses", { keyPath: "licenseNo" }).createIndex("byMark", "markCode");
          d.createObjectStore("licenseImports", { keyPath: "id" });
          d.createObjectStore("equipmentChecks", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
          d.createObjectStore("signoffs", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
          d.createObjectStore("workOrderEvents", { keyPath: "id" }).createIndex("byWorkOrder", "workOrderId");
        }
        // An older phone pulled past rows of feeds it did not have yet: its cursors start again from 0 (a pull
        // re-puts rows it holds; nothing else in meta is touched, the outbox and seq counters above all).
        if (oldVersion >= 1 && oldVersion < 4) {
          void (async () => {
            let c = await tx.objectStore("meta").openCursor();
            while (c) {
              if (c.key.startsWith("cursor:")) await c.delete();
              c = await c.continue();
            }
          })();
        }
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

  /**
   * Whether a pull has ever reached its last page on this phone (since the last logout). A phone updated from a build
   * that did not keep this flag counts as pulled when it has synced at all.
   */
  async pulledAll(deviceId: string): Promise<boolean> {
    const flag = await this.getMeta<boolean>(`pulledAll:${deviceId}`);
    if (flag !== undefined && flag !== null) return flag;
    return (await this.getMeta<string>(`lastSync:${deviceId}`)) != null;
  }

  async applyPull(deviceId: string, page: PullPage): Promise<void> {
    const tx = this.db.transaction(["meta", "outbox", "rejections", ...READ_STORES], "readwrite", STRICT);
    for (const w of page.workOrders ?? []) await tx.objectStore("workOrders").put(w);
    for (const l of page.licenses ?? []) await tx.objectStore("licenses").put(l);
    for (const i of page.licenseImports ?? []) await tx.objectStore("licenseImports").put(i);
    for (const c of page.equipmentChecks ?? []) await tx.objectStore("equipmentChecks").put(c);
    for (const s of page.signoffs ?? []) await tx.objectStore("signoffs").put(s);
    for (const e of page.workOrderEvents ?? []) await tx.objectStore("workOrderEvents").put(e);
    for (const i of page.instruments ?? []) await tx.objectStore("instruments").put(i);
    for (const l of page.instrumentLoans ?? []) await tx.objectStore("instrumentLoans").put(l);
    for (const h of page.instrumentHandovers ?? []) await tx.objectStore("instrumentHandovers").put(h);
    for (const z of page.zones) await tx.objectStore("zones").put(z);
    for (const i of page.items) await tx.objectStore("items").put(i);
    for (const e of page.events) await tx.objectStore("events").put(e);
    for (const id of page.withdrawnWorkOrders ?? []) await this.dropWorkOrderInTx(tx, id);
    await tx.objectStore("meta").put({ key: `cursor:${deviceId}`, value: page.cursor });
    await tx.objectStore("meta").put({ key: `lastSync:${deviceId}`, value: new Date().toISOString() });
    // true from the last page of a pull on (lastSync is written by every page: a first pull cut off after page 1
    // would count as complete); false while a first pull is under way; absent if the last pull ran on an older build
    if (!page.hasMore) await tx.objectStore("meta").put({ key: `pulledAll:${deviceId}`, value: true });
    else if ((await tx.objectStore("meta").get(`pulledAll:${deviceId}`)) === undefined) {
      await tx.objectStore("meta").put({ key: `pulledAll:${deviceId}`, value: false });
    }
    const rejected = page.rejections.map((r) => ({ ...r, status: "rejected" }));
    await this.ackInTx(tx.objectStore("outbox"), tx.objectStore("rejections"), deviceId, page.lastAppliedSeq, rejected);
    await tx.done;
  }

  /** A work order no longer this phone's: the order and every row of it go (the customer's details with them). */
  private async dropWorkOrderInTx(tx: IDBPTransaction<TracemarkDB, ArrayLike<StoreNames<TracemarkDB>>, "readwrite">, workOrderId: string): Promise<void> {
    await tx.objectStore("workOrders").delete(workOrderId);
    for (const store of ["equipmentChecks", "signoffs", "workOrderEvents"] as const) {
      const keys = await tx.objectStore(store).index("byWorkOrder").getAllKeys(workOrderId);
      for (const key of keys) await tx.objectStore(store).delete(key);
    }
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
  workOrder(id: string): Promise<CachedWorkOrder | undefined> {
    return this.db.get("workOrders", id);
  }
  license(licenseNo: string): Promise<CachedLicense | undefined> {
    return this.db.get("licenses", licenseNo);
  }
  licenseByMark(markCode: string): Promise<CachedLicense | undefined> {
    return this.db.getFromIndex("licenses", "byMark", markCode);
  }
  licenseCount(): Promise<number> {
    return this.db.count("licenses");
  }
  /** The registry version on this phone: the time of the latest import it has pulled, or null. */
  async registryVersion(): Promise<string | null> {
    let latest: string | null = null;
    for (const i of await this.db.getAll("licenseImports")) if (latest === null || i.importedAt > latest) latest = i.importedAt;
    return latest;
  }
  equipmentChecksOf(workOrderId: string): Promise<CachedEquipmentCheck[]> {
    return this.db.getAllFromIndex("equipmentChecks", "byWorkOrder", workOrderId);
  }
  async signoffsOf(workOrderId: string): Promise<CachedSignoff[]> {
    return (await this.db.getAllFromIndex("signoffs", "byWorkOrder", workOrderId)).sort((a, b) => a.id - b.id);
  }
  async workOrderEventsOf(workOrderId: string): Promise<CachedWorkOrderEvent[]> {
    return (await this.db.getAllFromIndex("workOrderEvents", "byWorkOrder", workOrderId)).sort((a, b) => a.id - b.id);
  }
  instrument(id: string): Promise<CachedInstrument | undefined> {
    return this.db.get("instruments", id);
  }
  instrumentByTag(assetTag: string): Promise<CachedInstrument | undefined> {
    return this.db.getFromIndex("instruments", "byTag", assetTag);
  }
  instruments(): Promise<CachedInstrument[]> {
    return this.db.getAll("instruments");
  }
  instrumentsHeldBy(userId: string): Promise<CachedInstrument[]> {
    return this.db.getAllFromIndex("instruments", "byHolder", userId);
  }
  instrumentLoans(): Promise<CachedInstrumentLoan[]> {
    return this.db.getAll("instrumentLoans");
  }
  instrumentLoansOf(instrumentId: string): Promise<CachedInstrumentLoan[]> {
    return this.db.getAllFromIndex("instrumentLoans", "byInstrument", instrumentId);
  }
  instrumentHandovers(): Promise<CachedInstrumentHandover[]> {
    return this.db.getAll("instrumentHandovers");
  }
  instrumentHandoversOf(instrumentId: string): Promise<CachedInstrumentHandover[]> {
    return this.db.getAllFromIndex("instrumentHandovers", "byInstrument", instrumentId);
  }
  async allPending(deviceId: string): Promise<OutboxRecord[]> {
    return this.db.getAllFromIndex("outbox", "byDeviceSeq", upper(deviceId));
  }

  async clearReadCache(): Promise<void> {
    const tx = this.db.transaction([...READ_STORES, "meta"], "readwrite", STRICT);
    await Promise.all(READ_STORES.map((name) => tx.objectStore(name).clear()));
    let cursor = await tx.objectStore("meta").openCursor();
    while (cursor) {
      const key = cursor.key;
      if (READ_META_PREFIXES.some((p) => key.startsWith(p))) await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}
