import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, evidenceFiles, serviceLimitPolicies } from "@/db/schema";
import { tierOf, type TLimit } from "@/domain/complaints/deadlines";
import { requestTypeOf } from "@/domain/complaints/model";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { getComplaintDetail, type TComplaintDetail } from "./detail";

export interface TComplaintPrint {
  c: TComplaintDetail;
  /** Department code → [中文, English] (the responsible one and those concerned). */
  departmentNames: Record<string, [string, string]>;
  /** The limit the deadline was computed from (the form's policy version and tier). */
  limit: TLimit | null;
  signature: { mime: string; data: Uint8Array } | null;
  generatedAt: Date;
}

/**
 * What the printouts of one form need, for a reader the `get` procedure allows (the desk's readers, the department,
 * the recorder), else null: the form with its timeline and escalations, the departments' names, its time limit and
 * the customer's signature.
 */
export async function loadComplaintPrint(db: Db, user: SessionUser, id: string, now = new Date()): Promise<TComplaintPrint | null> {
  let c: TComplaintDetail;
  try {
    c = await getComplaintDetail({ db, user, id, now });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
  const [depts, [policy], signature] = await Promise.all([
    db.select({ code: departments.code, zh: departments.nameZh, en: departments.nameEn }).from(departments),
    db.select({ limits: serviceLimitPolicies.limits }).from(serviceLimitPolicies).where(eq(serviceLimitPolicies.version, c.policyVersion)),
    c.signatureSha256
      ? db
          .select({ mime: evidenceFiles.mime, data: evidenceFiles.data })
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.sha256, [c.signatureSha256]))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
  ]);
  let limit: TLimit | null;
  try {
    limit = policy?.limits[tierOf(c.keyCustomerId !== null)][requestTypeOf(c.kind, c.serviceType)] ?? null;
  } catch {
    // a service request without its type (never written so): no limit to print
    limit = null;
  }
  return {
    c,
    departmentNames: Object.fromEntries(depts.map((d) => [d.code, [d.zh, d.en]])),
    limit,
    signature,
    generatedAt: now,
  };
}
