import "server-only";
import { createHash } from "node:crypto";
import { MAX_PHOTO_BYTES, type TPhoto } from "@/domain/items/mutations";
import { MAX_SIGNATURE_BYTES, type TSignature } from "@/domain/work-orders/mutations";
import { Rejection } from "@/server/sync/rejection";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A hand-over signature: a PNG by its first bytes, at most 256 KB decoded. Refused as a whole mutation otherwise. */
export function checkSignature(sig: TSignature): void {
  const data = Buffer.from(sig.base64, "base64");
  if (data.length > MAX_SIGNATURE_BYTES) throw new Rejection("too_large", { field: "signature", maxBytes: MAX_SIGNATURE_BYTES });
  if (data.length < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => data[i] !== b))
    throw new Rejection("bad_input", { issues: ["signature: validation.signaturePng"] });
}

export function checkPhoto(photo: TPhoto | undefined): void {
  if (photo && Buffer.from(photo.base64, "base64").length > MAX_PHOTO_BYTES) throw new Rejection("too_large", { field: "photo", maxBytes: MAX_PHOTO_BYTES });
}

export function sha256Of(base64: string): string {
  return createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex");
}
