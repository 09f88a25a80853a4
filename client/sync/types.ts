import type { TMutationName, TRejectionCode } from "@/domain/sync/protocol";
import type { TMutationResult } from "@/domain/sync/protocol";
import type { PullPage } from "./contract";

/** A queued mutation: the record of what still has to reach the server (DESIGN.md §3). */
export interface OutboxRecord {
  mutationId: string;
  userId: string;
  deviceId: string;
  seq: number;
  name: TMutationName;
  schemaVersion: number;
  args: unknown;
  expected?: unknown;
  clientTime: string;
}

/** A rejected change waiting for the user: re-issue from the current state, or dismiss. */
export interface Rejected {
  mutationId: string;
  deviceId: string;
  seq: number;
  name: string;
  reasonCode: TRejectionCode | null;
  details: Record<string, unknown> | null;
  /** The queued record as it was sent (kept so the user sees what was refused). */
  original: OutboxRecord | null;
  at: string;
}

/** Local storage of one installed app: outbox, read cache, rejections. IndexedDB in the browser. */
export interface SyncStore {
  deviceIdFor(userId: string): Promise<string>;
  enqueue(rec: Omit<OutboxRecord, "seq" | "mutationId" | "clientTime"> & { clientTime?: string }): Promise<OutboxRecord>;
  /** Queued rows after `afterSeq` (rows the server already applied wait for the pull that deletes them). */
  pending(deviceId: string, afterSeq: number, maxCount: number, maxBytes: number): Promise<OutboxRecord[]>;
  /** The highest seq the server has answered for this device (kept across restarts). */
  ackedSeq(deviceId: string): Promise<number>;
  pendingCount(deviceId: string): Promise<number>;
  /** After a push: keeps each rejection (and drops its row) and remembers lastAppliedSeq, in one transaction. */
  acknowledge(deviceId: string, lastAppliedSeq: number, results: TMutationResult[]): Promise<void>;
  /**
   * Applies a pulled page and deletes the rows it acknowledges (seq ≤ lastAppliedSeq), in one transaction; or, when
   * the page was filled for another scope than the cache (the user's role changed), drops the read cache and the
   * cursor instead and answers "restart": the engine pulls again from the start.
   */
  applyPull(deviceId: string, page: PullPage): Promise<"applied" | "restart">;
  cursor(deviceId: string): Promise<string>;
  rejections(deviceId: string): Promise<Rejected[]>;
  removeRejection(mutationId: string): Promise<void>;
  setMeta(key: string, value: unknown): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  /** Logout: drop the read cache (company data) but keep every user's outbox and device id. */
  clearReadCache(): Promise<void>;
}
