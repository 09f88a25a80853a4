import "server-only";
import { and, desc, eq, isNull, lt, max, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { analysisReports, users } from "@/db/schema";
import { parsePeriodKey, type TPeriod } from "@/domain/analysis/periods";
import { REPORT_KINDS, type TReportData, type TReportKind } from "@/domain/analysis/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { buildReport, periodFits } from "./report-build";

/** A report as listed (no data): what it is, which revision, who made it (null: the job runner) and when. */
export interface TReportRow {
  id: string;
  kind: TReportKind;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  revision: number;
  generatedAt: string;
  generatedBy: string | null;
  generatedByName: string | null;
  computeMs: number;
}

export interface TStoredReport extends TReportRow {
  data: TReportData;
}

/** The period of a report kind from its key (2026-W49 for the weekly report, 2026-11 for the rest); bad_input otherwise. */
export function reportPeriod(kind: TReportKind, periodKey: string): TPeriod {
  const period = parsePeriodKey(periodKey);
  if (!period || !periodFits(kind, period)) throw new AppError("bad_input", { field: "periodKey", message: "analysis.validation.period" });
  return period;
}

/**
 * Computes and stores a report as a new revision of its kind and period, audited `report.generated`. Scheduled
 * (actor null): made only when no scheduled report of that kind and period exists yet (a retried or doubled run makes
 * nothing, returning null); a report quality made by hand before the period ended never stands in for it.
 */
export async function generateReport(
  db: Db,
  o: { kind: TReportKind; periodKey: string; actorId: string | null; scheduled: boolean; now?: Date },
): Promise<TReportRow | null> {
  const period = reportPeriod(o.kind, o.periodKey);
  const exists = async (tx: Db) =>
    (
      await tx
        .select({ id: analysisReports.id })
        .from(analysisReports)
        .where(and(eq(analysisReports.kind, o.kind), eq(analysisReports.periodKey, period.key), isNull(analysisReports.generatedBy)))
        .limit(1)
    ).length > 0;
  if (o.scheduled && (await exists(db))) return null;
  const at = o.now ?? clockNow();
  const started = performance.now();
  const data = await buildReport(db, o.kind, period, at);
  const computeMs = Math.round(performance.now() - started);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        if (o.scheduled && (await exists(tx))) return null;
        const [last] = await tx
          .select({ n: max(analysisReports.revision) })
          .from(analysisReports)
          .where(and(eq(analysisReports.kind, o.kind), eq(analysisReports.periodKey, period.key)));
        const revision = (last?.n ?? 0) + 1;
        const [row] = await tx
          .insert(analysisReports)
          .values({
            kind: o.kind,
            periodKey: period.key,
            periodFrom: period.from,
            periodTo: period.to,
            revision,
            data,
            generatedBy: o.actorId,
            generatedAt: at,
            computeMs,
          })
          .returning();
        await appendAuditEvent(tx, {
          actorId: o.actorId,
          subjectType: "analysis_report",
          subjectId: row!.id,
          at,
          event: { name: "report.generated", payload: { kind: o.kind, periodKey: period.key, revision, scheduled: o.scheduled } },
        });
        return toRow(row!, null);
      });
    } catch (err) {
      // two at once took the same revision (the unique kind + period + revision): take the next, once or twice
      if (attempt < 2 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const toRow = (r: typeof analysisReports.$inferSelect, name: string | null): TReportRow => ({
  id: r.id,
  kind: r.kind,
  periodKey: r.periodKey,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  revision: r.revision,
  generatedAt: r.generatedAt.toISOString(),
  generatedBy: r.generatedBy,
  generatedByName: name,
  computeMs: r.computeMs,
});

export const ZListReportsArgs = z
  .object({
    kind: z.enum(REPORT_KINDS).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    /** The last row of the page before: its generatedAt (ISO) and id. */
    cursor: z.object({ generatedAt: z.iso.datetime({ offset: true }), id: z.uuid() }).nullish(),
  })
  .default({ limit: 20 });

/** Reports, newest first (generated_at desc, then id), a page at a time. */
export async function listReports(
  db: Db,
  q: z.infer<typeof ZListReportsArgs>,
): Promise<{ rows: TReportRow[]; nextCursor: { generatedAt: string; id: string } | null }> {
  const where: (SQL | undefined)[] = [q.kind ? eq(analysisReports.kind, q.kind) : undefined];
  if (q.cursor) {
    const at = new Date(q.cursor.generatedAt);
    where.push(or(lt(analysisReports.generatedAt, at), and(eq(analysisReports.generatedAt, at), lt(analysisReports.id, q.cursor.id))));
  }
  const rows = await db
    .select({
      r: {
        id: analysisReports.id,
        kind: analysisReports.kind,
        periodKey: analysisReports.periodKey,
        periodFrom: analysisReports.periodFrom,
        periodTo: analysisReports.periodTo,
        revision: analysisReports.revision,
        generatedBy: analysisReports.generatedBy,
        generatedAt: analysisReports.generatedAt,
        computeMs: analysisReports.computeMs,
      },
      name: users.displayName,
    })
    .from(analysisReports)
    .leftJoin(users, eq(users.id, analysisReports.generatedBy))
    .where(and(...where))
    .orderBy(desc(analysisReports.generatedAt), desc(analysisReports.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map(({ r, name }) => toRow({ ...r, data: null as never }, name));
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? { generatedAt: last.generatedAt, id: last.id } : null };
}

/** One report with its data; not_found when there is none. */
export async function getReport(db: Db, id: string): Promise<TStoredReport> {
  const [hit] = await db
    .select({ r: analysisReports, name: users.displayName })
    .from(analysisReports)
    .leftJoin(users, eq(users.id, analysisReports.generatedBy))
    .where(eq(analysisReports.id, id))
    .limit(1);
  if (!hit) throw new AppError("not_found");
  return { ...toRow(hit.r, hit.name), data: hit.r.data };
}
