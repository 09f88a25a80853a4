import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { instrumentCalibrations, instrumentUsage, instruments, users } from "@/db/schema";
import { annualCalibrationStatus } from "@/domain/instruments/calibration";
import { operatorToday } from "@/domain/time/operator";
import { endOfLifeOn } from "@/domain/instruments/rules";
import type { TCalibrationFilters, TIntakeFilters, TUsageFilters } from "@/domain/instruments/schemas";

const keeper = alias(users, "keeper");
const actor = alias(users, "actor");
const holder = alias(users, "holder");

/** 《仪器、仪表入库登记表》: the intake register, by intake day. */
export async function intakeRegister({ db, filters }: { db: Db; filters: TIntakeFilters }) {
  const rows = await db
    .select({
      id: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      serial: instruments.serial,
      kind: instruments.kind,
      category: instruments.category,
      department: instruments.department,
      keeperName: keeper.displayName,
      location: instruments.location,
      intakeDate: instruments.intakeDate,
      serviceLifeYears: instruments.serviceLifeYears,
      status: instruments.status,
    })
    .from(instruments)
    .leftJoin(keeper, eq(keeper.id, instruments.keeperId))
    .where(
      and(
        filters.from ? gte(instruments.intakeDate, filters.from) : undefined,
        filters.to ? lte(instruments.intakeDate, filters.to) : undefined,
        filters.department ? eq(instruments.department, filters.department) : undefined,
        filters.category ? eq(instruments.category, filters.category) : undefined,
        filters.status ? eq(instruments.status, filters.status) : undefined,
        filters.kind ? eq(instruments.kind, filters.kind) : undefined,
      ),
    )
    .orderBy(asc(instruments.intakeDate), asc(instruments.assetTag));
  return rows.map((r) => ({ ...r, endOfLifeOn: endOfLifeOn(r) }));
}

/** 《仪器、仪表使用登记表》: every entry of the usage files, newest first. */
export function usageRegister({ db, filters }: { db: Db; filters: TUsageFilters }) {
  return db
    .select({
      id: instrumentUsage.id,
      onDate: instrumentUsage.onDate,
      instrumentId: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      department: instruments.department,
      kind: instrumentUsage.kind,
      actorName: actor.displayName,
      holderName: holder.displayName,
      condition: instrumentUsage.condition,
      note: instrumentUsage.note,
      details: instrumentUsage.details,
      serverTime: instrumentUsage.serverTime,
    })
    .from(instrumentUsage)
    .innerJoin(instruments, eq(instruments.id, instrumentUsage.instrumentId))
    .leftJoin(actor, eq(actor.id, instrumentUsage.actorId))
    .leftJoin(holder, eq(holder.id, instrumentUsage.holderId))
    .where(
      and(
        filters.from ? gte(instrumentUsage.onDate, filters.from) : undefined,
        filters.to ? lte(instrumentUsage.onDate, filters.to) : undefined,
        filters.instrumentId ? eq(instrumentUsage.instrumentId, filters.instrumentId) : undefined,
        filters.userId ? or(eq(instrumentUsage.actorId, filters.userId), eq(instrumentUsage.holderId, filters.userId)) : undefined,
        filters.kinds && filters.kinds.length > 0 ? inArray(instrumentUsage.kind, filters.kinds) : undefined,
        filters.department ? eq(instruments.department, filters.department) : undefined,
      ),
    )
    .orderBy(desc(instrumentUsage.onDate), desc(instrumentUsage.id))
    .limit(filters.limit);
}

/**
 * 《仪器、仪表年计量状况登记表》: for a year, every instrument registered by its end, with the due day falling in
 * the year, the calibrations made in it, whether one is still owed, and the state at the year's end (or today).
 */
export async function calibrationRegister({ db, filters, now = new Date() }: { db: Db; filters: TCalibrationFilters; now?: Date }) {
  const yearEnd = `${filters.year}-12-31`;
  const list = await db
    .select({
      id: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      serial: instruments.serial,
      category: instruments.category,
      department: instruments.department,
      status: instruments.status,
    })
    .from(instruments)
    .where(
      and(
        lte(instruments.intakeDate, yearEnd),
        filters.department ? eq(instruments.department, filters.department) : undefined,
        filters.category ? eq(instruments.category, filters.category) : undefined,
      ),
    )
    .orderBy(asc(instruments.assetTag));
  const cals = list.length
    ? await db
        .select({
          instrumentId: instrumentCalibrations.instrumentId,
          id: instrumentCalibrations.id,
          calibratedOn: instrumentCalibrations.calibratedOn,
          result: instrumentCalibrations.result,
          certificateNo: instrumentCalibrations.certificateNo,
          lab: instrumentCalibrations.lab,
          hasFile: instrumentCalibrations.fileSha256,
        })
        .from(instrumentCalibrations)
        .where(
          inArray(
            instrumentCalibrations.instrumentId,
            list.map((i) => i.id),
          ),
        )
    : [];
  const today = operatorToday(now);
  const rows = list.map((i) => {
    const mine = cals.filter((c) => c.instrumentId === i.id).map(({ instrumentId: _i, hasFile, ...c }) => ({ ...c, hasFile: hasFile !== null }));
    const s = annualCalibrationStatus(mine, filters.year, today);
    return { ...i, year: s.year, asOf: s.asOf, dueInYear: s.dueInYear, calibrations: s.inYear, owed: s.owed, state: s.state };
  });
  return filters.state ? rows.filter((r) => r.state === filters.state) : rows;
}
