import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { evidenceFiles } from "@/db/schema";
import type { TPhoto } from "@/domain/items/mutations";

/** Stores an evidence file once by content; returns its SHA-256 (the reference records keep). */
export async function storeEvidence(tx: Db, opts: { photo: TPhoto; userId: string }): Promise<string> {
  const data = Buffer.from(opts.photo.base64, "base64");
  const sha256 = createHash("sha256").update(data).digest("hex");
  await tx
    .insert(evidenceFiles)
    .values({ sha256, mime: opts.photo.mime, size: data.length, data: new Uint8Array(data), createdBy: opts.userId })
    .onConflictDoNothing({ target: evidenceFiles.sha256 });
  return sha256;
}
