"use client";
import { WorkOrderList } from "@/app/(field)/work-orders/_parts/work-order-list";
import { CustomerModeReturn } from "@/app/(field)/work-orders/_parts/customer-mode-return";

/** The lineman's home: their work orders from the phone's own cache (the list opens with no signal). */
export function LinemanHome() {
  return (
    <>
      <CustomerModeReturn />
      <WorkOrderList />
    </>
  );
}
