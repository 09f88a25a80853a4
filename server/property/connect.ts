import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, equipmentChecks, equipmentCheckWithdrawals, propertyCases } from "@/db/schema";
import { caseNextStatus } from "@/domain/property/model";
import { connectOnClose } from "@/domain/work-orders/property-link";
import { auditRow } from "@/server/audit/service";
import type { Appender } from "@/server/sync/contract";

/** The audit subject of a customer-property case (as the property routers write it). */
const CASE_SUBJECT = "property_case";

/**
 * The case a work order connects, marked connected when the order closes (ADR 0039 §6): passed → connected, with the
 * order and the time, its version bumped and `property.connected` audited with the order's code, in the closing
 * transaction (the phone's close in a sync batch, or the office's). Idempotent: a resent close, or a case another
 * order connected first, changes nothing. A PBX application is connected only when the order's lineman connected
 * the PBX (an in-force check of a PBX, connected); a works project's service opens with the order. Returns the case
 * connected now, or null.
 */
export async function connectLinkedCase(
  tx: Db,
  o: { workOrder: { id: string; code: string; propertyCaseId: string | null }; actorId: string | null; at: Date; append?: Appender },
): Promise<{ id: string; code: string } | null> {
  const caseId = o.workOrder.propertyCaseId;
  if (caseId === null) return null;
  const [c] = await tx.select().from(propertyCases).where(eq(propertyCases.id, caseId)).for("update");
  if (!c) return null;
  const pbxConnected = c.kind === "pbx" && (await connectedPbxCheck(tx, o.workOrder.id));
  if (connectOnClose({ kind: c.kind, status: c.status, pbxConnected }) !== "connect") return null;
  await tx
    .update(propertyCases)
    .set({ status: caseNextStatus("connect"), connectedOrderId: o.workOrder.id, connectedAt: o.at, updatedAt: o.at, version: c.version + 1 })
    .where(eq(propertyCases.id, c.id));
  const row = auditRow({
    actorId: o.actorId,
    subjectType: CASE_SUBJECT,
    subjectId: c.id,
    at: o.at,
    event: { name: "property.connected", payload: { code: c.code, kind: c.kind, note: "", workOrderCode: o.workOrder.code } },
  });
  if (o.append) o.append.add(auditEvents, row);
  else await tx.insert(auditEvents).values(row);
  return { id: c.id, code: c.code };
}

/** Whether the order has a check in force of a PBX the lineman connected. */
async function connectedPbxCheck(tx: Db, workOrderId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: equipmentChecks.id })
    .from(equipmentChecks)
    .leftJoin(equipmentCheckWithdrawals, eq(equipmentCheckWithdrawals.checkId, equipmentChecks.id))
    .where(
      and(
        eq(equipmentChecks.workOrderId, workOrderId),
        eq(equipmentChecks.equipmentType, "pbx"),
        eq(equipmentChecks.outcome, "connected"),
        isNull(equipmentCheckWithdrawals.checkId),
      ),
    )
    .limit(1);
  return row !== undefined;
}
