/**
 * Who may see an evidence file (photos, signatures): the office roles that answer for records see every file;
 * everyone else sees the files of records they may see (a lineman: their own work orders; item handlers: item
 * label photos, which every item handler's timeline shows) and the files they uploaded themselves.
 */
import { z } from "zod";
import type { TRole } from "@/domain/auth/roles";
import { DESK_READER_ROLES } from "@/domain/work-orders/desk";

/** The roles that read every work order at the desk see every file; nobody else does (one rule for both). */
export const EVIDENCE_ALL_ROLES: readonly TRole[] = DESK_READER_ROLES;

export function seesAllEvidence(role: TRole): boolean {
  return EVIDENCE_ALL_ROLES.includes(role);
}

/** Only these are ever served (the phone sends JPEG photos and PNG signatures; WebP is accepted on input). */
export const SERVABLE_IMAGE_MIMES = ["image/jpeg", "image/png", "image/webp"] as const;

export function isServableImage(mime: string): boolean {
  return (SERVABLE_IMAGE_MIMES as readonly string[]).includes(mime);
}

/** An evidence file's name: its SHA-256, lower-case hex. */
export const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);
