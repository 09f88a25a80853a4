"use client";
import { WorkOrderList } from "@/app/(field)/work-orders/_parts/work-order-list";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { CustomerModeReturn } from "@/app/(field)/work-orders/_parts/customer-mode-return";

/** The lineman's home: a customer's complaint recorded in one tap (first-asker), then their work orders from the phone's own cache (the list opens with no signal). */
export function LinemanHome() {
  return (
    <>
      <CustomerModeReturn />
      <RecordComplaintLink />
      <WorkOrderList />
    </>
  );
}
