import type { CacheReader, IdbSyncStore } from "@/client/sync/idb-store";
import { clientSyncDomain, type Cached } from "@/client/sync/contract";
import type { OutboxRecord, SyncStore } from "@/client/sync/types";

/** A notice in the user's inbox as the phone keeps it (feed `notices` of server/notices/sync.ts). */
export type CachedNotice = Cached<"notices">;

/** The user's notice inbox on the phone. */
export const noticeStores = clientSyncDomain<{ notices: CachedNotice }>({
  name: "notices",
  stores: { notices: { keyPath: "id", since: 5 } },
});

export interface NoticeView extends CachedNotice {
  /** Read on the server, or marked read on this phone and not yet sent. */
  read: boolean;
}

/** Notice ids this phone marked read that the server has not confirmed yet (the outbox). */
function queuedReads(records: readonly OutboxRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.name !== "notice.markRead") continue;
    const list = (r.args as { noticeIds?: unknown } | null)?.noticeIds;
    if (Array.isArray(list)) for (const id of list) if (typeof id === "string") ids.add(id);
  }
  return ids;
}

/** The inbox, newest first, with reads made on this phone (maybe offline) already applied. */
export async function noticeList(store: CacheReader & Pick<IdbSyncStore, "allPending">, deviceId: string): Promise<NoticeView[]> {
  const [rows, pending] = await Promise.all([store.getAll("notices"), store.allPending(deviceId)]);
  const reads = queuedReads(pending);
  return rows
    .map((n) => ({ ...n, read: n.readAt !== null || reads.has(n.id) }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** How many notices the user has not read. */
export async function unreadNotices(store: CacheReader & Pick<IdbSyncStore, "allPending">, deviceId: string): Promise<number> {
  return (await noticeList(store, deviceId)).filter((n) => !n.read).length;
}

/** The largest batch of ids one `notice.markRead` carries (domain/notices ZMarkNoticesReadArgs). */
const MAX_IDS = 200;

/** Queues `notice.markRead` for these notices (works offline; the server ignores ids that are not the user's). */
export async function queueMarkRead(
  ctx: { store: Pick<SyncStore, "enqueue">; userId: string; deviceId: string },
  noticeIds: readonly string[],
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < noticeIds.length; i += MAX_IDS) {
    await ctx.store.enqueue({
      userId: ctx.userId,
      deviceId: ctx.deviceId,
      name: "notice.markRead",
      schemaVersion: 1,
      args: { noticeIds: noticeIds.slice(i, i + MAX_IDS) },
    });
    queued++;
  }
  return queued;
}
