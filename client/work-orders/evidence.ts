/**
 * The evidence of a customer's signature, made at capture (DESIGN.md §5): the snapshot of what the customer was
 * shown (domain/work-orders/snapshot.ts), the SHA-256 of the signature PNG, the signer, the lineman, the device and
 * the client time, hashed over canonical JSON (domain/evidence/canonical.ts). The same clientTime goes on the outbox
 * record, so the server recomputes the same hash.
 */
import { base64ToBytes, evidenceHash, sha256Hex } from "@/domain/evidence/canonical";
import { buildCustomerSnapshot, type TCustomerSnapshot } from "@/domain/work-orders/snapshot";
import type { WorkOrderView } from "./read-model";

export interface TCustomerEvidence {
  snapshot: TCustomerSnapshot;
  signatureSha256: string;
  evidenceHash: string;
  clientTime: string;
}

/** The snapshot the customer sees and signs (also shown on the customer screen, so both are the same data). */
export function customerSnapshot(
  view: WorkOrderView,
  o: { linemanName: string; ratings: { attitude: number; onTime: number }; comment: string; at: string },
): TCustomerSnapshot {
  return buildCustomerSnapshot({
    workOrder: view.workOrder,
    checks: view.checks.map((c) => ({
      id: c.id,
      equipmentType: c.equipmentType,
      licenseNo: c.licenseNo,
      markCode: c.markCode,
      labelModel: c.labelModel,
      equipmentModel: c.equipmentModel,
      serial: c.serial,
      verdict: c.verdict,
      outcome: c.outcome,
    })),
    linemanName: o.linemanName,
    ratings: o.ratings,
    comment: o.comment,
    at: o.at,
  });
}

export function customerEvidence(o: {
  view: WorkOrderView;
  linemanName: string;
  ratings: { attitude: number; onTime: number };
  comment: string;
  signerName: string;
  signaturePngBase64: string;
  userId: string;
  deviceId: string;
  clientTime: string;
}): TCustomerEvidence {
  const snapshot = customerSnapshot(o.view, { linemanName: o.linemanName, ratings: o.ratings, comment: o.comment, at: o.clientTime });
  const signatureSha256 = sha256Hex(base64ToBytes(o.signaturePngBase64));
  const hash = evidenceHash({ snapshot, signatureSha256, signerName: o.signerName, userId: o.userId, deviceId: o.deviceId, clientTime: o.clientTime });
  return { snapshot, signatureSha256, evidenceHash: hash, clientTime: o.clientTime };
}
