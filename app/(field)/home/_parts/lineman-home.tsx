"use client";
import { WorkOrderList } from "@/app/(field)/work-orders/_parts/work-order-list";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { CustomerModeReturn } from "@/app/(field)/work-orders/_parts/customer-mode-return";

/**
 * The lineman's home: their work orders from the phone's own cache (the list opens with no signal), the first card's
 * buttons in reach without scrolling; then a customer's complaint recorded in one tap (first-asker). The button comes
 * once the list is known: under the list's first states, the first pull pushed it down (CLS 0.115, ADR 0036).
 */
export function LinemanHome() {
  return (
    <>
      <CustomerModeReturn />
      <WorkOrderList after={<RecordComplaintLink />} />
    </>
  );
}
