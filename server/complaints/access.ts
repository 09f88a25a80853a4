import "server-only";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { ZodRealError } from "zod";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { canReadDesk, isDeskRole, isQuality } from "@/domain/complaints/model";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";

/** Who reads the desk, the register and the policy (domain canReadDesk). */
export const DESK_READER_ROLES: readonly TRole[] = ROLES.filter((role) => canReadDesk({ role }));
/** Who may call a step at all; the step itself decides by the record (canHandle, canEscalate, canReview). */
export const STEP_ROLES: readonly TRole[] = ROLES.filter((role) => role !== "lineman" && role !== "warehouse_keeper");
export const CLASSIFY_ROLES: readonly TRole[] = ROLES.filter((role) => isDeskRole({ role }));
export const REVIEW_ROLES: readonly TRole[] = ["quality", "general_manager"];
export const POLICY_ROLES: readonly TRole[] = ["quality", "admin"];
export const KEY_CUSTOMER_ROLES: readonly TRole[] = ["customer_service", "admin", "quality"];

export type ComplaintRow = typeof complaints.$inferSelect;

/** Reads every record: customer service, quality, the general manager, admins. */
export function readsEveryRecord(user: Pick<SessionUser, "role">): boolean {
  return isDeskRole(user) || isQuality(user) || user.role === "general_manager";
}

/** Field staff record forms as first askers and hand them on: they read only what they recorded, not their department's. */
const OWN_RECORDS_ONLY: readonly TRole[] = ["lineman", "warehouse_keeper"];

/**
 * May this user read this record: the desk's readers (the general manager too) all of them, the person who recorded
 * it their own, and anyone else but field staff their department's and those it concerns. Callers answer not_found
 * otherwise (no hint that it exists).
 */
export function mayRead(user: SessionUser, c: Pick<ComplaintRow, "department" | "recordedBy" | "departmentsConcerned">): boolean {
  if (readsEveryRecord(user)) return true;
  if (c.recordedBy === user.id) return true;
  if (OWN_RECORDS_ONLY.includes(user.role)) return false;
  if (c.department !== null && c.department === user.department) return true;
  return c.departmentsConcerned.includes(user.department);
}

/** Locks a record for the rest of the transaction before its state is checked. */
export async function lockComplaint(tx: Db, id: string): Promise<ComplaintRow> {
  const [row] = await tx.select().from(complaints).where(eq(complaints.id, id)).for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** Compare-and-set: the person acted on what they saw; anything changed since is a conflict (with the current state). */
export function assertVersion(row: { version: number; status: string }, seen: number): void {
  if (row.version !== seen) throw new AppError("conflict", { status: row.status, version: row.version });
}

/** A domain rule's refusal online (`rules.<code>`). */
export function ruleViolation(rule: string, details?: Record<string, unknown>): AppError {
  return new AppError("rule_violation", { rule, ...(details ?? {}) });
}

/**
 * A field's refusal as the forms show it, like a schema's (bad_input with fieldErrors { field: catalogue key }). A
 * ZodRealError: zod 4's plain ZodError is not an Error, and tRPC would drop it as an unknown cause.
 */
export function fieldError(field: string, message: string, log = message): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: log, cause: new ZodRealError([{ code: "custom", path: [field], message, input: undefined }]) });
}
