/**
 * The offline protocol (DESIGN.md §3) as data: the envelope of every queued mutation, the batch limits,
 * and the result of each mutation. Mutation names and schema versions are a public contract.
 */
import { z } from "zod";
import { zLine } from "@/domain/text/rules";
import { parseCursor } from "./cursor";
import { COMPLAINT_MUTATION_VERSIONS } from "@/domain/complaints/schemas";
import { INSTRUMENT_MUTATION_VERSIONS } from "@/domain/instruments/mutations";
import { ITEM_MUTATION_VERSIONS } from "@/domain/items/mutations";
import { NOTICE_MUTATION_VERSIONS } from "@/domain/notices/notices";
import { QUALITY_MUTATION_VERSIONS } from "@/domain/quality/schemas";
import { WAREHOUSE_MUTATION_VERSIONS } from "@/domain/warehouse/schemas";
import { WORK_ORDER_MUTATION_VERSIONS } from "@/domain/work-orders/mutations";
import { MAX_BATCH_MUTATIONS } from "./limits";

export { MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS, MAX_SINGLE_MUTATION_BYTES, PULL_PAGE_ROWS } from "./limits";

/**
 * Every mutation name with the schema versions the server still accepts: each domain's list, one line per domain
 * (domain/<domain>/mutations.ts). The server's handlers are listed the same way (server/sync/domains.ts).
 */
export const MUTATION_VERSIONS = {
  "rejection.resolve": [1],
  ...ITEM_MUTATION_VERSIONS,
  ...WORK_ORDER_MUTATION_VERSIONS,
  ...INSTRUMENT_MUTATION_VERSIONS,
  ...NOTICE_MUTATION_VERSIONS,
  ...COMPLAINT_MUTATION_VERSIONS,
  ...WAREHOUSE_MUTATION_VERSIONS,
  ...QUALITY_MUTATION_VERSIONS,
  /** Customer property (ADR 0039): an inspection round done on the phone (domain/property/schemas.ts ZRoundSubmitArgs). */
  "propertyRound.submit": [1],
} as const;
export type TMutationName = keyof typeof MUTATION_VERSIONS;
export const MUTATION_NAMES = Object.keys(MUTATION_VERSIONS) as TMutationName[];

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A well-formed UUID (any version): ids read from mutation args before their schema runs (batch locks). */
export function isUuid(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}

export const ZMutationEnvelope = z.object({
  mutationId: z.string().regex(UUID_V7, { error: "mutationId must be a UUIDv7" }),
  deviceId: z.uuid(),
  seq: z.number().int().min(1),
  name: z.string().min(1).max(60),
  schemaVersion: z.number().int().min(1),
  args: z.unknown(),
  expected: z.unknown().optional(),
  clientTime: z.iso.datetime({ offset: true }),
});
export type TMutationEnvelope = z.infer<typeof ZMutationEnvelope>;

export const ZPushInput = z.object({
  deviceId: z.uuid(),
  mutations: z.array(ZMutationEnvelope).min(1).max(MAX_BATCH_MUTATIONS),
});
export type TPushInput = z.infer<typeof ZPushInput>;

/** The most transactions a pull cursor may name as still open (a server's max_connections is far below it). */
export const MAX_CURSOR_OPEN_TXIDS = 4096;

/**
 * A pull cursor (ADR 0042): the snapshot the phone has seen, `xmin:xmax:open,open` as PostgreSQL prints a
 * pg_snapshot (every transaction below xmax is seen except the open ones listed), or a plain transaction id from
 * before (everything up to it seen). Checked in full by `parseCursor` (domain/sync/cursor.ts).
 */
export const ZPullCursor = z
  .string()
  .max(21 * (MAX_CURSOR_OPEN_TXIDS + 2))
  .refine((text) => parseCursor(text) !== null, { message: "validation.syncCursor" });

export const ZPullInput = z.object({
  deviceId: z.uuid(),
  cursor: ZPullCursor.default("0"),
  /** Changes waiting in the phone's outbox when it pulls: the server's per-device queue depth (metrics). */
  queued: z.number().int().min(0).max(1_000_000).optional(),
});
export type TPullInput = z.infer<typeof ZPullInput>;

export const ZRegisterDeviceInput = z.object({
  deviceId: z.uuid(),
  label: zLine(120).default(""),
});

/** `rejection.resolve` v1: the user dismissed a rejected change or re-issued it (queued like any change). */
export const ZResolveRejectionArgs = z.object({
  mutationId: z.string().regex(UUID_V7),
  resolution: z.enum(["dismissed", "reissued"]),
});
export type TResolveRejectionArgs = z.infer<typeof ZResolveRejectionArgs>;

export { PROTOCOL_REJECTION_CODES, REJECTION_CODES, rejectionMessageKey, type TRejectionCode } from "./codes";
import type { TRejectionCode } from "./codes";

export type TMutationOutcome = "applied" | "already_in_state" | "rejected";

export interface TMutationResult {
  mutationId: string;
  seq: number;
  status: TMutationOutcome;
  reasonCode: TRejectionCode | null;
  /** For rejections: the current state and who changed it when (e.g. for `stale`). */
  details: Record<string, unknown> | null;
}

export interface TPushResponse {
  results: TMutationResult[];
  lastAppliedSeq: number;
  /** Set when the batch skipped a seq: the client must resend from lastAppliedSeq + 1. */
  gap: { expectedSeq: number; gotSeq: number } | null;
}

/** What the phone tells its user about sending (the sync indicator); each has a message `sync.status.<status>`. */
export const SYNC_STATUSES = ["idle", "syncing", "offline", "needs_login", "blocked", "error"] as const;
export type TSyncStatusName = (typeof SYNC_STATUSES)[number];
