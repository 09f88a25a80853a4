import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { propertyCases, type TWorksProject } from "@/db/schema";
import { isWellFormedPng } from "@/domain/evidence/png";
import { isCustomerService, phoneDigits } from "@/domain/property/model";
import type { TWorksInput } from "@/domain/property/schemas";
import { operatorDay } from "@/domain/time/operator";
import { MAX_SIGNATURE_BYTES } from "@/domain/work-orders/mutations";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { fieldError } from "@/server/complaints/access";
import { AppError } from "@/server/errors";
import { storeEvidence } from "@/server/evidence/service";
import { CASE_SUBJECT } from "./cases";
import { nextCode } from "./counters";

/**
 * `works.record`: customer service records a customer-built works project with the agreement it signs with the
 * customer (《客户自建通信工程验收或管理维护协议》): parties, scope, period, and the customer's signature drawn on screen
 * (kept in the evidence store by SHA-256) or, without one, a scanned signed agreement uploaded afterwards as a document
 * of kind "agreement". The case starts `recorded` with its code CW-YYYY-NNNN; audited `property.worksRecorded`.
 */
export async function recordWorks(db: Db, user: SessionUser, input: TWorksInput, now: Date = clockNow()): Promise<{ id: string; code: string }> {
  if (!isCustomerService(user)) throw new AppError("forbidden");
  if (input.signature) {
    const png = Buffer.from(input.signature.base64, "base64");
    if (png.length > MAX_SIGNATURE_BYTES) throw fieldError("signature", "validation.signatureTooLarge");
    if (!isWellFormedPng(new Uint8Array(png))) throw fieldError("signature", "property.works.signatureInvalid");
  }
  return db.transaction(async (tx) => {
    const signatureSha256 = input.signature ? await storeEvidence(tx, { photo: { mime: "image/png", base64: input.signature.base64 }, userId: user.id }) : null;
    const code = await nextCode(tx, "works", now);
    const id = randomUUID();
    const details: TWorksProject = {
      projectName: input.projectName,
      constructorName: input.constructorName,
      scope: input.scope,
      agreementKind: input.agreementKind,
      parties: input.parties,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      signatureSha256,
    };
    await tx.insert(propertyCases).values({
      id,
      code,
      kind: "works",
      status: "recorded",
      customerName: input.customerName,
      customerPhone: input.customerPhone,
      customerPhoneDigits: phoneDigits(input.customerPhone),
      customerAddress: input.customerAddress,
      details,
      appliedOn: operatorDay(now),
      note: input.note,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: CASE_SUBJECT,
      subjectId: id,
      at: now,
      event: {
        name: "property.worksRecorded",
        payload: { code, customerName: input.customerName, projectName: input.projectName, agreementKind: input.agreementKind, signatureSha256 },
      },
    });
    return { id, code };
  });
}
