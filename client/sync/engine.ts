/**
 * The sync engine: sends the outbox strictly in seq order, one sender at a time, then pulls. No DOM here:
 * the browser gives it IndexedDB, tRPC and Web Locks; the protocol tests give it fakes of the network only.
 */
import { MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS } from "@/domain/sync/limits";
import type { TPushInput, TPushResponse } from "@/domain/sync/protocol";
import type { SyncStore } from "./types";
import type { PullPage } from "@/client/sync/contract";

/** How a request failed: decides between back-off, re-login and stop. */
export type TransportFailure = "network" | "server" | "rate_limited" | "auth" | "forbidden" | "bad_request";

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    readonly code?: string,
  ) {
    super(`${kind}${code ? `: ${code}` : ""}`);
    this.name = "TransportError";
  }
}

export interface Transport {
  register(input: { deviceId: string; label: string }): Promise<{ lastAppliedSeq: number }>;
  push(input: TPushInput): Promise<TPushResponse>;
  /** `queued`: the outbox's size now, which the server keeps as this device's queue depth (metrics). */
  pull(input: { deviceId: string; cursor: string; queued?: number }): Promise<PullPage>;
}

/** Runs `fn` exclusively for this device (Web Locks in the browser); resolves null if another sender runs. */
export type Lock = <T>(name: string, fn: () => Promise<T>) => Promise<T | null>;

export type FlushOutcome = { ok: true; pushed: number; pulled: boolean } | { ok: false; reason: TransportFailure | "gap" | "busy"; code?: string };

/** Back-off after a failed attempt: 1 s doubling to 60 s, with ±20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class SyncEngine {
  constructor(
    private readonly opts: {
      store: SyncStore;
      transport: Transport;
      deviceId: string;
      lock: Lock;
      /** Shown to admins in the device list (e.g. the browser's user agent). */
      label?: string;
      /** Called after anything local changed (counts, cache, rejections). */
      onChange?: () => void;
    },
  ) {}

  get deviceId(): string {
    return this.opts.deviceId;
  }

  /** Push everything queued, then pull until up to date. Safe to call at any time, from anywhere. */
  async flush(): Promise<FlushOutcome> {
    const result = await this.opts.lock(`tracemark-sync:${this.opts.deviceId}`, () => this.flushLocked());
    return result ?? { ok: false, reason: "busy" };
  }

  private async flushLocked(): Promise<FlushOutcome> {
    const { store, transport, deviceId } = this.opts;
    let pushed = 0;
    try {
      await this.ensureRegistered();
      for (;;) {
        const batch = await store.pending(deviceId, await store.ackedSeq(deviceId), MAX_BATCH_MUTATIONS, MAX_BATCH_BYTES - 2048);
        if (batch.length === 0) break;
        const answer = await transport.push({
          deviceId,
          mutations: batch.map((m) => ({
            mutationId: m.mutationId,
            deviceId: m.deviceId,
            seq: m.seq,
            name: m.name,
            schemaVersion: m.schemaVersion,
            args: m.args,
            expected: m.expected,
            clientTime: m.clientTime,
          })),
        });
        await store.acknowledge(deviceId, answer.lastAppliedSeq, answer.results);
        pushed += answer.results.length;
        this.opts.onChange?.();
        if (answer.gap) {
          // The server is behind our first pending seq: rows we still hold were lost locally. Never guess:
          // stop and surface it (the pull below still tells the server's view).
          await this.pullAll();
          return { ok: false, reason: "gap" };
        }
        if (answer.results.length === 0) break;
      }
      await this.pullAll();
      return { ok: true, pushed, pulled: true };
    } catch (err) {
      if (err instanceof TransportError) return { ok: false, reason: err.kind, code: err.code };
      throw err;
    }
  }

  /** The server learns of this device once (the first time it is reachable after install or login). */
  private async ensureRegistered(): Promise<void> {
    const key = `registered:${this.opts.deviceId}`;
    if (await this.opts.store.getMeta<boolean>(key)) return;
    await this.opts.transport.register({ deviceId: this.opts.deviceId, label: this.opts.label ?? "" });
    await this.opts.store.setMeta(key, true);
  }

  /**
   * Screens are told once, when the pull ends (or fails after some pages): told per page, a phone with an empty
   * cache drew its lists from part of the data, then redrew and moved them with every page (ADR 0023).
   */
  private async pullAll(): Promise<void> {
    const { store, transport, deviceId } = this.opts;
    let applied = false;
    try {
      for (let page = 0; page < 1000; page++) {
        const answer = await transport.pull({ deviceId, cursor: await store.cursor(deviceId), queued: await store.pendingCount(deviceId) });
        const outcome = await store.applyPull(deviceId, answer);
        applied = true;
        if (outcome === "restart") continue;
        if (!answer.hasMore) return;
      }
    } finally {
      if (applied) this.opts.onChange?.();
    }
  }
}
