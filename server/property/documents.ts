import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceFiles, propertyCases, propertyDocuments } from "@/db/schema";
import { FINAL_CASE_STATUSES, isCustomerService, isOrganiser, MAX_DOCUMENT_BYTES, mayReadCases, type TDocumentMime } from "@/domain/property/model";
import type { TDocumentInput } from "@/domain/property/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { CASE_SUBJECT } from "./cases";

/**
 * Whether the bytes are what the declared type says, by their first bytes: a PDF starts `%PDF-`, a JPEG FF D8 FF, a
 * PNG its 8-byte signature, a WebP `RIFF….WEBP`. A file renamed to look like another kind is refused.
 */
export function bytesMatchMime(data: Uint8Array, mime: TDocumentMime): boolean {
  const starts = (bytes: readonly number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
  const ascii = (s: string) => Array.from(Buffer.from(s, "latin1"));
  switch (mime) {
    case "application/pdf":
      return starts(ascii("%PDF-"));
    case "image/jpeg":
      return starts([0xff, 0xd8, 0xff]);
    case "image/png":
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "image/webp":
      return starts(ascii("RIFF")) && starts(ascii("WEBP"), 8);
  }
}

/** Customer service, or the organisers of the case's kind, add documents while the case is open. */
export function mayAddDocument(user: SessionUser, c: { kind: "pbx" | "works" }): boolean {
  return isCustomerService(user) || isOrganiser(user, c.kind);
}

/**
 * `works.addDocument`: a document of a case of either kind (the written application, certificate, signed agreement,
 * design documents, the constructor's test report, a rectification report): its real size (decoded) at most 8 MB,
 * its first bytes those of the declared type, kept in the evidence store by SHA-256 and listed on the case
 * (append-only), audited `property.documentAdded`. Not on a connected or cancelled case (invalid_transition); the
 * case is not found for who may not read cases, forbidden for a reader who may not add.
 */
export async function addDocument(db: Db, user: SessionUser, input: TDocumentInput, now: Date = clockNow()): Promise<{ id: string; sha256: string }> {
  const data = Buffer.from(input.base64, "base64");
  if (data.length === 0) throw fieldError("base64", "validation.required");
  if (data.length > MAX_DOCUMENT_BYTES) throw fieldError("base64", "property.validation.documentTooLarge");
  if (!bytesMatchMime(data, input.mime)) throw fieldError("base64", "property.works.documentMismatch", `document is not ${input.mime}`);
  const sha256 = createHash("sha256").update(data).digest("hex");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(propertyCases).where(eq(propertyCases.id, input.caseId)).for("update");
    if (!c || !mayReadCases(user)) throw new AppError("not_found");
    if (!mayAddDocument(user, c)) throw new AppError("forbidden");
    if (FINAL_CASE_STATUSES.includes(c.status)) throw new AppError("invalid_transition", { status: c.status });
    await tx
      .insert(evidenceFiles)
      .values({ sha256, mime: input.mime, size: data.length, data: new Uint8Array(data), createdBy: user.id })
      .onConflictDoNothing({ target: evidenceFiles.sha256 });
    const id = randomUUID();
    await tx.insert(propertyDocuments).values({
      id,
      caseId: c.id,
      kind: input.kind,
      fileName: input.fileName,
      mime: input.mime,
      bytes: data.length,
      sha256,
      uploadedBy: user.id,
      uploadedAt: now,
    });
    // a new document changes what the case shows (the list, `documents_required`): the readers' copies refresh
    await tx.update(propertyCases).set({ updatedAt: now }).where(eq(propertyCases.id, c.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: CASE_SUBJECT,
      subjectId: c.id,
      at: now,
      event: { name: "property.documentAdded", payload: { code: c.code, kind: input.kind, fileName: input.fileName, sha256, bytes: data.length } },
    });
    return { id, sha256 };
  });
}
