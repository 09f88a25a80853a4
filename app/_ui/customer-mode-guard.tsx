"use client";
import { useEffect } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { useSync } from "@/client/sync/provider";
import { customerModeOf } from "@/client/work-orders/customer-mode";

/**
 * On every signed-in screen of a lineman: while the phone is in customer mode (recorded on the phone, so with no
 * signal too), no other screen is shown: back to the customer's screen of that work order.
 */
export function CustomerModeGuard() {
  const { id, role } = useViewer();
  const { store } = useSync();
  useEffect(() => {
    if (role !== "lineman" || !store) return;
    void customerModeOf(store, id).then((s) => {
      if (s) window.location.replace(`/customer#${encodeURIComponent(s.workOrderId)}`);
    });
  }, [id, role, store]);
  return null;
}
