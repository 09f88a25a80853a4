import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, equipmentChecks, equipmentCheckWithdrawals, workOrderSignoffs } from "@/db/schema";
import { storedChecklist } from "@/domain/work-orders/checklist";
import { ZSelfCheckArgs } from "@/domain/work-orders/mutations";
import { selfCheckDecision } from "@/domain/work-orders/preconditions";
import { governingVerdict, type TCheckForRules } from "@/domain/work-orders/rules";
import { selfCheckNeedsRecord } from "@/domain/work-orders/service-record";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder } from "./access";
import { caseLinkOf } from "./property-link";
import { checkedSignature, parseImageArgs } from "./images";
import { serviceRecordOf } from "./service-record";
import { writeStatusChange } from "./status-change";

/** The recorded equipment checks of a work order in check order, each with the verdict that governs it. */
export async function recordedChecks(tx: Db, workOrderId: string) {
  // the checks in force: a withdrawn or corrected one is left out (ADR 0021)
  const rows = await tx
    .select({ c: equipmentChecks })
    .from(equipmentChecks)
    .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
    .where(and(eq(equipmentChecks.workOrderId, workOrderId), isNull(equipmentCheckWithdrawals.checkId)))
    .orderBy(asc(equipmentChecks.id));
  return rows.map(({ c: r }) => ({ ...r, verdict: governingVerdict(r).verdict }));
}

/** What the checklist and sign-off rules read of the recorded checks. */
export async function checksForRules(tx: Db, workOrderId: string): Promise<(TCheckForRules & { id: string })[]> {
  return (await recordedChecks(tx, workOrderId)).map((r) => ({ id: r.id, equipmentType: r.equipmentType, verdict: r.verdict, outcome: r.outcome, pbx: r.pbx }));
}

/**
 * `workOrder.selfCheck` (on_site → work_done): the lineman's checklist and signature, the self-check mark of the
 * traceability procedure. Needs every equipment check resolved (a connected PBX: the order's linked PBX application
 * passed its inspection), the works accepted when the order opens a works project's service (works_not_accepted,
 * ADR 0039 §6) and every manual item ticked; the derived items are computed here from the server's records (the
 * linked case as it stands now) and stored with the ticked ones. v2 (today's phones): a terminal-maintenance order
 * needs its service record on file; v1 (an older outbox) keeps its record tick.
 */
export async function applySelfCheck({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const a = parseImageArgs(ZSelfCheckArgs, mutation.args);
  const signature = checkedSignature(a.signature);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);
  const checks = await checksForRules(tx, workOrder.id);
  const linkedCase = await caseLinkOf(tx, workOrder.propertyCaseId);
  const schemaVersion = mutation.schemaVersion;
  const hasServiceRecord = selfCheckNeedsRecord(workOrder.kind, schemaVersion) ? (await serviceRecordOf(tx, workOrder.id)) !== null : false;
  const decision = selfCheckDecision({
    status: workOrder.status,
    kind: workOrder.kind,
    ticked: a.checklist,
    checks,
    linkedCase,
    schemaVersion,
    hasServiceRecord,
  });
  const current = { status: workOrder.status, version: workOrder.version };
  if (decision.kind === "already") return { status: "already_in_state", details: { current } };
  if (decision.kind === "reject") throw new Rejection(decision.code, { ...decision.details, current });

  const checklist = storedChecklist(workOrder.kind, a.checklist, checks, linkedCase, schemaVersion);
  return {
    status: "applied",
    write: async () => {
      const at = new Date();
      const sha256 = await storeEvidence(tx, { photo: { mime: "image/png", base64: a.signature.base64 }, userId: user.id });
      if (sha256 !== signature.sha256) throw new Error("signature hash changed between decision and write");
      // Inserted now: a customer's signature later in the same batch looks for it.
      await tx.insert(workOrderSignoffs).values({
        workOrderId: workOrder.id,
        kind: "self_check",
        signerName: user.displayName,
        checklist,
        signatureSha256: sha256,
        strokes: a.signature.strokes,
        actorId: user.id,
        deviceId: mutation.deviceId,
        mutationId: mutation.mutationId,
        clientTime: new Date(mutation.clientTime),
        serverTime: at,
      });
      const versionAfter = await writeStatusChange({ tx, append, workOrder, to: "work_done", reason: "", actorId: user.id, mutation, at });
      append.add(
        auditEvents,
        auditRow({
          actorId: user.id,
          subjectType: "work_order",
          subjectId: workOrder.id,
          at,
          event: {
            name: "workOrder.selfChecked",
            payload: {
              code: workOrder.code,
              from: workOrder.status,
              to: "work_done",
              versionAfter,
              checklist,
              signatureSha256: sha256,
              mutationId: mutation.mutationId,
              deviceId: mutation.deviceId,
            },
          },
        }),
      );
    },
  };
}
