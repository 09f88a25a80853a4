import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instrumentSettings, users } from "@/db/schema";
import { isApprover, SCRAP_APPROVER_ROLES } from "@/domain/instruments/roles";
import type { TSettingsInput } from "@/domain/instruments/schemas";
import { checkScrapApprover, CUSTODIAN_DEPARTMENT, mayEditSettings } from "@/domain/instruments/settings";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { assertRule, loadSettings } from "./facts";

/**
 * The custodian's department's settings (ADR 0040) with the approver's name and role, whether this user may change
 * them, and the leaders who may be named to approve scrapping: the active general manager first, then the active
 * department heads by department.
 */
export async function getSettings({ db, user }: { db: Db; user: SessionUser }) {
  const s = await loadSettings(db);
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, department: users.department, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...SCRAP_APPROVER_ROLES])))
    .orderBy(asc(users.department), asc(users.displayName));
  const leaders = rows.sort((a, b) => Number(isApprover(a.role)) - Number(isApprover(b.role)));
  const [named] = s.scrapApproverId
    ? await db
        .select({ id: users.id, displayName: users.displayName, department: users.department, role: users.role, active: users.active })
        .from(users)
        .where(eq(users.id, s.scrapApproverId))
    : [];
  return { ...s, scrapApproverName: named?.displayName ?? null, scrapApprover: named ?? null, canEdit: mayEditSettings(user), leaders };
}

/**
 * Saves the settings (compare-and-set on their version); the approver named must be an active department head or the
 * general manager (`checkScrapApprover`), read under a share lock so a concurrent disabling waits.
 */
export async function saveSettings({ db, user, input }: { db: Db; user: SessionUser; input: TSettingsInput }) {
  if (!mayEditSettings(user)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(instrumentSettings).where(eq(instrumentSettings.department, CUSTODIAN_DEPARTMENT)).for("update");
    const version = row?.version ?? 0;
    if (version !== input.version) throw new AppError("conflict", { version });
    if (input.scrapApproverId) {
      const [person] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.scrapApproverId)).for("share");
      assertRule(checkScrapApprover(person ?? null));
    }
    const now = new Date();
    const values = { longLoanMonths: input.longLoanMonths, scrapApproverId: input.scrapApproverId, version: version + 1, updatedBy: user.id, updatedAt: now };
    await tx
      .insert(instrumentSettings)
      .values({ department: CUSTODIAN_DEPARTMENT, ...values })
      .onConflictDoUpdate({ target: instrumentSettings.department, set: values });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "instrument_settings",
      subjectId: CUSTODIAN_DEPARTMENT,
      at: now,
      event: {
        name: "instrument.settingsChanged",
        payload: { department: CUSTODIAN_DEPARTMENT, longLoanMonths: input.longLoanMonths, scrapApproverId: input.scrapApproverId },
      },
    });
    return loadSettings(tx);
  });
}
