/**
 * A label photo taken on the scan screen, waiting for the record the scan leads to (an item's label change, an
 * equipment check, …). Kept in memory for the page's life: the scan screen and the action screen are one client
 * session (client-side navigation); a reload drops it, and the action screen lets the user take it again.
 */
import type { TPhoto } from "@/domain/items/mutations";

export interface PendingPhoto extends TPhoto {
  bytes: number;
  previewUrl: string;
  takenAt: string;
}

const pending = new Map<string, PendingPhoto>();

export function setPendingPhoto(code: string, photo: PendingPhoto): void {
  const old = pending.get(code);
  if (old && old.previewUrl !== photo.previewUrl) URL.revokeObjectURL(old.previewUrl);
  pending.set(code, photo);
}

export function peekPendingPhoto(code: string): PendingPhoto | undefined {
  return pending.get(code);
}

/** Hands the photo to the record that uses it (it is then that record's, no longer pending). */
export function takePendingPhoto(code: string): PendingPhoto | undefined {
  const p = pending.get(code);
  pending.delete(code);
  return p;
}

export function dropPendingPhoto(code: string): void {
  const p = pending.get(code);
  if (p) URL.revokeObjectURL(p.previewUrl);
  pending.delete(code);
}
