import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { operatorDay } from "@/domain/time/operator";
import { hashPassword } from "@/server/auth/password";
import type { SessionUser } from "@/server/auth/session";
import { planCheck } from "@/server/quality/checks";

/**
 * The demo's people added with quality (issue 15), after the original demo logins (which stay as they are): the
 * switching and transmission office's checker of the exchange's billing accuracy.
 */
export const QUALITY_DEMO_USERS: { username: string; password: string; displayName: string; role: TRole; department: TDepartment }[] = [
  { username: "switch-demo1", password: "switch-demo1", displayName: "马超 Ma Chao", role: "operations", department: "switching_transmission" },
];

/** The zone of the demo's planned label check: the exchange room's equipment and its UPS (operations' labels). */
export const DEMO_CHECK_ZONE = "HQ-EQ";

/**
 * Quality's demo (issue 15): the people above, and one label spot-check planned for today for the demo quality user
 * on the exchange room's equipment zone, through the same code as the office's plan form.
 */
export async function seedQuality(db: Db, now = new Date()): Promise<{ checkId: string; checkCode: string }> {
  const hashed = await Promise.all(QUALITY_DEMO_USERS.map((u) => hashPassword(u.password)));
  await db
    .insert(users)
    .values(
      QUALITY_DEMO_USERS.map((u, i) => ({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        department: u.department,
        passwordHash: hashed[i]!,
      })),
    )
    .onConflictDoNothing({ target: users.username });
  const [quality] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(eq(users.username, "quality"));
  if (!quality) throw new Error("seedQuality: no user quality");
  const user: SessionUser = quality;
  const check = await planCheck(db, user, {
    target: "zone",
    zoneCode: DEMO_CHECK_ZONE,
    department: null,
    from: null,
    to: null,
    sampleSize: 10,
    plannedFor: operatorDay(now),
    assigneeId: quality.id,
    note: "机房设备标识月度抽查 / Monthly label check of the exchange room equipment",
  });
  return { checkId: check.id, checkCode: check.code };
}
