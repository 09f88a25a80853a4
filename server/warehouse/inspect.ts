import "server-only";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, inArray } from "drizzle-orm";
import { ZodRealError } from "zod";
import type { Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, items, receiptLines, receipts, stockEvents } from "@/db/schema";
import { isWellFormedPng } from "@/domain/evidence/png";
import { inspectionLineProblem, mayInspect, type TInspectionProblem } from "@/domain/warehouse/model";
import type { TInspectInput } from "@/domain/warehouse/schemas";
import { MAX_SIGNATURE_BYTES } from "@/domain/work-orders/mutations";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { storeEvidence } from "@/server/evidence/service";
import { raiseNotice } from "@/server/notices/service";
import { nextWarehouseCode } from "./numbering";

/** A domain rule's refusal online (`rules.<code>`). */
export function ruleViolation(rule: string, details?: Record<string, unknown>): AppError {
  return new AppError("rule_violation", { rule, ...(details ?? {}) });
}

/** A field's refusal as the forms show it (bad_input with fieldErrors { field: catalogue key }), like a schema's. */
export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause: new ZodRealError([{ code: "custom", path: [field], message, input: undefined }]) });
}

/** The line problems of the domain as rule codes (a rejection without a reason reads as one without its target and why). */
const PROBLEM_RULE: Record<TInspectionProblem, string> = {
  quantity_mismatch: "quantity_mismatch",
  reject_target_required: "reject_target_required",
  reason_required: "reject_target_required",
  reject_target_unused: "reject_target_required",
};

/**
 * `warehouse.inspect`: the requesting department signs the Quality Acceptance Form (《质量认可单》) of a receipt.
 * One transaction on the locked receipt: who may (domain mayInspect: its department, never a keeper), once
 * (already_inspected), every pending tag of its lines exactly once, each line whole (inspectionLineProblem); then
 * the form (QA-YYYYMMDD-NNNN) and its lines, the signature and photos as evidence, an `inspected` stock event per
 * tag, the receipt inspected, the audit event and the notice to the keeper who received it.
 */
export async function inspectReceipt(db: Db, user: SessionUser, input: TInspectInput, now: Date = clockNow()): Promise<{ formCode: string }> {
  const signature = Buffer.from(input.signature, "base64");
  if (signature.length > MAX_SIGNATURE_BYTES) throw fieldError("signature", "validation.signatureTooLarge");
  if (!isWellFormedPng(new Uint8Array(signature))) throw fieldError("signature", "warehouse.validation.signature");
  return db.transaction(async (tx) => {
    const [receipt] = await tx.select().from(receipts).where(eq(receipts.id, input.receiptId)).for("update");
    if (!receipt) throw new AppError("not_found");
    if (!mayInspect(user, receipt)) throw ruleViolation("not_allowed");
    if (receipt.status !== "awaiting_inspection") throw ruleViolation("already_inspected", { status: receipt.status });

    const pending = await tx
      .select({ id: items.id, tag: items.tagCode, quantity: items.quantity })
      .from(items)
      .innerJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
      .where(and(eq(receiptLines.receiptId, receipt.id), eq(items.status, "pending_inspection")))
      .orderBy(asc(receiptLines.lineNo), asc(items.tagCode))
      .for("update", { of: items });
    const byId = new Map(pending.map((i) => [i.id, i]));
    const seen = new Set<string>();
    for (const line of input.lines) {
      if (!byId.has(line.itemId) || seen.has(line.itemId)) throw fieldError("lines", "warehouse.validation.lines");
      seen.add(line.itemId);
    }
    if (seen.size !== byId.size) throw fieldError("lines", "warehouse.validation.lines");

    // a target chosen for nothing rejected is no target (the form keeps none)
    const lines = input.lines.map((l) => ({ ...l, rejectTo: l.rejected > 0 ? l.rejectTo : null, item: byId.get(l.itemId)! }));
    for (const l of lines) {
      const problem = inspectionLineProblem(l, l.item.quantity);
      if (problem) throw ruleViolation(PROBLEM_RULE[problem], { itemId: l.item.id, tag: l.item.tag, quantity: l.item.quantity });
    }

    const signatureSha256 = await storeEvidence(tx, { photo: { mime: "image/png", base64: input.signature }, userId: user.id });
    const photos = new Map<string, string>();
    for (const l of lines) if (l.photo) photos.set(l.itemId, await storeEvidence(tx, { photo: l.photo, userId: user.id }));

    const formCode = await nextWarehouseCode(tx, "QA", now);
    const [form] = await tx
      .insert(acceptanceForms)
      .values({ receiptId: receipt.id, code: formCode, department: receipt.department, inspectorId: user.id, signedAt: now, signatureSha256, note: input.note })
      .returning({ id: acceptanceForms.id });
    await tx.insert(acceptanceLines).values(
      lines.map((l) => ({
        formId: form!.id,
        itemId: l.itemId,
        accepted: l.accepted,
        rejected: l.rejected,
        rejectTo: l.rejectTo,
        reason: l.reason,
        photoSha256: photos.get(l.itemId) ?? null,
      })),
    );
    await tx.insert(stockEvents).values(
      lines.map((l) => ({
        itemId: l.itemId,
        kind: "inspected" as const,
        quantity: l.accepted,
        department: receipt.department,
        ref: formCode,
        note: l.rejected > 0 ? l.reason : "",
        actorId: user.id,
        personId: user.id,
        at: now,
      })),
    );
    await tx
      .update(receipts)
      .set({ status: "inspected", version: receipt.version + 1 })
      .where(eq(receipts.id, receipt.id));
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "receipt",
      subjectId: receipt.id,
      at: now,
      event: {
        name: "receipt.inspected",
        payload: {
          code: receipt.code,
          formCode,
          signatureSha256,
          lines: lines.map((l) => ({ tag: l.item.tag, accepted: l.accepted, rejected: l.rejected, rejectTo: l.rejectTo, reason: l.reason })),
        },
      },
    });
    const sum = (k: "accepted" | "rejected") => lines.reduce((n, l) => n + l[k], 0);
    await raiseNotice(tx, {
      to: { userIds: [receipt.receivedBy] },
      kind: "warehouse.inspected",
      params: { code: receipt.code, inspector: user.displayName, accepted: sum("accepted"), rejected: sum("rejected") },
      href: `/warehouse/label#${receipt.id}`,
      key: `warehouse.inspected:${receipt.id}`,
    });
    return { formCode };
  });
}

/** The items of a receipt's lines (for the pages and the form), by line then tag. */
export function receiptItems(db: Db, lineIds: readonly string[]) {
  if (lineIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: items.id, tag: items.tagCode, quantity: items.quantity, status: items.status, zoneCode: items.zoneCode, receiptLineId: items.receiptLineId })
    .from(items)
    .where(inArray(items.receiptLineId, [...lineIds]))
    .orderBy(asc(items.tagCode));
}
