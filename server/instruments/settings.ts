import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instrumentSettings, users } from "@/db/schema";
import { APPROVER_ROLES } from "@/domain/instruments/roles";
import type { TSettingsInput } from "@/domain/instruments/schemas";
import { CUSTODIAN_DEPARTMENT, mayApproveScrapping, mayEditSettings } from "@/domain/instruments/settings";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { displayNameOf, loadSettings } from "./facts";

/**
 * The custodian's department's settings (ADR 0040) with the approver's name, whether this user may change them, and
 * the leaders who may be named to approve scrapping (active department heads).
 */
export async function getSettings({ db, user }: { db: Db; user: SessionUser }) {
  const s = await loadSettings(db);
  const leaders = await db
    .select({ id: users.id, displayName: users.displayName, department: users.department })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, APPROVER_ROLES[0])))
    .orderBy(asc(users.department), asc(users.displayName));
  return { ...s, scrapApproverName: await displayNameOf(db, s.scrapApproverId), canEdit: mayEditSettings(user), leaders };
}

/** Saves the settings (compare-and-set on their version); the approver must be an active department head. */
export async function saveSettings({ db, user, input }: { db: Db; user: SessionUser; input: TSettingsInput }) {
  if (!mayEditSettings(user)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(instrumentSettings).where(eq(instrumentSettings.department, CUSTODIAN_DEPARTMENT)).for("update");
    const version = row?.version ?? 0;
    if (version !== input.version) throw new AppError("conflict", { version });
    if (input.scrapApproverId) {
      const [person] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.scrapApproverId)).for("share");
      if (!person || !mayApproveScrapping(person)) throw new AppError("bad_input", { field: "scrapApproverId" });
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
