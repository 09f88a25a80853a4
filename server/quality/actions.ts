import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { correctiveActions, correctiveActionSteps, nonconformities } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { canonicalJson, sha256Hex } from "@/domain/evidence/canonical";
import type { TCauseCategory, TCaStep } from "@/domain/quality/model";
import { appendAuditEvent } from "@/server/audit/service";
import { now as clockNow } from "@/server/clock";
import { noticeActionSent } from "./actions-notify";
import { nextQualityCode } from "./numbering";

/**
 * Writes one signed step of a record: the step row (content and the SHA-256 of its canonical JSON, the signer's name
 * as it is now) and the audit event `correctiveAction.step`, in the caller's transaction. Returns the content hash.
 */
export async function signStep(
  tx: Db,
  s: {
    action: { id: string; code: string; ncCode: string; round: number };
    step: TCaStep;
    by: { id: string; displayName: string };
    at: Date;
    content: Record<string, unknown>;
    causeCategory?: TCauseCategory | null;
  },
): Promise<string> {
  const contentSha256 = sha256Hex(canonicalJson(s.content));
  await tx.insert(correctiveActionSteps).values({
    actionId: s.action.id,
    round: s.action.round,
    step: s.step,
    byUserId: s.by.id,
    byName: s.by.displayName,
    at: s.at,
    content: s.content,
    contentSha256,
  });
  await appendAuditEvent(tx, {
    actorId: s.by.id,
    subjectType: "corrective_action",
    subjectId: s.action.id,
    at: s.at,
    event: {
      name: "correctiveAction.step",
      payload: {
        code: s.action.code,
        ncCode: s.action.ncCode,
        round: s.action.round,
        step: s.step,
        byName: s.by.displayName,
        contentSha256,
        causeCategory: s.causeCategory ?? null,
      },
    },
  });
  return contentSha256;
}

/**
 * Quality sends the Corrective/Preventive Action Record (《纠正预防措施记录表》) for a nonconformity to its department:
 * the record (CA-2026-0001, status `sent`, round 1), the signed `sent` step (what is wrong and by when), the audit
 * event, the nonconformity's link to it, and a notice to the department's heads. In the caller's transaction (the
 * caller locks the nonconformity and sets its status).
 */
export async function openCorrectiveAction(
  tx: Db,
  o: {
    nc: { id: string; code: string; department: TDepartment };
    description: string;
    requiredBy: string;
    sentBy: { id: string; displayName: string };
    at?: Date;
  },
): Promise<{ id: string; code: string }> {
  const at = o.at ?? clockNow();
  const code = await nextQualityCode(tx, "CA", at);
  const [row] = await tx
    .insert(correctiveActions)
    .values({
      code,
      nonconformityId: o.nc.id,
      department: o.nc.department,
      description: o.description,
      requiredBy: o.requiredBy,
      status: "sent",
      round: 1,
      sentBy: o.sentBy.id,
      sentAt: at,
    })
    .returning({ id: correctiveActions.id });
  const id = row!.id;
  // the link only: the caller owns the nonconformity's status and version
  await tx.update(nonconformities).set({ actionId: id }).where(eq(nonconformities.id, o.nc.id));
  await signStep(tx, {
    action: { id, code, ncCode: o.nc.code, round: 1 },
    step: "sent",
    by: o.sentBy,
    at,
    content: { ncCode: o.nc.code, department: o.nc.department, description: o.description, requiredBy: o.requiredBy },
  });
  await noticeActionSent(tx, { id, code, ncCode: o.nc.code, department: o.nc.department, due: o.requiredBy, round: 1 });
  return { id, code };
}
