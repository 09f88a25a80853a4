import "server-only";
import { eq } from "drizzle-orm";
import { auditEvents, equipmentChecks } from "@/db/schema";
import { CHECK_EQUIPMENT_SCHEMAS, type TCheckEquipmentArgs } from "@/domain/work-orders/mutations";
import { fieldWorkDecision } from "@/domain/work-orders/preconditions";
import { checkOutcomeProblem, governingVerdict } from "@/domain/work-orders/rules";
import { auditRow } from "@/server/audit/service";
import { storeEvidence } from "@/server/evidence/service";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { Rejection } from "@/server/sync/rejection";
import { lockOwnWorkOrder, type WorkOrderRow } from "./access";
import { linkedCaseOf } from "./property-link";
import { parseImageArgs } from "./images";
import { checkInstant, serverVerdict, vouchedClientVersion } from "./license-verdict";
import { decideCheckChange, writeWithdrawal } from "./withdraw-check";

/**
 * `workOrder.checkEquipment`: an append-only fact keyed by the phone's checkId (a re-send is already_in_state). The
 * server checks the label again against its registry; the governing verdict (domain/work-orders/rules.ts) decides
 * whether what the lineman did fits: failed equipment is never connected (check_failed_cannot_connect), a PBX is
 * connected only when the order is linked to a PBX application whose inspection passed (pbx_inspection_required,
 * ADR 0039 §6). When the server's newer registry gives another verdict than the phone's, the check is applied and
 * flagged `recheck_changed`.
 * v3 (today's phones) has no PBX details; v2 required the serial and the PBX details the lineman typed, judged as
 * then (pbx_details_required); v1 is accepted as before.
 */
export async function applyCheckEquipment({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  // each version by its own schema: an old outbox's v1 check (serial possibly empty) is accepted as it was
  const a: TCheckEquipmentArgs = parseImageArgs(CHECK_EQUIPMENT_SCHEMAS[schemaOf(mutation.schemaVersion)], mutation.args);
  const workOrder = await lockOwnWorkOrder(tx, user, a.workOrderId);
  const [existing] = await tx.select({ workOrderId: equipmentChecks.workOrderId }).from(equipmentChecks).where(eq(equipmentChecks.id, a.checkId));
  if (existing) {
    if (existing.workOrderId !== workOrder.id) throw new Rejection("bad_input", { issues: ["checkId: already used for another work order"] });
    return { status: "already_in_state", details: { checkId: a.checkId } };
  }
  const field = fieldWorkDecision(workOrder.status);
  if (field.kind === "reject") throw new Rejection(field.code, field.details);
  // a correction replaces a check of this order still in force, until the self-check (ADR 0021)
  const supersedes = a.supersedes ?? null;
  if (supersedes !== null) await decideCheckChange(tx, { workOrder, checkId: supersedes, change: "correct" });

  const checkedAt = checkInstant(mutation.clientTime, { notBefore: workOrder.createdAt, now: new Date() });
  const server = await serverVerdict(tx, { label: a.label, equipmentModel: a.equipmentModel, checkedAt });
  const verdicts = {
    clientResult: a.clientResult,
    clientRegistryVersion: a.clientRegistryVersion,
    serverResult: server.result,
    serverRegistryVersion: server.version,
  };
  const vouched = await vouchedClientVersion(tx, { version: a.clientRegistryVersion, result: a.clientResult }, server.version);
  const { verdict, recheckChanged } = governingVerdict({ ...verdicts, clientRegistryVersion: vouched });
  // the order's PBX application now (read only when it decides: a PBX connected without typed details)
  const pbxOnly = a.equipmentType === "pbx" && a.outcome === "connected" && !a.pbx;
  const linked = pbxOnly ? await linkedCaseOf(tx, workOrder.propertyCaseId) : null;
  const problem = checkOutcomeProblem({ equipmentType: a.equipmentType, verdict, outcome: a.outcome, pbx: a.pbx }, linked);
  if (problem) {
    const caseDetails =
      problem === "pbx_inspection_required" ? { caseId: linked?.id ?? null, caseCode: linked?.code ?? null, caseStatus: linked?.status ?? null } : {};
    throw new Rejection(problem, { checkId: a.checkId, governingVerdict: verdict, ...verdicts, ...caseDetails });
  }

  const flag = recheckChanged
    ? {
        code: "recheck_changed" as const,
        details: {
          checkId: a.checkId,
          workOrderId: workOrder.id,
          workOrderCode: workOrder.code,
          equipmentType: a.equipmentType,
          label: labelText(a),
          outcome: a.outcome,
          ...verdicts,
        },
      }
    : undefined;
  return {
    status: "applied",
    flag,
    write: async () => {
      await writeCheck({ tx, user, mutation, append, args: a, workOrder, serverResult: server.result, serverRegistryVersion: server.version, recheckChanged });
      if (supersedes !== null) await writeWithdrawal({ tx, user, mutation, append, workOrder, checkId: supersedes, supersededBy: a.checkId, reason: "" });
    },
  };
}

/** The schema a version is parsed with (an unknown version never gets here: the hub refuses it first). */
function schemaOf(version: number): keyof typeof CHECK_EQUIPMENT_SCHEMAS {
  return version === 1 ? 1 : version === 2 ? 2 : 3;
}

function labelText(a: TCheckEquipmentArgs): string | null {
  return a.label.kind === "license_old" ? a.label.licenseNo : a.label.kind === "license_mark" ? a.label.markCode : null;
}

async function writeCheck(
  o: MutationContext & {
    args: TCheckEquipmentArgs;
    workOrder: WorkOrderRow;
    serverResult: TCheckEquipmentArgs["clientResult"];
    serverRegistryVersion: string | null;
    recheckChanged: boolean;
  },
): Promise<void> {
  const { tx, user, mutation, args: a } = o;
  const at = new Date();
  const photoSha256 = a.photo ? await storeEvidence(tx, { photo: a.photo, userId: user.id }) : null;
  const label = a.label;
  // Inserted now rather than at the end of the batch: a self-check later in the same batch reads it.
  await tx.insert(equipmentChecks).values({
    id: a.checkId,
    workOrderId: o.workOrder.id,
    equipmentType: a.equipmentType,
    labelKind: label.kind,
    licenseNo: label.kind === "license_old" ? label.licenseNo : null,
    markCode: label.kind === "license_mark" ? label.markCode : null,
    scrambleCode: label.kind === "license_old" ? label.scrambleCode : null,
    labelModel: label.kind === "license_old" ? label.model : null,
    equipmentModel: a.equipmentModel,
    serial: a.serial,
    entry: a.entry,
    clientResult: a.clientResult,
    clientRegistryVersion: a.clientRegistryVersion,
    serverResult: o.serverResult,
    serverRegistryVersion: o.serverRegistryVersion,
    outcome: a.outcome,
    note: a.note,
    pbx: a.equipmentType === "pbx" ? (a.pbx ?? null) : null,
    photoSha256,
    actorId: user.id,
    deviceId: mutation.deviceId,
    mutationId: mutation.mutationId,
    clientTime: new Date(mutation.clientTime),
    serverTime: at,
  });
  o.append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "work_order",
      subjectId: o.workOrder.id,
      at,
      event: {
        name: "workOrder.equipmentChecked",
        payload: {
          code: o.workOrder.code,
          checkId: a.checkId,
          equipmentType: a.equipmentType,
          labelKind: label.kind,
          licenseNo: label.kind === "license_old" ? label.licenseNo : null,
          markCode: label.kind === "license_mark" ? label.markCode : null,
          clientResult: a.clientResult,
          clientRegistryVersion: a.clientRegistryVersion,
          serverResult: o.serverResult,
          serverRegistryVersion: o.serverRegistryVersion,
          outcome: a.outcome,
          recheckChanged: o.recheckChanged,
          photoSha256,
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
}
