import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { propertyCases, propertyDocuments } from "@/db/schema";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { caseStepDecision, isCustomerService, mayReadCases, type TActor, type TCaseState, type TCaseStep, type TDocumentKind } from "@/domain/property/model";
import type { TAuditEvent } from "@/domain/audit/events";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { assertVersion, ruleViolation } from "@/server/complaints/access";
import { AppError } from "@/server/errors";

export { assertVersion, ruleViolation };

/**
 * Who may call the case procedures at all (the domain decides inside, by department: mayReadCases, isOrganiser,
 * isCustomerService). Readers are found in every role (a department's people of any role read its cases).
 */
export const CASE_READER_ROLES: readonly TRole[] = ROLES;
/** Organisers: customer service (PBX) or Technology Development's people but linemen (works). */
export const CASE_ORGANISER_ROLES: readonly TRole[] = ROLES.filter((r) => r !== "lineman");
/** Customer service: its clerks and its head. */
export const CUSTOMER_SERVICE_ROLES: readonly TRole[] = ["customer_service", "department_head"];
/** The work-order desk (H-wo's picker of the case a work order connects). */
export const CASE_LINK_ROLES: readonly TRole[] = ["customer_service", "admin", "quality", "operations"];

export type CaseRow = typeof propertyCases.$inferSelect;

/** The session user as the domain's actor. */
export const actorOf = (user: SessionUser): TActor => ({ id: user.id, role: user.role, department: user.department });

/** The subject of a case's audit events. */
export const CASE_SUBJECT = "property_case";

/** Refuses a user who may not read cases at all. */
export function assertReadsCases(user: SessionUser): void {
  if (!mayReadCases(actorOf(user))) throw new AppError("forbidden");
}

/** Refuses a user who is not customer service (records applications and agreements, opens the service). */
export function assertCustomerService(user: SessionUser): void {
  if (!isCustomerService(actorOf(user))) throw new AppError("forbidden");
}

/** A case by id, not locked (not_found when absent). */
export async function loadCase(tx: Db, id: string): Promise<CaseRow> {
  const [row] = await tx.select().from(propertyCases).where(eq(propertyCases.id, id));
  if (!row) throw new AppError("not_found");
  return row;
}

/** Locks a case for the rest of the transaction before its state is checked (not_found when absent). */
export async function lockCase(tx: Db, id: string): Promise<CaseRow> {
  const [row] = await tx.select().from(propertyCases).where(eq(propertyCases.id, id)).for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** The kinds of documents on file for a case. */
export async function documentKindsOf(tx: Db, caseId: string): Promise<TDocumentKind[]> {
  const rows = await tx
    .select({ kind: propertyDocuments.kind })
    .from(propertyDocuments)
    .where(eq(propertyDocuments.caseId, caseId))
    .orderBy(asc(propertyDocuments.uploadedAt));
  return [...new Set(rows.map((r) => r.kind))];
}

/** The domain's view of a case's state (status, kind, documents on file). */
export async function caseState(tx: Db, c: Pick<CaseRow, "id" | "kind" | "status">): Promise<TCaseState> {
  return { kind: c.kind, status: c.status, documents: await documentKindsOf(tx, c.id) };
}

/**
 * The common start of an office step on a case, in the caller's transaction: the case locked, the reader check
 * (not_found otherwise: no hint it exists), the version compared (conflict with the current state), the domain's
 * decision for the step (forbidden / invalid_transition / documents_required as rule_violation). Returns the row.
 */
export async function beginCaseStep(tx: Db, user: SessionUser, step: TCaseStep, input: { caseId: string; version: number }): Promise<CaseRow> {
  const c = await lockCase(tx, input.caseId);
  const actor = actorOf(user);
  if (!mayReadCases(actor)) throw new AppError("not_found");
  assertVersion(c, input.version);
  const decision = caseStepDecision(step, await caseState(tx, c), actor);
  if (!decision.ok) {
    if (decision.code === "not_allowed") throw new AppError("forbidden", { status: c.status });
    if (decision.code === "invalid_transition") throw new AppError("invalid_transition", { status: c.status });
    throw ruleViolation(decision.code, { status: c.status });
  }
  return c;
}

/** The case's audit event (subject property_case). */
export async function auditCase(tx: Db, o: { actorId: string | null; caseId: string; at: Date; event: TAuditEvent }): Promise<void> {
  await appendAuditEvent(tx, { actorId: o.actorId, subjectType: CASE_SUBJECT, subjectId: o.caseId, at: o.at, event: o.event });
}
