import "server-only";
import { and, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { nonconformities } from "@/db/schema";
import { pareto } from "@/domain/quality/model";
import { addDays } from "@/domain/time/calendar";
import { startOfOperatorDay } from "@/domain/time/operator";

/**
 * The Pareto of nonconformities raised in [from, to] (operator days, either open-ended): by finding, by department,
 * and by cause category (those whose record's analysis gave one).
 */
export async function qualityPareto(db: Db, input: { from?: string | null; to?: string | null }) {
  const rows = await db
    .select({ finding: nonconformities.finding, department: nonconformities.department, cause: nonconformities.causeCategory })
    .from(nonconformities)
    .where(
      and(
        input.from ? gte(nonconformities.raisedAt, startOfOperatorDay(input.from)) : undefined,
        input.to ? lt(nonconformities.raisedAt, startOfOperatorDay(addDays(input.to, 1))) : undefined,
      ),
    );
  return {
    total: rows.length,
    byFinding: pareto(rows.map((r) => r.finding)),
    byDepartment: pareto(rows.map((r) => r.department)),
    byCause: pareto(rows.flatMap((r) => (r.cause ? [r.cause] : []))),
  };
}
