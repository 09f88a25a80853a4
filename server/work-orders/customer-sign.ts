import "server-only";
import { and, eq } from "drizzle-orm";
import { auditEvents, workOrderSignoffs } from "@/db/schema";
import { evidenceHash } from "@/domain/evidence/canonical";
import { ZCustomerSignArgs, type TCustomerSignArgs } from "@/domain/work-orders/mutations";
import { customerSignDecision } from "@/domain/work-orders/preconditions";
import { snapshotMismatch, ZCustomerSnapshot, type TSnapshotDifference } from "@/domain/work-orders/snapshot";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, type WorkOrderRow } from "./access";
import { hasSelfCheck, signedSummaryDifferences } from "./customer-turn";
import { checkedSignature, parseImageArgs } from "./images";
import { writeStatusChange } from "./status-change";

/**
 * `workOrder.customerSign` (work_done → signed): the customer's ratings, comment and signature. The server
 * recomputes the PNG's SHA-256 and the evidence hash from the snapshot as sent, the signature hash, the signer's
 * name, the session's user, the envelope's device and client time; any difference is evidence_mismatch and
 * nothing is stored. The snapshot must be this work order's, with the ratings and comment sent beside it.
 */
export async function applyCustomerSign({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseImageArgs(ZCustomerSignArgs, mutation.args);
  const signature = checkedSignature(a.signature);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);

  const field = snapshotMismatch(a.snapshot, { workOrderId: workOrder.id, code: workOrder.code, ratings: a.ratings, comment: a.comment });
  if (field) throw new Rejection("evidence_mismatch", { field });
  const recomputed = evidenceHash({
    snapshot: a.snapshot,
    signatureSha256: signature.sha256,
    signerName: a.signerName,
    userId: user.id,
    deviceId: mutation.deviceId,
    // As stored (timestamptz) and read back by the audit verifier: the phone hashes `new Date().toISOString()`.
    clientTime: new Date(mutation.clientTime).toISOString(),
  });
  if (recomputed !== a.evidenceHash) throw new Rejection("evidence_mismatch", { field: "evidenceHash" });

  const current = { status: workOrder.status, version: workOrder.version };
  // The same signature record sent again (a re-issue under a new mutation id): already there.
  const [same] = await tx
    .select({ id: workOrderSignoffs.id })
    .from(workOrderSignoffs)
    .where(and(eq(workOrderSignoffs.workOrderId, workOrder.id), eq(workOrderSignoffs.kind, "customer_signed"), eq(workOrderSignoffs.evidenceHash, recomputed)));
  if (same) return { status: "already_in_state", details: { current } };
  const decision = customerSignDecision({ status: workOrder.status, hasSelfCheck: await hasSelfCheck(tx, workOrder.id) });
  if (decision.kind === "already") return { status: "already_in_state", details: { current } };
  if (decision.kind === "reject") throw new Rejection(decision.code, { ...decision.details, current });

  // What the customer was shown is kept as signed; where it differs from the record, the change is flagged.
  const differences = await signedSummaryDifferences(tx, workOrder.id, ZCustomerSnapshot.parse(a.snapshot));
  const flag =
    differences.length > 0
      ? { code: "signed_summary_differs" as const, details: { workOrderId: workOrder.id, workOrderCode: workOrder.code, differences } }
      : undefined;
  return {
    status: "applied",
    flag,
    write: () => writeSignature({ tx, user, mutation, append, args: a, workOrder, signatureSha256: signature.sha256, evidence: recomputed, differences }),
  };
}

async function writeSignature(
  o: MutationContext & { args: TCustomerSignArgs; workOrder: WorkOrderRow; signatureSha256: string; evidence: string; differences: TSnapshotDifference[] },
) {
  const { tx, user, mutation, append, args: a, workOrder } = o;
  const at = new Date();
  const sha256 = await storeEvidence(tx, { photo: { mime: "image/png", base64: a.signature.base64 }, userId: user.id });
  if (sha256 !== o.signatureSha256) throw new Error("signature hash changed between decision and write");
  await tx.insert(workOrderSignoffs).values({
    workOrderId: workOrder.id,
    kind: "customer_signed",
    signerName: a.signerName,
    ratingAttitude: a.ratings.attitude,
    ratingOnTime: a.ratings.onTime,
    comment: a.comment,
    signatureSha256: sha256,
    strokes: a.signature.strokes,
    snapshot: a.snapshot,
    evidenceHash: o.evidence,
    actorId: user.id,
    deviceId: mutation.deviceId,
    mutationId: mutation.mutationId,
    clientTime: new Date(mutation.clientTime),
    serverTime: at,
  });
  const versionAfter = await writeStatusChange({ tx, append, workOrder, to: "signed", reason: "", actorId: user.id, mutation, at });
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "work_order",
      subjectId: workOrder.id,
      at,
      event: {
        name: "workOrder.customerSigned",
        payload: {
          code: workOrder.code,
          from: workOrder.status,
          to: "signed",
          versionAfter,
          signerName: a.signerName,
          ratingAttitude: a.ratings.attitude,
          ratingOnTime: a.ratings.onTime,
          signatureSha256: sha256,
          evidenceHash: o.evidence,
          // in the chain: the customer signed for equipment that the record tells differently
          ...(o.differences.length > 0 ? { summaryDifferences: o.differences } : {}),
          clientTime: mutation.clientTime,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
}
