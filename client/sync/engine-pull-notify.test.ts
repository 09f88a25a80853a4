import { describe, expect, it } from "vitest";
import { SyncEngine, type Transport } from "./engine";
import type { SyncStore } from "./types";
import type { PullPage } from "@/client/sync/contract";

/** A store that holds nothing: records what the engine did, in order. */
function recordingStore(log: string[]): SyncStore {
  return {
    getMeta: () => Promise.resolve(true as never), // already registered
    setMeta: () => Promise.resolve(),
    pending: () => Promise.resolve([]),
    ackedSeq: () => Promise.resolve(0),
    pendingCount: () => Promise.resolve(4),
    cursor: () => Promise.resolve("c"),
    applyPull: () => {
      log.push("apply");
      return Promise.resolve();
    },
  } as unknown as SyncStore;
}

const page = (hasMore: boolean) => ({ zones: [], items: [], events: [], workOrders: [], hasMore, cursor: "c" }) as unknown as PullPage;

describe("sync engine: pull notifications", () => {
  // ADR 0023: a phone with an empty cache showed each pulled page as it arrived: the home's board was drawn from
  // part of the data, then grew and moved (CLS 0.13 on the custodian's home) and was recomputed per page (TBT).
  it("tells the screens once, after the last page of a pull, not after every page", async () => {
    const log: string[] = [];
    let pulls = 0;
    const queued: (number | undefined)[] = [];
    const transport: Transport = {
      register: () => Promise.resolve({ lastAppliedSeq: 0 }),
      push: () => Promise.reject(new Error("nothing to push")),
      pull: (input) => {
        queued.push(input.queued);
        return Promise.resolve(page(++pulls < 3));
      },
    };
    const engine = new SyncEngine({
      store: recordingStore(log),
      transport,
      deviceId: "d",
      lock: async (_n, fn) => fn(),
      onChange: () => void log.push("changed"),
    });
    expect(await engine.flush()).toMatchObject({ ok: true });
    expect(log).toEqual(["apply", "apply", "apply", "changed"]);
    // each pull reports the outbox's size (the server's per-device queue depth, server/observability/metrics.ts)
    expect(queued).toEqual([4, 4, 4]);
  });
});
