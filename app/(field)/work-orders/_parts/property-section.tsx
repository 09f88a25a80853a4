"use client";
import { LinkedCaseFacts, MaintenanceFacts } from "@/app/_ui/work-orders/property-facts";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { showsMaintenance } from "@/domain/work-orders/property-link";

/**
 * The customer's property on the order screen, read-only (ADR 0039 §6, §9): the PBX application or works project the
 * order connects, with its inspection's standing (the lineman connects a PBX only once it passed), and on a
 * terminal-maintenance order the customer's maintenance agreement in force. Both came with the order's feed row.
 */
export function PropertySection({ view }: { view: WorkOrderView }) {
  const wo = view.workOrder;
  return (
    <>
      {wo.propertyCase && <LinkedCaseFacts linked={wo.propertyCase} />}
      {showsMaintenance(wo.kind) && <MaintenanceFacts agreement={wo.maintenance ?? null} />}
    </>
  );
}
