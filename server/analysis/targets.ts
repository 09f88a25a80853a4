import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { qualityTargets, targetFigures, users } from "@/db/schema";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import type { ZEnterFigureArgs, ZSetTargetArgs } from "@/domain/analysis/schemas";
import { INDICATOR_DEFS, INDICATORS, mayEnterFigure, type TDirection, type TIndicator } from "@/domain/analysis/targets";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";

/**
 * Quality targets (质量目标) by year, department and indicator, and the months' figures the departments enter for what
 * the app cannot compute (ADR 0041 §6). Each is one row per key, written again with its version + 1 (the audit chain
 * keeps every earlier value).
 */

export interface TTargetRow {
  id: string;
  year: number;
  department: TDepartment;
  indicator: TIndicator;
  unit: (typeof INDICATOR_DEFS)[TIndicator]["unit"];
  source: "computed" | "entered";
  target: number;
  control: number | null;
  direction: TDirection;
  version: number;
  setBy: string;
  setByName: string;
  setAt: Date;
}

export interface TFigureRow {
  id: string;
  year: number;
  month: number;
  department: TDepartment;
  indicator: TIndicator;
  value: number;
  note: string;
  version: number;
  enteredBy: string;
  enteredByName: string;
  enteredAt: Date;
}

/** Departments, then indicators, in their declared order. */
export function byDepartmentIndicator<T extends { department: string; indicator: string }>(a: T, b: T): number {
  const d = DEPARTMENTS.indexOf(a.department as TDepartment) - DEPARTMENTS.indexOf(b.department as TDepartment);
  return d !== 0 ? d : INDICATORS.indexOf(a.indicator as TIndicator) - INDICATORS.indexOf(b.indicator as TIndicator);
}

/** The year's targets, each with its version and who set it when. */
export async function listTargets(db: Db, year: number): Promise<TTargetRow[]> {
  const rows = await db
    .select({
      id: qualityTargets.id,
      year: qualityTargets.year,
      department: qualityTargets.department,
      indicator: qualityTargets.indicator,
      target: qualityTargets.target,
      control: qualityTargets.control,
      direction: qualityTargets.direction,
      version: qualityTargets.version,
      setBy: qualityTargets.setBy,
      setByName: users.displayName,
      setAt: qualityTargets.setAt,
    })
    .from(qualityTargets)
    .innerJoin(users, eq(users.id, qualityTargets.setBy))
    .where(eq(qualityTargets.year, year));
  return rows.map((r) => ({ ...r, ...unitSource(r.indicator) })).sort(byDepartmentIndicator);
}

function unitSource(indicator: TIndicator) {
  const def = INDICATOR_DEFS[indicator];
  return { unit: def.unit, source: def.source };
}

/** Sets (or changes) a department's target for the year; the direction is the indicator's. Audited `target.set`. */
export async function setTarget(db: Db, user: SessionUser, input: z.output<typeof ZSetTargetArgs>): Promise<{ id: string; version: number }> {
  const direction = INDICATOR_DEFS[input.indicator].direction;
  const at = clockNow();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(qualityTargets)
      .values({
        year: input.year,
        department: input.department,
        indicator: input.indicator,
        target: input.target,
        control: input.control,
        direction,
        setBy: user.id,
        setAt: at,
        version: 1,
      })
      .onConflictDoUpdate({
        target: [qualityTargets.year, qualityTargets.department, qualityTargets.indicator],
        set: { target: input.target, control: input.control, direction, setBy: user.id, setAt: at, version: sql`${qualityTargets.version} + 1` },
        // a form opened on an older version does not silently replace a newer one (basedOn 0: there was none)
        ...(input.basedOn !== undefined ? { setWhere: sql`${qualityTargets.version} = ${input.basedOn}` } : {}),
      })
      .returning({ id: qualityTargets.id, version: qualityTargets.version });
    if (!row || (input.basedOn !== undefined && row.version !== input.basedOn + 1)) throw new AppError("conflict");
    const { id, version } = row;
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "quality_target",
      subjectId: id,
      at,
      event: {
        name: "target.set",
        payload: { year: input.year, department: input.department, indicator: input.indicator, target: input.target, control: input.control, version },
      },
    });
    return { id, version };
  });
}

/**
 * A department's figure for a month (its head, or quality on its behalf: domain mayEnterFigure), only for an indicator
 * the app does not compute (`indicator_computed` otherwise). A correction is the same row's next version, with who
 * and when. Audited `targetFigure.entered`.
 */
export async function enterFigure(db: Db, user: SessionUser, input: z.output<typeof ZEnterFigureArgs>): Promise<{ id: string; version: number }> {
  if (!mayEnterFigure(user, input.department, input.indicator)) throw new AppError("forbidden");
  if (INDICATOR_DEFS[input.indicator].source !== "entered") throw new AppError("rule_violation", { rule: "indicator_computed" });
  const at = clockNow();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(targetFigures)
      .values({
        year: input.year,
        month: input.month,
        department: input.department,
        indicator: input.indicator,
        value: input.value,
        note: input.note,
        enteredBy: user.id,
        enteredAt: at,
        version: 1,
      })
      .onConflictDoUpdate({
        target: [targetFigures.year, targetFigures.month, targetFigures.department, targetFigures.indicator],
        set: { value: input.value, note: input.note, enteredBy: user.id, enteredAt: at, version: sql`${targetFigures.version} + 1` },
        // a form opened on an older version does not silently replace a newer one (basedOn 0: there was none)
        ...(input.basedOn !== undefined ? { setWhere: sql`${targetFigures.version} = ${input.basedOn}` } : {}),
      })
      .returning({ id: targetFigures.id, version: targetFigures.version });
    if (!row || (input.basedOn !== undefined && row.version !== input.basedOn + 1)) throw new AppError("conflict");
    const { id, version } = row;
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "target_figure",
      subjectId: id,
      at,
      event: {
        name: "targetFigure.entered",
        payload: { year: input.year, month: input.month, department: input.department, indicator: input.indicator, value: input.value, version },
      },
    });
    return { id, version };
  });
}

/** The year's entered figures (optionally one month's), by month, department and indicator, with who entered them when. */
export async function listFigures(db: Db, year: number, month?: number): Promise<TFigureRow[]> {
  const rows = await db
    .select({
      id: targetFigures.id,
      year: targetFigures.year,
      month: targetFigures.month,
      department: targetFigures.department,
      indicator: targetFigures.indicator,
      value: targetFigures.value,
      note: targetFigures.note,
      version: targetFigures.version,
      enteredBy: targetFigures.enteredBy,
      enteredByName: users.displayName,
      enteredAt: targetFigures.enteredAt,
    })
    .from(targetFigures)
    .innerJoin(users, eq(users.id, targetFigures.enteredBy))
    .where(and(eq(targetFigures.year, year), month === undefined ? undefined : eq(targetFigures.month, month)))
    .orderBy(asc(targetFigures.month));
  return rows.sort((a, b) => a.month - b.month || byDepartmentIndicator(a, b));
}
