import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, instrumentCalibrations, instrumentUsage, instruments, users } from "@/db/schema";
import { applyCalibration, checkCalibrationRecord, nextCalibrationDue } from "@/domain/instruments/calibration";
import { parseCsvInSlices } from "@/domain/csv/records";
import { checkCsvHeader, parseCsvRow, type TCsvError, type TCsvInstrument } from "@/domain/instruments/csv";
import { ruleMessageKey } from "@/domain/rules/codes";
import { slicer } from "@/domain/slices";
import { yieldToEventLoop } from "@/server/http/yield";
import { operatorToday } from "@/domain/time/operator";
import type { TCreateInstrumentInput, TInstrumentFields, TUpdateInstrumentInput } from "@/domain/instruments/schemas";
import { appendAuditEvent, auditRow, chainAuditAsWritten } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { lockInstrument, ruleViolation, usageEntry } from "./facts";
import { checklistOf } from "@/domain/instruments/accessories";
import { checkKeeper } from "@/domain/instruments/keeper";

/** The keeper named (专人负责管理): required and of the using department for a special instrument (domain keeper.ts). */
async function assertKeeper(tx: Db, input: Pick<TInstrumentFields, "keeperId" | "category" | "department">): Promise<void> {
  let keeper: { id: string; department: TInstrumentFields["department"]; active: boolean } | null = null;
  if (input.keeperId) {
    const [k] = await tx
      .select({ id: users.id, department: users.department, active: users.active })
      .from(users)
      .where(eq(users.id, input.keeperId))
      .for("share");
    if (!k) throw new AppError("bad_input", { field: "keeperId" });
    keeper = k;
  }
  const check = checkKeeper({ category: input.category, department: input.department, keeper });
  if (!check.ok) throw ruleViolation(check.code, { field: "keeperId", ...check.details });
}

/** A new instrument in the register (intake): available, no permit until its calibration is recorded. */
export async function createInstrument({ db, user, input }: { db: Db; user: SessionUser; input: TCreateInstrumentInput }) {
  return db.transaction(async (tx) => {
    await assertKeeper(tx, input);
    const now = new Date();
    const [row] = await tx
      .insert(instruments)
      .values({ ...input, status: "available", updatedBy: user.id, updatedAt: now, createdAt: now })
      .onConflictDoNothing({ target: instruments.assetTag })
      .returning();
    if (!row) throw ruleViolation("duplicate_tag", { assetTag: input.assetTag });
    await tx.insert(instrumentUsage).values(usageEntry({ instrumentId: row.id, kind: "registered", onDate: input.intakeDate, actorId: user.id, at: now }));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: row.id,
      at: now,
      event: { name: "instrument.registered", payload: { assetTag: row.assetTag, via: "form" } },
    });
    return row;
  });
}

const EDITABLE: (keyof TInstrumentFields)[] = [
  "assetTag",
  "name",
  "model",
  "serial",
  "kind",
  "category",
  "department",
  "keeperId",
  "location",
  "intakeDate",
  "serviceLifeYears",
  "manual",
  "accessories",
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Corrects the register entry (compare-and-set on its version); status, loans and calibration have their own steps. */
export async function updateInstrument({ db, user, input }: { db: Db; user: SessionUser; input: TUpdateInstrumentInput }) {
  return db.transaction(async (tx) => {
    const row = await lockInstrument(tx, input.id);
    if (!row) throw new AppError("not_found");
    if (row.version !== input.version) throw new AppError("conflict", { version: row.version });
    if (row.status === "scrapped") throw ruleViolation("invalid_transition", { status: row.status });
    await assertKeeper(tx, input);
    // A special instrument on loan stays with its department's borrower: no category/department change mid-loan.
    if (row.status === "on_loan" && (input.category !== row.category || input.department !== row.department)) {
      throw ruleViolation("invalid_transition", { status: row.status });
    }
    // what is still missing: the custodian marks found ones; one no longer on the register is no longer missing
    const checklist = checklistOf(input);
    const missing = (input.missingAccessories ?? row.missingAccessories).filter((m) => checklist.includes(m));
    const changed: string[] = EDITABLE.filter((k) => !same(input[k], row[k]));
    if (!same(missing, row.missingAccessories)) changed.push("missingAccessories");
    if (changed.length === 0) return row;
    if (input.assetTag !== row.assetTag) {
      const [taken] = await tx.select({ id: instruments.id }).from(instruments).where(eq(instruments.assetTag, input.assetTag));
      if (taken) throw ruleViolation("duplicate_tag", { assetTag: input.assetTag });
    }
    const now = new Date();
    const set = { ...Object.fromEntries(EDITABLE.filter((k) => changed.includes(k)).map((k) => [k, input[k]])), missingAccessories: missing };
    const [after] = await tx
      .update(instruments)
      .set({ ...set, version: row.version + 1, updatedAt: now, updatedBy: user.id })
      .where(eq(instruments.id, row.id))
      .returning();
    await tx
      .insert(instrumentUsage)
      .values(usageEntry({ instrumentId: row.id, kind: "updated", onDate: operatorToday(now), actorId: user.id, details: { changed }, at: now }));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument",
      subjectId: row.id,
      at: now,
      event: { name: "instrument.updated", payload: { assetTag: after!.assetTag, changed } },
    });
    return after!;
  });
}

/**
 * Instruments per round of INSERT statements (about 16 parameters each, at most 500: under PostgreSQL's 65,535), fewer
 * while a round takes longer than ROUND_MS: PGlite runs each statement on this process's event loop, and a round
 * of 100 (instruments, usage, audit rows with their chain hash) held it ~200 ms on a busy 2-core machine.
 */
const CHUNK = { first: 20, min: 5, max: 500 } as const;
const ROUND_MS = 15;

/**
 * CSV import: every row is checked (domain/instruments/csv.ts), keeper usernames and tags against the database;
 * good rows are kept (one transaction), bad rows reported with line, column and a message key.
 */
export async function importInstrumentsCsv({ db, user, csv }: { db: Db; user: SessionUser; csv: string }) {
  let records: string[][];
  try {
    // in slices: a 1 MB register parsed in one go held every other request (issue 11)
    records = await parseCsvInSlices(csv.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true }, yieldToEventLoop);
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { created: 0, errors: [{ line, column: null, code: "instruments.csv.unreadable" }] as TCsvError[] };
  }
  if (records.length === 0) return { created: 0, errors: [{ line: 1, column: null, code: "instruments.csv.empty" }] as TCsvError[] };
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  const headerErrors = checkCsvHeader(header);
  if (headerErrors.some((e) => e.code === "instruments.csv.missingColumn" || e.code === "instruments.csv.repeatedColumn"))
    return { created: 0, errors: headerErrors };

  const errors: TCsvError[] = [...headerErrors];
  const good: TCsvInstrument[] = [];
  const today = operatorToday();
  const slice = slicer(yieldToEventLoop);
  for (let i = 1; i < records.length; i++) {
    await slice();
    const cells = records[i]!;
    const line = i + 1;
    const record = Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ""]));
    const r = parseCsvRow(record, line);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    if (r.row.calibration) {
      const c = checkCalibrationRecord({ calibratedOn: r.row.calibration.calibratedOn, today, intakeDate: r.row.fields.intakeDate });
      if (!c.ok) {
        errors.push({ line, column: "calibrated_on", code: ruleMessageKey(c.code) });
        continue;
      }
    }
    good.push(r.row);
  }

  return db.transaction(async (tx) => {
    // one audit row per instrument: chained round by round on PGlite, not 10,000 at once inside COMMIT (ADR 0046)
    await chainAuditAsWritten(db, tx);
    const tags = good.map((g) => g.fields.assetTag);
    // looked up a few hundred tags at a time: one statement with 10,000 parameters held PGlite (so this process) ~250 ms
    const taken = new Set<string>();
    for (let i = 0; i < tags.length; i += 500) {
      await yieldToEventLoop();
      for (const r of await tx
        .select({ tag: instruments.assetTag })
        .from(instruments)
        .where(inArray(instruments.assetTag, tags.slice(i, i + 500))))
        taken.add(r.tag);
    }
    const names = [...new Set(good.map((g) => g.keeperUsername).filter((u): u is string => u !== null))];
    const keepers = new Map(
      names.length
        ? (
            await tx
              .select({ id: users.id, username: users.username, active: users.active, department: users.department })
              .from(users)
              .where(inArray(users.username, names))
          )
            .filter((u) => u.active)
            .map((u) => [u.username, u])
        : [],
    );
    const seen = new Set<string>();
    const keep: (TCsvInstrument & { keeperId: string | null })[] = [];
    for (const g of good) {
      if (taken.has(g.fields.assetTag) || seen.has(g.fields.assetTag)) {
        errors.push({ line: g.line, column: "asset_tag", code: ruleMessageKey("duplicate_tag") });
        continue;
      }
      if (g.keeperUsername && !keepers.has(g.keeperUsername)) {
        errors.push({ line: g.line, column: "keeper_username", code: "instruments.csv.unknownUser" });
        continue;
      }
      const keeper = g.keeperUsername ? keepers.get(g.keeperUsername)! : null;
      if (!checkKeeper({ category: g.fields.category, department: g.fields.department, keeper }).ok) {
        errors.push({ line: g.line, column: "keeper_username", code: ruleMessageKey("keeper_required") });
        continue;
      }
      seen.add(g.fields.assetTag);
      keep.push({ ...g, keeperId: keeper?.id ?? null });
    }
    const now = new Date();
    // in rounds of a few instruments, a turn of the event loop between them: PostgreSQL takes at most
    // 65,535 parameters per statement, and PGlite runs each statement on this process's event loop (issue 11)
    for (let from = 0, size: number = CHUNK.first; from < keep.length;) {
      await yieldToEventLoop();
      const started = Date.now();
      const part = keep.slice(from, from + size);
      from += part.length;
      const rows = await tx
        .insert(instruments)
        .values(
          part.map((k) => ({
            ...k.fields,
            keeperId: k.keeperId,
            status: "available" as const,
            ...(k.calibration ? applyCalibration({ calibratedOn: null, calibrationDue: null, calibrationResult: null }, k.calibration) : {}),
            updatedBy: user.id,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: instruments.id, assetTag: instruments.assetTag, intakeDate: instruments.intakeDate });
      const byTag = new Map(rows.map((r) => [r.assetTag, r]));
      const cal = part.filter((k) => k.calibration);
      if (cal.length > 0) {
        await tx.insert(instrumentCalibrations).values(
          cal.map((k) => ({
            instrumentId: byTag.get(k.fields.assetTag)!.id,
            certificateNo: k.calibration!.certificateNo,
            lab: k.calibration!.lab,
            calibratedOn: k.calibration!.calibratedOn,
            result: k.calibration!.result,
            nextDue: nextCalibrationDue(k.calibration!.calibratedOn),
            note: "CSV import",
            recordedBy: user.id,
            recordedAt: now,
          })),
        );
      }
      await tx
        .insert(instrumentUsage)
        .values(rows.map((r) => usageEntry({ instrumentId: r.id, kind: "registered", onDate: r.intakeDate, actorId: user.id, note: "CSV", at: now })));
      await tx.insert(auditEvents).values(
        rows.map((r) =>
          auditRow({
            actorId: user.id,
            subjectType: "instrument",
            subjectId: r.id,
            at: now,
            event: { name: "instrument.registered", payload: { assetTag: r.assetTag, via: "csv" } },
          }),
        ),
      );
      const took = Date.now() - started;
      size = took > ROUND_MS ? Math.max(CHUNK.min, size >> 1) : took < ROUND_MS / 3 ? Math.min(CHUNK.max, size * 2) : size;
    }
    const badLines = new Set(errors.filter((e) => e.line > 1).map((e) => e.line)).size;
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument_register",
      subjectId: "import",
      at: now,
      event: { name: "instrument.imported", payload: { created: keep.length, badRows: badLines } },
    });
    errors.sort((a, b) => a.line - b.line);
    return { created: keep.length, errors };
  });
}
