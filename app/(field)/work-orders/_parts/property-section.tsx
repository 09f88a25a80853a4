"use client";
import { LinkedCaseFacts, MaintenanceFacts } from "@/app/_ui/work-orders/property-facts";
import { RecordMaintenanceLink } from "@/app/_ui/work-orders/record-maintenance-link";
import { useViewer } from "@/app/_ui/viewer";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { offersMaintenanceAgreement, showsMaintenance } from "@/domain/work-orders/property-link";

/**
 * The customer's property on the order screen, read-only (ADR 0039 §6, §9): the PBX application or works project the
 * order connects, with its inspection's standing (the lineman connects a PBX only once it passed), and on a
 * terminal-maintenance order the customer's maintenance agreement in force. Both came with the order's feed row.
 * With no agreement in force, the lineman (who offers the service at the site) is led to the agreement form
 * (《设备代维协议》), started with this customer.
 */
export function PropertySection({ view }: { view: WorkOrderView }) {
  const viewer = useViewer();
  const wo = view.workOrder;
  const agreement = wo.maintenance ?? null;
  return (
    <>
      {wo.propertyCase && <LinkedCaseFacts linked={wo.propertyCase} />}
      {showsMaintenance(wo.kind) && <MaintenanceFacts agreement={agreement} />}
      {offersMaintenanceAgreement({ kind: wo.kind, agreement, actor: viewer }) && <RecordMaintenanceLink order={wo} />}
    </>
  );
}
