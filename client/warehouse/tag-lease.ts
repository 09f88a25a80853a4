/**
 * The phone's blocks of stock-tag numbers (ADR 0035): the leases the server gave this device and the tags it has
 * already used, kept in the sync store's meta (`tagLeases:<deviceId>`, kept at logout: the numbers stay this
 * device's, and a tag printed from them must never be made again). While online with too few numbers left
 * (domain needsTopUp) the phone asks for another block; new tags are the next unused numbers (domain takeTags).
 * Offline with too few, the screen says so and the keeper attaches printed tags by scanning.
 */
import type { IdbSyncStore } from "@/client/sync/idb-store";
import { needsTopUp, tagInLeases, tagsLeft, takeTags, type TTagLease } from "@/domain/warehouse/tags";

export type LeaseStore = Pick<IdbSyncStore, "getMeta" | "setMeta">;

export interface TLeaseState {
  leases: TTagLease[];
  /** Tags of these leases already put on goods (or set aside for a split) on this phone. */
  used: string[];
}

const EMPTY: TLeaseState = { leases: [], used: [] };

export const leaseKey = (deviceId: string): string => `tagLeases:${deviceId}`;

/** One change of a device's lease state at a time in this tab (a read then a write; two taps must not interleave). */
const chains = new Map<string, Promise<unknown>>();
function serial<T>(deviceId: string, fn: () => Promise<T>): Promise<T> {
  const prev = chains.get(deviceId) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  chains.set(
    deviceId,
    next.catch(() => undefined),
  );
  return next;
}

function isLease(v: unknown): v is TTagLease {
  const l = v as Partial<TTagLease> | null;
  return !!l && Number.isInteger(l.first) && Number.isInteger(l.last) && (l.first as number) <= (l.last as number);
}

export async function leaseState(store: LeaseStore, deviceId: string): Promise<TLeaseState> {
  const raw = await store.getMeta<Partial<TLeaseState>>(leaseKey(deviceId));
  if (!raw) return EMPTY;
  return {
    leases: Array.isArray(raw.leases) ? raw.leases.filter(isLease) : [],
    used: Array.isArray(raw.used) ? raw.used.filter((t): t is string => typeof t === "string") : [],
  };
}

/** Unused numbers left on this phone, and whether it should ask for another block while online. */
export function leaseSummary(state: TLeaseState): { left: number; topUp: boolean } {
  const used = new Set(state.used);
  return { left: tagsLeft(state.leases, used), topUp: needsTopUp(state.leases, used) };
}

/**
 * Asks the server for a block when fewer than the domain's threshold are left (`lease` is the online call,
 * `warehouse.leaseTags`); a failure (offline, server down) keeps what the phone has. Answers the state after.
 */
export async function topUpLeases(store: LeaseStore, deviceId: string, lease: () => Promise<TTagLease>): Promise<TLeaseState> {
  return serial(deviceId, async () => {
    const state = await leaseState(store, deviceId);
    if (!leaseSummary(state).topUp) return state;
    let block: TTagLease;
    try {
      block = await lease();
    } catch {
      return state;
    }
    if (!isLease(block) || state.leases.some((l) => l.first === block.first)) return state;
    const next = { ...state, leases: [...state.leases, { first: block.first, last: block.last }] };
    await store.setMeta(leaseKey(deviceId), next);
    return next;
  });
}

/**
 * The next `count` unused tags, not counting `reserved` (tags a draft on screen already shows), without marking them
 * used; null when the leases do not hold that many.
 */
export function peekTags(state: TLeaseState, count: number, reserved: Iterable<string> = []): string[] | null {
  return takeTags(state.leases, new Set([...state.used, ...reserved]), count);
}

/** Marks tags used (saved on a receipt or set aside for a split): never offered again on this phone. */
export async function markTagsUsed(store: LeaseStore, deviceId: string, tags: readonly string[]): Promise<void> {
  await serial(deviceId, async () => {
    const state = await leaseState(store, deviceId);
    const mine = tags.filter((t) => tagInLeases(t, state.leases));
    if (mine.length === 0) return;
    const used = [...new Set([...state.used, ...mine])];
    await store.setMeta(leaseKey(deviceId), { ...state, used });
  });
}
