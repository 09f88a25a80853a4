/**
 * A license label read on the general scan screen, handed to the work order the lineman picks there: the order
 * screen opens its equipment check with this label already read (and its photo, if one was taken). In memory for
 * the page's life, like client/photo/pending.ts: the two screens are one client session.
 */
import type { PendingPhoto } from "@/client/photo/pending";
import type { TCheckLabel } from "./license-check";

let pending: { workOrderId: string; label: TCheckLabel; photo: PendingPhoto | null } | null = null;

export function handCheckToWorkOrder(workOrderId: string, label: TCheckLabel, photo: PendingPhoto | null): void {
  pending = { workOrderId, label, photo };
}

/** The label waiting for this work order, taken (a second visit starts a fresh check). */
export function takeCheckFor(workOrderId: string): { label: TCheckLabel; photo: PendingPhoto | null } | null {
  if (!pending || pending.workOrderId !== workOrderId) return null;
  const p = pending;
  pending = null;
  return { label: p.label, photo: p.photo };
}

const SCAN_ON_OPEN = "tm-scan-on-open";

/**
 * The lineman opened the order from its card's scan button: the order screen opens with the camera on. Kept in
 * sessionStorage, not memory: with no signal the link may load the order screen afresh.
 */
export function openWithCamera(workOrderId: string): void {
  try {
    sessionStorage.setItem(SCAN_ON_OPEN, workOrderId);
  } catch {
    // storage unavailable: the order opens without the camera
  }
}

/** Whether this order was opened to scan (taken: a second visit opens without the camera). */
export function takeOpenWithCamera(workOrderId: string): boolean {
  try {
    if (sessionStorage.getItem(SCAN_ON_OPEN) !== workOrderId) return false;
    sessionStorage.removeItem(SCAN_ON_OPEN);
    return true;
  } catch {
    return false;
  }
}
