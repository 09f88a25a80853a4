import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { PullPage } from "./contract";
import { SyncEngine, type Transport } from "./engine";
import { IdbSyncStore } from "./idb-store";

const DEVICE = "0190a6c2-8f1e-7c3a-9b2d-4e5f60718293";
const page = (p: Partial<PullPage>): PullPage => ({ cursor: "1", hasMore: false, lastAppliedSeq: 0, rejections: [], ...p });
const zone = { code: "WH1-A", siteCode: "WH1", kind: "stock" as const, holds: null, nameZh: "A 区", nameEn: "Zone A" };

describe("sync engine: the user's role changed", () => {
  it("pulls again from the start when the server fills pages for another scope, and keeps nothing of the old one", async () => {
    const store = await IdbSyncStore.open(`engine-scope-${Date.now()}`);
    await store.setMeta(`registered:${DEVICE}`, true);
    await store.applyPull(
      DEVICE,
      page({
        scope: "lineman",
        cursor: "40",
        licenses: [
          {
            licenseNo: "00-D710-208870",
            markCode: null,
            applicant: "x",
            equipmentName: "y",
            model: "z",
            issueDate: "2024-03-01",
            expiryDate: "2027-03-01",
            updatedAt: "2026-11-01T08:00:00.000Z",
          },
        ],
      }),
    );
    const asked: string[] = [];
    const transport: Transport = {
      register: () => Promise.resolve({ lastAppliedSeq: 0 }),
      push: () => Promise.reject(new Error("nothing to push")),
      pull: ({ cursor }) => {
        asked.push(cursor);
        // from the old cursor the server sends only what changed since: wrong for a new scope
        return Promise.resolve(
          cursor === "0" ? page({ scope: "warehouse_keeper", zones: [zone], cursor: "90" }) : page({ scope: "warehouse_keeper", cursor: "90" }),
        );
      },
    };
    const engine = new SyncEngine({ store, transport, deviceId: DEVICE, lock: (_n, fn) => fn() });
    expect(await engine.flush()).toMatchObject({ ok: true });
    expect(asked).toEqual(["40", "0"]);
    expect(await store.getAll("licenses")).toEqual([]);
    expect((await store.getAll("zones")).map((z) => z.code)).toEqual(["WH1-A"]);
    expect(await store.pulledAll(DEVICE)).toBe(true);
    store.close();
  });
});
