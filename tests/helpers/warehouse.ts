/**
 * Factories for the warehouse's server tests (issue 14): people with a phone each, catalogue materials, zones, leased
 * tag blocks, receipts received through `receipt.record`, and a signed Quality Acceptance Form put in place directly
 * (the office's inspect use case is tested on its own).
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { rowsOf, type Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, auditEvents, items, materials, notices, receiptLines, receipts, stockEvents, tagLeases, zones } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { TItemStatus, TZoneKind } from "@/domain/items/labels";
import type { TNoticeKind } from "@/domain/notices/notices";
import type { TRejectTarget, TUnit } from "@/domain/warehouse/model";
import type { TRecordReceiptForm } from "@/domain/warehouse/schemas";
import { LEASE_SIZE, stockTag } from "@/domain/warehouse/tags";
import { createSession } from "@/server/auth/session";
import { nextWarehouseCode } from "@/server/warehouse/numbering";
import { callerFor, type Caller } from "./context";
import { batch, envelope, newDevice } from "./sync";
import { makeUser } from "./users";

/** A signed-in person with a phone of their own: `push` sends one mutation from it, in seq order. */
export interface TWarehousePerson {
  id: string;
  role: TRole;
  department: TDepartment;
  caller: Caller;
  deviceId: string;
  push: (name: string, args: unknown, opts?: { expected?: unknown; mutationId?: string; clientTime?: string; schemaVersion?: number }) => Promise<PushResult>;
  /** Several mutations in one batch (one transaction), in order. */
  pushAll: (...mutations: { name: string; args: unknown; expected?: unknown }[]) => Promise<PushResult[]>;
}
type PushResult = Awaited<ReturnType<Caller["sync"]["push"]>>["results"][number];

export async function warehousePerson(
  db: Db,
  role: TRole,
  department: TDepartment = role === "warehouse_keeper" ? "finance" : "terminal_service",
): Promise<TWarehousePerson> {
  const u = await makeUser(db, { role, department });
  const { token } = await createSession(db, { userId: u.id });
  const caller = await callerFor(db, { cookie: `tm_session=${token}` });
  const deviceId = await newDevice(caller);
  let seq = 0;
  return {
    id: u.id,
    role,
    department,
    caller,
    deviceId,
    push: async (name, args, opts = {}) => (await caller.sync.push(batch(deviceId, envelope(deviceId, ++seq, name, args, opts)))).results[0]!,
    pushAll: async (...mutations) =>
      (await caller.sync.push(batch(deviceId, ...mutations.map((m) => envelope(deviceId, ++seq, m.name, m.args, { expected: m.expected }))))).results,
  };
}

let counter = 0;
const unique = () => `${process.pid.toString(36).toUpperCase()}${Date.now().toString(36).toUpperCase()}${++counter}`;

/** A catalogue material (its code is new each call unless given). */
export async function makeMaterial(db: Db, o: { serialised: boolean; code?: string; unit?: TUnit; active?: boolean }) {
  const code = o.code ?? `MAT-T${unique()}`;
  const [row] = await db
    .insert(materials)
    .values({
      code,
      nameZh: `测试物料 ${code}`,
      nameEn: `Test material ${code}`,
      unit: o.unit ?? (o.serialised ? "piece" : "box"),
      serialised: o.serialised,
      active: o.active ?? true,
    })
    .returning();
  return row!;
}

export async function makeZone(db: Db, o: { kind: TZoneKind; holds?: TItemStatus | null; code?: string }) {
  const code = o.code ?? `Z-${unique()}`;
  await db.insert(zones).values({ code, siteCode: "WH1", kind: o.kind, holds: o.holds ?? null, nameZh: code, nameEn: code });
  return code;
}

/**
 * A block of tags leased as the office's leaseTags does (the next numbers of the lease sequence), to `userId`'s
 * device or, with none, as a printed roll. `take()` hands out its tags one by one.
 */
export async function leaseBlock(db: Db, userId: string, deviceId: string | null = null) {
  const [row] = rowsOf<{ n: string | number }>(await db.execute(sql`select nextval('stock_tag_lease_seq') as n`));
  const first = Number(row!.n);
  const last = first + LEASE_SIZE - 1;
  await db.insert(tagLeases).values({ deviceId, userId, firstNo: first, lastNo: last });
  let next = first;
  return {
    first,
    last,
    take: (): string => {
      if (next > last) throw new Error("leaseBlock: block used up");
      return stockTag(next++);
    },
  };
}

export type TLease = Awaited<ReturnType<typeof leaseBlock>>;

/** `receipt.record` args: one line per material given, tags taken from the lease (one per unit when serialised). */
export function receiptArgs(
  lease: TLease,
  lines: { material: { code: string; serialised: boolean }; quantity: number }[],
  o: Partial<TRecordReceiptForm> = {},
): TRecordReceiptForm {
  return {
    id: uuidv7(),
    purchaseRequest: "PR-TEST-1",
    department: "terminal_service",
    supplier: "测试供应商 Test supplier",
    deliveryNote: `DN-${unique()}`,
    inspectionZone: "WH1-IN",
    lines: lines.map((l) => ({
      id: randomUUID(),
      materialCode: l.material.code,
      quantity: l.quantity,
      serialised: l.material.serialised,
      tags: Array.from({ length: l.material.serialised ? l.quantity : 1 }, () => lease.take()),
    })),
    ...o,
  };
}

/** An item on the shelf (as a labelled receipt leaves it): a material's tag with its quantity on hand. */
export async function stockItem(
  db: Db,
  o: { material: { code: string; serialised: boolean }; tag: string; quantity?: number; status?: TItemStatus; zoneCode?: string | null },
) {
  const [row] = await db
    .insert(items)
    .values({
      tagCode: o.tag,
      kind: "material",
      name: `test ${o.material.code}`,
      materialCode: o.material.code,
      quantity: o.quantity ?? 1,
      status: o.status ?? "accepted",
      zoneCode: o.zoneCode === undefined ? "WH1-A" : o.zoneCode,
    })
    .returning();
  return row!;
}

export async function receiptById(db: Db, id: string) {
  const [row] = await db.select().from(receipts).where(eq(receipts.id, id));
  return row;
}

/** A receipt's tags, by line and tag. */
export function receiptItems(db: Db, receiptId: string) {
  return db
    .select({ item: items })
    .from(items)
    .innerJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
    .where(eq(receiptLines.receiptId, receiptId))
    .orderBy(asc(receiptLines.lineNo), asc(items.tagCode))
    .then((rows) => rows.map((r) => r.item));
}

/**
 * The requesting department's signed form, put in place as the office's inspect step leaves it: the form (numbered
 * QA-…), one line per tag given, and the receipt inspected.
 */
export async function signForm(
  db: Db,
  receiptId: string,
  inspectorId: string,
  lines: { itemId: string; accepted: number; rejected?: number; rejectTo?: TRejectTarget | null; reason?: string }[],
) {
  const receipt = (await receiptById(db, receiptId))!;
  const code = await nextWarehouseCode(db, "QA", new Date());
  const [form] = await db
    .insert(acceptanceForms)
    .values({ receiptId, code, department: receipt.department, inspectorId, signatureSha256: "0".repeat(64) })
    .returning();
  await db.insert(acceptanceLines).values(
    lines.map((l) => ({
      formId: form!.id,
      itemId: l.itemId,
      accepted: l.accepted,
      rejected: l.rejected ?? 0,
      rejectTo: l.rejectTo ?? null,
      reason: l.reason ?? (l.rejected ? "外观破损 damaged" : ""),
    })),
  );
  await db
    .update(receipts)
    .set({ status: "inspected", version: sql`${receipts.version} + 1` })
    .where(eq(receipts.id, receiptId));
  return form!;
}

export const stockEventsOf = (db: Db, itemId: string) => db.select().from(stockEvents).where(eq(stockEvents.itemId, itemId)).orderBy(asc(stockEvents.id));
export const auditNamed = (db: Db, subjectId: string, name: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.name, name)))
    .orderBy(asc(auditEvents.id));
export const noticesTo = (db: Db, userId: string, kind: TNoticeKind) =>
  db
    .select()
    .from(notices)
    .where(and(eq(notices.userId, userId), eq(notices.kind, kind)))
    .orderBy(asc(notices.createdAt));

/** A label photo as the phone attaches it. */
export const LABEL_PHOTO = { mime: "image/jpeg" as const, base64: Buffer.from("a photo of the label").toString("base64") };
