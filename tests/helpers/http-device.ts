/**
 * A simulated phone speaking the real sync protocol over HTTP to a running server (load bench, cluster tests):
 * it logs in (its own session cookie), registers its device, pushes batches of queued mutations (envelopes of
 * domain/sync/protocol.ts: UUIDv7 ids, a per-device seq) and pulls pages until `hasMore` is false, keeping the
 * cursor as the opaque string the server hands out. Every request's latency and outcome is recorded.
 *
 * The wire is the app's own: @trpc/client, httpBatchLink, superjson, the CSRF header and the Origin the server
 * checks (client/sync/transport.ts). Nothing is mocked; nothing here knows the database.
 */
import { randomUUID } from "node:crypto";
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { uuidv7 } from "uuidv7";
import type { TMutationEnvelope, TMutationResult, TPushResponse } from "@/domain/sync/protocol";
import type { AppRouter } from "@/server/root";

export type RequestKind = "login" | "register" | "push" | "pull";
/** How a request ended: `ok`, an HTTP class (as client/sync/transport.ts names them), `timeout` or `network`. */
export type Outcome = "ok" | "auth" | "forbidden" | "rate_limited" | "bad_request" | "server" | "timeout" | "network" | "gap";

export interface RequestRecord {
  kind: RequestKind;
  /** performance.now() when the request was sent. */
  at: number;
  ms: number;
  outcome: Outcome;
  /** The server's application code or the error's message, for the error tally. */
  detail?: string;
  /** push: mutations sent; pull: rows received. */
  count?: number;
}

/** A change waiting in the phone's outbox. */
export interface QueuedMutation {
  name: string;
  schemaVersion: number;
  args: unknown;
  expected?: unknown;
}

export interface HttpDeviceOptions {
  /** Per-request time limit (the app gives pulls 30 s and pushes 90 s). */
  pullTimeoutMs?: number;
  pushTimeoutMs?: number;
  /** Called for every request as it ends (a shared tally); records are also kept on the device unless `keep` is false. */
  onRecord?: (r: RequestRecord) => void;
  keep?: boolean;
  /** Most mutations per push request (the server's limit is MAX_BATCH_MUTATIONS). */
  batch?: number;
}

export interface PullSummary {
  pages: number;
  rows: number;
  /** The rows of every page, by feed (the arrays of each page concatenated). */
  feeds: Record<string, unknown[]>;
}

function outcomeOf(err: unknown): { outcome: Outcome; detail: string } {
  if (err instanceof TRPCClientError) {
    const data = err.data as { httpStatus?: number; appCode?: string } | undefined;
    const status = data?.httpStatus;
    const cause = (err.cause ?? {}) as { name?: string };
    if (status === undefined) {
      const timeout = cause.name === "TimeoutError" || cause.name === "AbortError" || /abort|timeout/i.test(err.message);
      return { outcome: timeout ? "timeout" : "network", detail: err.message.slice(0, 120) };
    }
    const outcome: Outcome =
      status === 401 ? "auth" : status === 403 ? "forbidden" : status === 429 ? "rate_limited" : status >= 500 ? "server" : "bad_request";
    return { outcome, detail: data?.appCode ?? `${status} ${err.message.slice(0, 100)}` };
  }
  const e = err as { name?: string; message?: string };
  return { outcome: e?.name === "TimeoutError" ? "timeout" : "network", detail: String(e?.message ?? err).slice(0, 120) };
}

export class HttpDevice {
  readonly records: RequestRecord[] = [];
  /** Envelopes sent or waiting, in seq order, until the server has answered them. */
  readonly outbox: TMutationEnvelope[] = [];
  /** Every answer the server gave, by mutation id (a replayed mutation's second answer overwrites the first). */
  readonly answers = new Map<string, TMutationResult>();
  /** Mutations offered (queued), in order. */
  offered = 0;
  cursor = "0";
  lastAppliedSeq = 0;
  private nextSeq = 1;
  private readonly client: TRPCClient<AppRouter>;

  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly userId: string,
    readonly deviceId: string,
    private readonly opts: HttpDeviceOptions,
  ) {
    this.client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${baseUrl}/api/trpc`,
          transformer: superjson,
          headers: { cookie, "x-tracemark-csrf": "1", origin: new URL(baseUrl).origin },
        }),
      ],
    });
  }

  /** Logs in as `username` (a session of its own) with a fresh device id; does not register it yet. */
  static async login(baseUrl: string, username: string, password: string, opts: HttpDeviceOptions = {}): Promise<HttpDevice> {
    const at = performance.now();
    const origin = new URL(baseUrl).origin;
    const res = await fetch(`${baseUrl}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-tracemark-csrf": "1", origin },
      body: JSON.stringify({ json: { username, password } }),
      signal: AbortSignal.timeout(opts.pullTimeoutMs ?? 30_000),
    });
    const ms = performance.now() - at;
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("tm_session="))
      ?.split(";")[0];
    if (!res.ok || !cookie) {
      const r: RequestRecord = { kind: "login", at, ms, outcome: res.status === 429 ? "rate_limited" : "auth", detail: `${res.status}` };
      opts.onRecord?.(r);
      throw new Error(`login as ${username} failed: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    const body = (await res.json()) as { result: { data: { json: { user: { id: string } } } } };
    const device = new HttpDevice(baseUrl, cookie, body.result.data.json.user.id, randomUUID(), opts);
    device.note({ kind: "login", at, ms, outcome: "ok" });
    return device;
  }

  private note(r: RequestRecord): void {
    if (this.opts.keep !== false) this.records.push(r);
    this.opts.onRecord?.(r);
  }

  /** Times one request; a failure is recorded and rethrown. */
  private async timed<T>(kind: RequestKind, fn: () => Promise<T>, count: (v: T) => number | undefined): Promise<T> {
    const at = performance.now();
    try {
      const v = await fn();
      this.note({ kind, at, ms: performance.now() - at, outcome: "ok", count: count(v) });
      return v;
    } catch (err) {
      const { outcome, detail } = outcomeOf(err);
      this.note({ kind, at, ms: performance.now() - at, outcome, detail });
      throw err;
    }
  }

  async register(label = "load bench"): Promise<void> {
    await this.timed(
      "register",
      () => this.client.sync.registerDevice.mutate({ deviceId: this.deviceId, label }, { signal: AbortSignal.timeout(this.opts.pullTimeoutMs ?? 30_000) }),
      () => undefined,
    );
  }

  /** Puts changes in the outbox with the next seqs and fresh UUIDv7 ids (as client/sync/idb-store.ts does). */
  enqueue(...mutations: QueuedMutation[]): TMutationEnvelope[] {
    const made = mutations.map((m) => ({
      mutationId: uuidv7(),
      deviceId: this.deviceId,
      seq: this.nextSeq++,
      name: m.name,
      schemaVersion: m.schemaVersion,
      args: m.args,
      ...(m.expected === undefined ? {} : { expected: m.expected }),
      clientTime: new Date().toISOString(),
    }));
    this.outbox.push(...made);
    this.offered += made.length;
    return made;
  }

  /**
   * Sends the outbox's first batch and drops what the server answered (seq ≤ lastAppliedSeq). A failed request
   * leaves the outbox as it was, to be sent again (same ids, same seqs): the server answers a replay from its store.
   */
  async pushOnce(): Promise<TPushResponse | null> {
    const batch = this.outbox.slice(0, this.opts.batch ?? 50);
    if (batch.length === 0) return null;
    const res = await this.timed(
      "push",
      () => this.client.sync.push.mutate({ deviceId: this.deviceId, mutations: batch }, { signal: AbortSignal.timeout(this.opts.pushTimeoutMs ?? 90_000) }),
      () => batch.length,
    );
    for (const r of res.results) this.answers.set(r.mutationId, r);
    this.lastAppliedSeq = Math.max(this.lastAppliedSeq, res.lastAppliedSeq);
    while (this.outbox.length > 0 && this.outbox[0]!.seq <= this.lastAppliedSeq) this.outbox.shift();
    if (res.gap) this.note({ kind: "push", at: performance.now(), ms: 0, outcome: "gap", detail: JSON.stringify(res.gap) });
    return res;
  }

  /** Pushes until the outbox is empty (or a request fails: then it throws, the outbox kept). */
  async pushAll(): Promise<TMutationResult[]> {
    const out: TMutationResult[] = [];
    for (let guard = 0; this.outbox.length > 0 && guard < 1000; guard++) {
      const res = await this.pushOnce();
      if (res) out.push(...res.results);
    }
    return out;
  }

  /** One pull request from the current cursor; the cursor moves to the page's. */
  async pullPage(): Promise<Record<string, unknown> & { cursor: string; hasMore: boolean }> {
    const page = await this.timed(
      "pull",
      () =>
        this.client.sync.pull.mutate(
          { deviceId: this.deviceId, cursor: this.cursor, queued: this.outbox.length },
          { signal: AbortSignal.timeout(this.opts.pullTimeoutMs ?? 30_000) },
        ),
      (p) => Object.values(p).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0),
    );
    const typed = page as unknown as Record<string, unknown> & { cursor: string; hasMore: boolean };
    this.cursor = typed.cursor;
    return typed;
  }

  /** Pulls pages until `hasMore` is false (at most `maxPages`). */
  async pullAll(maxPages = 1000): Promise<PullSummary> {
    const summary: PullSummary = { pages: 0, rows: 0, feeds: {} };
    for (;;) {
      const page = await this.pullPage();
      summary.pages++;
      for (const [key, value] of Object.entries(page)) {
        if (!Array.isArray(value)) continue;
        summary.rows += value.length;
        (summary.feeds[key] ??= []).push(...(value as unknown[]));
      }
      if (!page.hasMore || summary.pages >= maxPages) return summary;
    }
  }
}
