import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { MAX_PHOTO_BYTES } from "@/domain/items/mutations";
import { MAX_SIGNATURE_BYTES, type TSignature } from "@/domain/work-orders/mutations";
import { Rejection } from "@/server/sync/rejection";
import { parseOrReject } from "./access";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Parses the args of a step that carries an image (signature or photo). An image over its size limit is `too_large`
 * with the limit (the schema catches a base64 text longer than the limit allows; checkedSignature the decoded size);
 * anything else malformed is bad_input.
 */
export function parseImageArgs<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((i) => i.message);
    if (messages.includes("validation.signatureTooLarge")) throw new Rejection("too_large", { field: "signature", maxBytes: MAX_SIGNATURE_BYTES });
    if (messages.includes("validation.photoTooLarge")) throw new Rejection("too_large", { field: "photo", maxBytes: MAX_PHOTO_BYTES });
  }
  return parseOrReject(schema, value);
}

/** The signature PNG, checked: at most 256 KB decoded, a PNG by its signature bytes. Returns its SHA-256. */
export function checkedSignature(sig: TSignature): { sha256: string; bytes: number } {
  const data = Buffer.from(sig.base64, "base64");
  if (data.length > MAX_SIGNATURE_BYTES) throw new Rejection("too_large", { field: "signature", maxBytes: MAX_SIGNATURE_BYTES, bytes: data.length });
  if (data.length < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => data[i] !== b))
    throw new Rejection("bad_input", { issues: ["signature: validation.signaturePng"] });
  return { sha256: createHash("sha256").update(data).digest("hex"), bytes: data.length };
}
