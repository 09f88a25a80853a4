import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, itemLabelEvents, items, materials, receiptLines, receipts, stockEvents, zones } from "@/db/schema";
import { mayReceive } from "@/domain/warehouse/model";
import { ZRecordReceiptArgs, type TRecordReceiptArgs } from "@/domain/warehouse/schemas";
import { auditRow } from "@/server/audit/service";
import { now as serverNow } from "@/server/clock";
import { receivedAtOf } from "@/server/complaints/record";
import type { Decision, MutationContext } from "@/server/sync/contract";
import { badInput, Rejection } from "@/server/sync/rejection";
import { noticeInspectionRequested } from "./notify";
import { nextWarehouseCode } from "./numbering";
import { assertNewTags } from "./tags-check";

/** The advisory lock space of warehouse records by the phone's id (receipts, counts); complaints' records are 727_277. */
export const WAREHOUSE_RECORD_LOCK = 727_278;

/** Serialises two deliveries of the same phone-made id (the same record from two phones, or re-issued in flight). */
export async function lockRecordId(tx: Db, id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${WAREHOUSE_RECORD_LOCK}, hashtext(${id}))`);
}

/** An item's name as the demo and the catalogue give it: both languages. */
export const materialName = (m: { nameZh: string; nameEn: string }) => `${m.nameZh} / ${m.nameEn}`;

type TMaterial = typeof materials.$inferSelect;

/**
 * `receipt.record` v1: the keeper receives a delivery on the phone, maybe offline (ADR 0035). The id is the phone's: a
 * resend records once. The server checks the inspection zone, the catalogue (each material known and active, and
 * serialised as the catalogue says), and every new tag (from a lease, on no item); numbers the receipt by the day of
 * receipt; puts every tag 待检 in the inspection zone; and tells the requesting department to inspect.
 */
export async function applyRecordReceipt({ tx, user, mutation, append }: MutationContext): Promise<Decision> {
  const parsed = ZRecordReceiptArgs.safeParse(mutation.args);
  if (!parsed.success) throw badInput(parsed.error.issues);
  const a = parsed.data;
  if (!mayReceive(user.role)) throw new Rejection("not_allowed");
  await lockRecordId(tx, a.id);
  const [existing] = await tx
    .select({ code: receipts.code, status: receipts.status, version: receipts.version, receivedBy: receipts.receivedBy })
    .from(receipts)
    .where(eq(receipts.id, a.id));
  if (existing) {
    if (existing.receivedBy !== user.id) throw new Rejection("not_allowed");
    return { status: "already_in_state", details: { current: { code: existing.code, status: existing.status, version: existing.version } } };
  }
  const [zone] = await tx.select({ kind: zones.kind }).from(zones).where(eq(zones.code, a.inspectionZone));
  if (!zone) throw new Rejection("unknown_zone", { zoneCode: a.inspectionZone });
  // no closer code exists for "not an inspection zone": the goods cannot go there in their state (待检)
  if (zone.kind !== "inspection") throw new Rejection("invalid_transition", { zoneCode: a.inspectionZone, zoneKind: zone.kind, zoneFor: "pending_inspection" });

  const codes = [...new Set(a.lines.map((l) => l.materialCode))];
  const catalogue = await tx.select().from(materials).where(inArray(materials.code, codes));
  const byCode = new Map(catalogue.map((m) => [m.code, m]));
  a.lines.forEach((line, i) => {
    const m = byCode.get(line.materialCode);
    if (!m?.active) throw new Rejection("unknown_material", { materialCode: line.materialCode });
    if (m.serialised !== line.serialised) {
      throw new Rejection("bad_input", {
        field: `lines.${i}.serialised`,
        message: "warehouse.validation.material",
        issues: [`lines.${i}.serialised: the catalogue says ${m.serialised}`],
      });
    }
  });
  await assertNewTags(
    tx,
    a.lines.flatMap((l) => l.tags),
  );
  return { status: "applied", write: () => writeReceipt({ tx, user, mutation, append }, a, byCode) };
}

async function writeReceipt({ tx, user, mutation, append }: MutationContext, a: TRecordReceiptArgs, byCode: ReadonlyMap<string, TMaterial>): Promise<void> {
  const now = serverNow();
  const receivedAt = receivedAtOf(mutation.clientTime, now);
  const code = await nextWarehouseCode(tx, "RC", receivedAt);
  await tx.insert(receipts).values({
    id: a.id,
    code,
    purchaseRequest: a.purchaseRequest,
    department: a.department,
    supplier: a.supplier,
    deliveryNote: a.deliveryNote,
    inspectionZone: a.inspectionZone,
    note: a.note,
    status: "awaiting_inspection",
    receivedBy: user.id,
    receivedAt,
    serverTime: now,
    deviceId: mutation.deviceId,
    mutationId: mutation.mutationId,
    version: 1,
  });
  await tx.insert(receiptLines).values(
    a.lines.map((l, i) => ({
      id: l.id,
      receiptId: a.id,
      lineNo: i + 1,
      materialCode: l.materialCode,
      quantity: l.quantity,
      unit: byCode.get(l.materialCode)!.unit,
      serialised: l.serialised,
      supplierCode: l.supplierCode ?? null,
    })),
  );
  const rows = a.lines.flatMap((l) =>
    l.tags.map((tag) => ({
      tagCode: tag,
      kind: "material" as const,
      name: materialName(byCode.get(l.materialCode)!),
      zoneCode: a.inspectionZone,
      status: "pending_inspection" as const,
      version: 1,
      quantity: l.serialised ? 1 : l.quantity,
      materialCode: l.materialCode,
      receiptLineId: l.id,
      updatedAt: now,
      updatedBy: user.id,
    })),
  );
  const created: { id: string; tag: string; quantity: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    created.push(
      ...(await tx
        .insert(items)
        .values(rows.slice(i, i + 500))
        .returning({ id: items.id, tag: items.tagCode, quantity: items.quantity })),
    );
  }
  created.forEach((item, i) => {
    append.add(itemLabelEvents, {
      itemId: item.id,
      fromStatus: null,
      toStatus: "pending_inspection",
      reason: "arrived",
      note: "",
      fromZone: null,
      toZone: a.inspectionZone,
      actorId: user.id,
      deviceId: mutation.deviceId,
      // the column is unique: the receipt's mutation is named on its first tag's event (the others share its device)
      mutationId: i === 0 ? mutation.mutationId : null,
      clientTime: new Date(mutation.clientTime),
      serverTime: now,
      versionAfter: 1,
    });
    append.add(stockEvents, {
      itemId: item.id,
      kind: "received",
      quantity: item.quantity,
      zoneCode: a.inspectionZone,
      department: a.department,
      ref: code,
      actorId: user.id,
      at: receivedAt,
      mutationId: mutation.mutationId,
    });
  });
  append.add(
    auditEvents,
    auditRow({
      actorId: user.id,
      subjectType: "receipt",
      subjectId: a.id,
      at: now,
      event: {
        name: "receipt.recorded",
        payload: {
          code,
          purchaseRequest: a.purchaseRequest,
          department: a.department,
          supplier: a.supplier,
          deliveryNote: a.deliveryNote,
          lines: a.lines.map((l) => ({ materialCode: l.materialCode, quantity: l.quantity, tags: l.tags })),
          mutationId: mutation.mutationId,
          deviceId: mutation.deviceId,
        },
      },
    }),
  );
  await noticeInspectionRequested(tx, { id: a.id, code, supplier: a.supplier, department: a.department, lines: a.lines.length });
}
