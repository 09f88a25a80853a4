import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { billingChecks, exchanges, users } from "@/db/schema";
import { monthOf } from "@/domain/quality/model";
import { addDays } from "@/domain/time/calendar";
import { middayOfOperatorDay, operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { openMonthForAll, recordBilling } from "@/server/quality/billing";

/** The exchanges whose billing accuracy the switching and transmission office checks monthly (P4). */
export const DEMO_EXCHANGES = [
  { code: "EX-01", nameZh: "城区交换局", nameEn: "City exchange" },
  { code: "EX-02", nameZh: "开发区交换局", nameEn: "Industrial zone exchange" },
] as const;

/** The PCM channel analyser of the instruments' demo: a valid permit-to-use for the next months (calibrated 500 days ago). */
export const DEMO_BILLING_INSTRUMENT = "IN-000307";

/** The months before today's recorded in the demo (the trend has points), each exchange's test calls all billed right. */
const HISTORY: { monthsAgo: number; calls: [number, number] }[] = [
  { monthsAgo: 3, calls: [1000, 800] },
  { monthsAgo: 2, calls: [1200, 800] },
  { monthsAgo: 1, calls: [1000, 1000] },
];

/** The "YYYY-MM" `n` months before the one `day` falls in. */
function monthsBefore(day: string, n: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}

/**
 * The billing check's demo (issue 15): the two exchanges, three past months recorded by switch-demo1 with the PCM
 * analyser (all passed), and this month open as the job on the 1st would have opened it. Through the same code as the
 * job and the record form (audited, noticed). Needs seedQuality's switch-demo1 and the instruments' demo.
 */
export async function seedQualityBilling(db: Db, now = new Date()): Promise<void> {
  await db
    .insert(exchanges)
    .values([...DEMO_EXCHANGES])
    .onConflictDoNothing({ target: exchanges.code });
  const [recorder] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(eq(users.username, "switch-demo1"));
  if (!recorder) throw new Error("seedQualityBilling: no user switch-demo1");
  const user: SessionUser = recorder;
  const today = operatorDay(now);
  for (const h of HISTORY) {
    const month = monthsBefore(today, h.monthsAgo);
    // opened on the 1st at 08:00, recorded on the 20th at noon (operator time)
    const first = `${month}-01`;
    await openMonthForAll(db, month, null, new Date(middayOfOperatorDay(first).getTime() - 4 * 3_600_000));
    const rows = await db.select().from(billingChecks).where(eq(billingChecks.month, month));
    for (const row of rows) {
      if (row.status !== "open") continue;
      const calls = h.calls[DEMO_EXCHANGES.findIndex((e) => e.code === row.exchangeCode)] ?? 1000;
      await recordBilling(
        db,
        user,
        {
          checkId: row.id,
          version: row.version,
          callsPlaced: calls,
          billedCorrectly: calls,
          instrumentTag: DEMO_BILLING_INSTRUMENT,
          note: "拨测全部计费正确 / every test call billed right",
          attachments: [],
        },
        middayOfOperatorDay(addDays(first, 19)),
      );
    }
  }
  await openMonthForAll(db, monthOf(today), null, now);
}
