import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import type { PullPage } from "@/client/sync/contract";
import { IdbSyncStore } from "@/client/sync/idb-store";
import { noticeList, queueMarkRead, unreadNotices, type CachedNotice } from "./stores";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const USER = "4b8f2f60-1c1e-4f6a-9d7e-2a3b4c5d6e7f";
let n = 0;
const page = (p: Partial<PullPage>): PullPage => ({ cursor: "50", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p });
const notice = (i: number, createdAt: string, readAt: string | null = null): CachedNotice => ({
  id: `0193a0b0-0000-7000-8000-00000000000${i}`,
  kind: "instrument.loanDueSoon",
  params: { tag: `IN-00030${i}`, name: "OTDR", due: "2026-12-08" },
  href: `/instruments#IN-00030${i}`,
  createdAt,
  readAt,
});

describe("the notice inbox on the phone", () => {
  it("lists newest first, counts unread, and a read marked offline shows at once and survives the pull that confirms it", async () => {
    const store = await IdbSyncStore.open(`notices-${Date.now()}-${n++}`);
    await store.applyPull(
      DEVICE,
      page({
        notices: [
          notice(1, "2026-12-01T00:00:00.000Z"),
          notice(2, "2026-12-03T00:00:00.000Z"),
          notice(3, "2026-12-02T00:00:00.000Z", "2026-12-02T01:00:00.000Z"),
        ],
      }),
    );
    expect((await noticeList(store, DEVICE)).map((x) => x.id.at(-1))).toEqual(["2", "3", "1"]);
    expect(await unreadNotices(store, DEVICE)).toBe(2);

    expect(await queueMarkRead({ store, userId: USER, deviceId: DEVICE }, [notice(2, "").id])).toBe(1);
    expect(await unreadNotices(store, DEVICE)).toBe(1);
    const [queued] = await store.allPending(DEVICE);
    expect(queued).toMatchObject({ name: "notice.markRead", schemaVersion: 1, args: { noticeIds: [notice(2, "").id] } });

    // the server applied it; the pull brings the read notice and acknowledges the outbox row
    await store.applyPull(DEVICE, page({ notices: [notice(2, "2026-12-03T00:00:00.000Z", "2026-12-03T02:00:00.000Z")], lastAppliedSeq: queued!.seq }));
    expect(await store.allPending(DEVICE)).toEqual([]);
    expect(await unreadNotices(store, DEVICE)).toBe(1);
    // logout drops the inbox with the rest of the read cache
    await store.clearReadCache();
    expect(await noticeList(store, DEVICE)).toEqual([]);
    store.close();
  });

  it("marking more than one batch's worth queues several mutations of at most 200 ids", async () => {
    const store = await IdbSyncStore.open(`notices-${Date.now()}-${n++}`);
    const ids = Array.from({ length: 450 }, (_, i) => `0193a0b0-0000-7000-8000-${String(i).padStart(12, "0")}`);
    expect(await queueMarkRead({ store, userId: USER, deviceId: DEVICE }, ids)).toBe(3);
    const sizes = (await store.allPending(DEVICE)).map((r) => (r.args as { noticeIds: string[] }).noticeIds.length);
    expect(sizes).toEqual([200, 200, 50]);
    store.close();
  });

  it("a phone on the v4 schema gains the notice store, keeps its outbox and pulls again from the start", async () => {
    const name = `notices-upgrade-${Date.now()}`;
    // the phone's IndexedDB as a v4 build left it (the stores that matter here), with a queued change and a cursor
    const phone = await openDB(name, 4, {
      upgrade(d) {
        void d.createObjectStore("meta", { keyPath: "key" }).put({ key: `cursor:${DEVICE}`, value: "77" });
        d.createObjectStore("outbox", { keyPath: "mutationId" }).createIndex("byDeviceSeq", ["deviceId", "seq"], { unique: true });
        d.createObjectStore("rejections", { keyPath: "mutationId" }).createIndex("byDevice", "deviceId");
      },
    });
    await phone.put("outbox", {
      mutationId: "m1",
      deviceId: DEVICE,
      seq: 1,
      userId: USER,
      name: "rejection.resolve",
      schemaVersion: 1,
      args: {},
      clientTime: "2026-12-01T00:00:00.000Z",
    });
    phone.close();
    const store = await IdbSyncStore.open(name);
    expect(await store.pendingCount(DEVICE)).toBe(1);
    expect(await store.cursor(DEVICE)).toBe("0");
    await store.applyPull(DEVICE, page({ notices: [notice(4, "2026-12-04T00:00:00.000Z")] }));
    expect(await unreadNotices(store, DEVICE)).toBe(1);
    store.close();
  });
});
