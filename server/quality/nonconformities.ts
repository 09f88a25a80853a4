import "server-only";
import type { Db } from "@/db/client";
import { nonconformities } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import type { TLabelKind, TNcFinding, TNcSource } from "@/domain/quality/model";
import { appendAuditEvent } from "@/server/audit/service";
import { nextQualityCode } from "./numbering";
import { noticeNonconformityRaised } from "./notify";

export interface TRaiseNonconformity {
  source: TNcSource;
  /** The source's own reference: a check's code, a work order's code, "<exchange> <month>", an instrument tag. */
  sourceRef: string;
  finding: TNcFinding;
  labelKind: TLabelKind | null;
  department: TDepartment;
  description: string;
  tag?: string | null;
  photoSha256?: string | null;
  raisedBy: string;
  at?: Date;
}

/**
 * Raises a nonconformity (不合格项) against a department, in the caller's transaction: numbered NC-YYYY-NNNN (operator
 * year), status "open", audited (`nonconformity.raised`) and noticed to quality, who decides on it.
 */
export async function raiseNonconformity(tx: Db, n: TRaiseNonconformity): Promise<{ id: string; code: string }> {
  const at = n.at ?? new Date();
  const code = await nextQualityCode(tx, "NC", at);
  const [row] = await tx
    .insert(nonconformities)
    .values({
      code,
      source: n.source,
      sourceRef: n.sourceRef,
      finding: n.finding,
      labelKind: n.labelKind,
      department: n.department,
      description: n.description,
      tag: n.tag ?? null,
      photoSha256: n.photoSha256 ?? null,
      raisedBy: n.raisedBy,
      raisedAt: at,
      status: "open",
    })
    .returning({ id: nonconformities.id });
  const id = row!.id;
  await appendAuditEvent(tx, {
    actorId: n.raisedBy,
    subjectType: "nonconformity",
    subjectId: id,
    at,
    event: {
      name: "nonconformity.raised",
      payload: { code, source: n.source, sourceRef: n.sourceRef, finding: n.finding, department: n.department, tag: n.tag ?? null },
    },
  });
  await noticeNonconformityRaised(tx, { id, code, sourceRef: n.sourceRef });
  return { id, code };
}
