import "server-only";
import { and, asc, eq, gte, inArray, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { instrumentHandovers, instrumentLoans, instrumentSettings, instrumentUsage, instruments, users } from "@/db/schema";
import type { TIsoDate } from "@/domain/time/calendar";
import type { TCondition, TUsageKind } from "@/domain/instruments/names";
import { instrumentFacts, type TActor, type TInstrumentFacts, type TInstrumentRule, type TRuleResult } from "@/domain/instruments/rules";
import { CUSTODIAN_DEPARTMENT, DEFAULT_SETTINGS, type TInstrumentSettings } from "@/domain/instruments/settings";
import { isUuid, type TMutationEnvelope } from "@/domain/sync/protocol";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { badInput, Rejection } from "@/server/sync/rejection";

export type InstrumentRow = typeof instruments.$inferSelect;

type FactKey = keyof TInstrumentFacts;

export function factsOf(row: Pick<InstrumentRow, FactKey>): TInstrumentFacts {
  return instrumentFacts(row);
}

export function actorOf(user: SessionUser): TActor {
  return { id: user.id, role: user.role, department: user.department, active: true };
}

/** A person as the rules see them (current role, department, active), with their name; null when unknown. */
export async function loadActor(tx: Db, where: { id: string } | { username: string }, lock = false) {
  const q = tx
    .select({ id: users.id, role: users.role, department: users.department, active: users.active, displayName: users.displayName, username: users.username })
    .from(users)
    .where("id" in where ? eq(users.id, where.id) : eq(users.username, where.username));
  const [row] = lock ? await q.for("share") : await q;
  return row ?? null;
}

export async function displayNameOf(tx: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

export async function lockInstrument(tx: Db, id: string): Promise<InstrumentRow | undefined> {
  const [row] = await tx.select().from(instruments).where(eq(instruments.id, id)).for("update");
  return row;
}

/**
 * Public instruments of the same kind, other than `row`, lendable on `today` (the dispatch reserve). With
 * `lock`, they and `row` are locked in id order first, so two long-term approvals of one kind cannot both take the last
 * spare (the second waits and counts again).
 */
export async function otherLendableOfKind(tx: Db, row: Pick<InstrumentRow, "id" | "kind">, today: TIsoDate, lock = false): Promise<number> {
  const sameKind = and(eq(instruments.kind, row.kind), eq(instruments.category, "public"), ne(instruments.id, row.id));
  // With the instrument itself, in one id-ordered statement: the order every push batch locks in.
  if (lock)
    await tx
      .select({ id: instruments.id })
      .from(instruments)
      .where(or(sameKind, eq(instruments.id, row.id)))
      .orderBy(asc(instruments.id))
      .for("update");
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(instruments)
    .where(
      and(
        sameKind,
        eq(instruments.status, "available"),
        eq(instruments.faultOpen, false),
        eq(instruments.scrapPending, false),
        eq(instruments.calibrationResult, "passed"),
        gte(instruments.calibrationDue, today),
      ),
    );
  return r?.n ?? 0; // count(*)::int: an int4, a number from postgres-js and PGlite alike
}

/** A rule refusal as a sync rejection (every rule code is a rejection code: domain/rules/codes.ts). */
export function rejectUnless<T extends object>(result: TRuleResult<T>): asserts result is { ok: true } & T {
  if (!result.ok) throw new Rejection(result.code, result.details ?? null);
}

/** A rule refusal online: `rule_violation` with the rule's code (shown as `rules.<code>`, the words offline too). */
export function ruleViolation(code: TInstrumentRule, details?: Record<string, unknown>): AppError {
  return new AppError("rule_violation", { rule: code, ...(details ?? {}) });
}

export function assertRule<T extends object>(result: TRuleResult<T>): asserts result is { ok: true } & T {
  if (!result.ok) throw ruleViolation(result.code, result.details);
}

/** Parses a mutation's args with its domain schema, or rejects the mutation as bad_input. */
export function parseArgs<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  // NUL and lone surrogates never get here: sync.push refuses them first (domain/text/input.ts).
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badInput(parsed.error.issues);
  return parsed.data;
}

/** One entry of an instrument's usage file. */
export function usageEntry(opts: {
  instrumentId: string;
  kind: TUsageKind;
  onDate: TIsoDate;
  actorId: string | null;
  holderId?: string | null;
  loanId?: string | null;
  condition?: TCondition | null;
  note?: string;
  details?: Record<string, unknown> | null;
  entryId?: string;
  mutation?: TMutationEnvelope;
  at: Date;
}): typeof instrumentUsage.$inferInsert {
  return {
    instrumentId: opts.instrumentId,
    kind: opts.kind,
    entryId: opts.entryId ?? null,
    onDate: opts.onDate,
    actorId: opts.actorId,
    holderId: opts.holderId ?? null,
    loanId: opts.loanId ?? null,
    condition: opts.condition ?? null,
    note: opts.note ?? "",
    details: opts.details ?? null,
    deviceId: opts.mutation?.deviceId ?? null,
    mutationId: opts.mutation?.mutationId ?? null,
    clientTime: opts.mutation ? new Date(opts.mutation.clientTime) : null,
    serverTime: opts.at,
  };
}

/** Writes the instrument's projection columns, bumping its version (the phone's compare value). */
export async function updateInstrument(tx: Db, row: InstrumentRow, set: Partial<typeof instruments.$inferInsert>, actorId: string, at: Date): Promise<void> {
  await tx
    .update(instruments)
    .set({ ...set, version: row.version + 1, updatedAt: at, updatedBy: actorId })
    .where(eq(instruments.id, row.id));
}

/** The custodian's department's settings (the long-term term, the scrap approver); the defaults until saved. */
export async function loadSettings(tx: Db): Promise<TInstrumentSettings & { version: number }> {
  const [row] = await tx.select().from(instrumentSettings).where(eq(instrumentSettings.department, CUSTODIAN_DEPARTMENT));
  return row
    ? { department: row.department, longLoanMonths: row.longLoanMonths, scrapApproverId: row.scrapApproverId, version: row.version }
    : { ...DEFAULT_SETTINGS, version: 0 };
}

/**
 * Locks, in id order, every instrument a batch's instrument.* mutations touch (those naming a hand-over or only a loan
 * are found through it), before any is decided: two batches touching the same instruments wait instead of deadlocking.
 */
export async function lockInstrumentsOf(tx: Db, mutations: readonly TMutationEnvelope[]): Promise<void> {
  const ids = new Set<string>();
  const handoverIds = new Set<string>();
  const loanIds = new Set<string>();
  for (const m of mutations) {
    if (!m.name.startsWith("instrument.")) continue;
    const args = (m.args ?? {}) as { instrumentId?: unknown; handoverId?: unknown; loanId?: unknown };
    if (isUuid(args.instrumentId)) ids.add(args.instrumentId.toLowerCase());
    else if (isUuid(args.handoverId)) handoverIds.add(args.handoverId.toLowerCase());
    else if (isUuid(args.loanId)) loanIds.add(args.loanId.toLowerCase());
  }
  if (handoverIds.size > 0) {
    const rows = await tx
      .select({ instrumentId: instrumentHandovers.instrumentId })
      .from(instrumentHandovers)
      .where(inArray(instrumentHandovers.id, [...handoverIds]));
    for (const r of rows) ids.add(r.instrumentId);
  }
  if (loanIds.size > 0) {
    const rows = await tx
      .select({ instrumentId: instrumentLoans.instrumentId })
      .from(instrumentLoans)
      .where(inArray(instrumentLoans.id, [...loanIds]));
    for (const r of rows) ids.add(r.instrumentId);
  }
  if (ids.size === 0) return;
  await tx
    .select({ id: instruments.id })
    .from(instruments)
    .where(inArray(instruments.id, [...ids].sort()))
    .orderBy(asc(instruments.id))
    .for("update");
}
