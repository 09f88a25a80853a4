import "server-only";
import { and, desc, eq, like, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { correctiveActions, fishbones, nonconformities, users } from "@/db/schema";
import type { TFishboneCauses, ZSaveFishboneArgs } from "@/domain/analysis/schemas";
import type { TDepartment } from "@/domain/auth/roles";
import { operatorDay } from "@/domain/time/operator";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";

/**
 * Fishbone worksheets (鱼刺图, ADR 0041): a problem and its causes on the six bones (人机料法环测), kept with its
 * nonconformity and corrective action. Quality creates and edits them; the head of the linked corrective action's
 * department may edit one too. Edits carry the version they were made on (a stale one is a conflict).
 */

export interface TFishboneSummary {
  id: string;
  code: string;
  problem: string;
  nonconformityId: string | null;
  ncCode: string | null;
  actionId: string | null;
  actionCode: string | null;
  causeCount: number;
  version: number;
  updatedAt: Date;
}

export interface TFishbone extends Omit<TFishboneSummary, "causeCount"> {
  causes: TFishboneCauses;
  actionDepartment: TDepartment | null;
  createdByName: string;
  createdAt: Date;
  updatedByName: string | null;
  /** What the caller may do with it. */
  can: { edit: boolean };
}

const creator = alias(users, "creator");
const updater = alias(users, "updater");

const summaryColumns = {
  id: fishbones.id,
  code: fishbones.code,
  problem: fishbones.problem,
  nonconformityId: fishbones.nonconformityId,
  ncCode: nonconformities.code,
  actionId: fishbones.actionId,
  actionCode: correctiveActions.code,
  causes: fishbones.causes,
  version: fishbones.version,
  updatedAt: fishbones.updatedAt,
};

const causeCount = (c: TFishboneCauses) => Object.values(c).reduce((n, list) => n + list.length, 0);

/** Every worksheet (optionally those of one corrective action), the latest changed first. */
export async function listFishbones(db: Db, filter: { actionId?: string } = {}): Promise<{ rows: TFishboneSummary[] }> {
  const rows = await db
    .select(summaryColumns)
    .from(fishbones)
    .leftJoin(nonconformities, eq(nonconformities.id, fishbones.nonconformityId))
    .leftJoin(correctiveActions, eq(correctiveActions.id, fishbones.actionId))
    .where(filter.actionId ? eq(fishbones.actionId, filter.actionId) : undefined)
    .orderBy(desc(fishbones.updatedAt), desc(fishbones.code))
    .limit(500);
  return { rows: rows.map(({ causes, ...r }) => ({ ...r, causeCount: causeCount(causes) })) };
}

/** Quality edits any worksheet; a department head one whose corrective action is their department's. */
export function mayEditFishbone(user: Pick<SessionUser, "role" | "department">, actionDepartment: TDepartment | null): boolean {
  return user.role === "quality" || (user.role === "department_head" && actionDepartment !== null && user.department === actionDepartment);
}

/** One worksheet with its links' codes, who made and changed it, and whether the caller may edit it. */
export async function getFishbone(db: Db, user: Pick<SessionUser, "role" | "department">, id: string): Promise<TFishbone> {
  const [row] = await db
    .select({
      ...summaryColumns,
      actionDepartment: correctiveActions.department,
      createdByName: creator.displayName,
      createdAt: fishbones.createdAt,
      updatedByName: updater.displayName,
    })
    .from(fishbones)
    .leftJoin(nonconformities, eq(nonconformities.id, fishbones.nonconformityId))
    .leftJoin(correctiveActions, eq(correctiveActions.id, fishbones.actionId))
    .innerJoin(creator, eq(creator.id, fishbones.createdBy))
    .leftJoin(updater, eq(updater.id, fishbones.updatedBy))
    .where(eq(fishbones.id, id));
  if (!row) throw new AppError("not_found");
  return { ...row, can: { edit: mayEditFishbone(user, row.actionDepartment) } };
}

/** The advisory lock space of fishbone numbering (one writer of a year's next number at a time). */
const FISHBONE_CODE_LOCK = 414_210;

/** FB-2026-0001: the operator year's next number, under a transaction-scoped lock. */
async function nextFishboneCode(tx: Db, at: Date): Promise<string> {
  const year = operatorDay(at).slice(0, 4);
  await tx.execute(sql`select pg_advisory_xact_lock(${FISHBONE_CODE_LOCK}, ${Number(year)})`);
  const [row] = await tx
    .select({ last: sql<number | null>`max(substring(${fishbones.code} from 9)::int)` })
    .from(fishbones)
    .where(like(fishbones.code, `FB-${year}-%`));
  return `FB-${year}-${String((row?.last ?? 0) + 1).padStart(4, "0")}`;
}

/** The linked records: the action's nonconformity fills in an absent one; an unknown id is not found. */
async function links(tx: Db, input: { nonconformityId: string | null; actionId: string | null }) {
  let nonconformityId = input.nonconformityId;
  let actionDepartment: TDepartment | null = null;
  if (input.actionId) {
    const [a] = await tx
      .select({ department: correctiveActions.department, nonconformityId: correctiveActions.nonconformityId })
      .from(correctiveActions)
      .where(eq(correctiveActions.id, input.actionId));
    if (!a) throw new AppError("not_found", { field: "actionId" });
    actionDepartment = a.department;
    nonconformityId ??= a.nonconformityId;
  }
  if (nonconformityId) {
    const [nc] = await tx.select({ id: nonconformities.id }).from(nonconformities).where(eq(nonconformities.id, nonconformityId));
    if (!nc) throw new AppError("not_found", { field: "nonconformityId" });
  }
  return { nonconformityId, actionId: input.actionId, actionDepartment };
}

/**
 * Creates a worksheet (quality; numbered FB-YYYY-NNNN by the operator year) or changes one (quality, or the head of
 * the linked corrective action's department, before and after the change) on the version it was read at.
 * Audited `fishbone.saved`.
 */
export async function saveFishbone(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZSaveFishboneArgs>,
): Promise<{ id: string; code: string; version: number }> {
  const at = clockNow();
  return db.transaction(async (tx) => {
    const linked = await links(tx, input);
    let saved: { id: string; code: string; version: number };
    if (!input.id) {
      if (user.role !== "quality") throw new AppError("forbidden");
      const code = await nextFishboneCode(tx, at);
      const [row] = await tx
        .insert(fishbones)
        .values({
          code,
          problem: input.problem,
          nonconformityId: linked.nonconformityId,
          actionId: linked.actionId,
          causes: input.causes,
          createdBy: user.id,
          createdAt: at,
          updatedBy: user.id,
          updatedAt: at,
          version: 1,
        })
        .returning({ id: fishbones.id, code: fishbones.code, version: fishbones.version });
      saved = row!;
    } else {
      const [current] = await tx
        .select({ version: fishbones.version, actionDepartment: correctiveActions.department })
        .from(fishbones)
        .leftJoin(correctiveActions, eq(correctiveActions.id, fishbones.actionId))
        .where(eq(fishbones.id, input.id))
        .for("update", { of: fishbones });
      if (!current) throw new AppError("not_found");
      // a head edits only while the worksheet is their department's action's, and cannot hand it to another's
      if (!mayEditFishbone(user, current.actionDepartment) || !mayEditFishbone(user, linked.actionDepartment)) throw new AppError("forbidden");
      if (input.version === undefined || input.version !== current.version) throw new AppError("conflict", { version: current.version });
      const [row] = await tx
        .update(fishbones)
        .set({
          problem: input.problem,
          nonconformityId: linked.nonconformityId,
          actionId: linked.actionId,
          causes: input.causes,
          updatedBy: user.id,
          updatedAt: at,
          version: sql`${fishbones.version} + 1`,
        })
        .where(and(eq(fishbones.id, input.id), eq(fishbones.version, current.version)))
        .returning({ id: fishbones.id, code: fishbones.code, version: fishbones.version });
      if (!row) throw new AppError("conflict");
      saved = row;
    }
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "fishbone",
      subjectId: saved.id,
      at,
      event: {
        name: "fishbone.saved",
        // the causes as saved: an edit overwrites the row, the audit chain keeps each version
        payload: {
          code: saved.code,
          version: saved.version,
          problem: input.problem,
          actionId: linked.actionId,
          nonconformityId: linked.nonconformityId,
          causes: input.causes,
        },
      },
    });
    return saved;
  });
}
