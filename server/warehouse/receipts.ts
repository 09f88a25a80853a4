import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, items, materials, receiptLines, receipts, users } from "@/db/schema";
import { mayInspect, mayReceive } from "@/domain/warehouse/model";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { receiptItems } from "./inspect";
import { page, readsRegisters, type TPageQuery, type TReceiptsQuery } from "./registers";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Who reads a receipt: the registers' readers any, the requesting department's people theirs (not_found otherwise). */
function mayReadReceipt(user: Pick<SessionUser, "role" | "department">, r: { department: string }): boolean {
  return readsRegisters(user) || r.department === user.department;
}

/**
 * `warehouse.receipts`: the receipts register, newest first (keyset on received time, id). The registers' readers
 * see every receipt; anyone else only their own department's (the deliveries they asked for and inspect).
 */
export async function listReceipts(db: Db, user: SessionUser, q: TReceiptsQuery) {
  const where: (SQL | undefined)[] = [];
  if (!readsRegisters(user)) where.push(eq(receipts.department, user.department));
  if (q.department) where.push(eq(receipts.department, q.department));
  if (q.status) where.push(eq(receipts.status, q.status));
  const text = q.q?.trim();
  if (text) {
    const like = `%${likeEscape(text)}%`;
    where.push(
      or(
        eq(receipts.code, text.toUpperCase()),
        eq(receipts.deliveryNote, text),
        ilike(receipts.purchaseRequest, like),
        ilike(receipts.supplier, like),
        ilike(receipts.deliveryNote, like),
      ),
    );
  }
  if (q.cursor) where.push(sql`(${receipts.receivedAt}, ${receipts.id}) < (select r.received_at, r.id from receipts r where r.id = ${q.cursor})`);
  const rows = await db
    .select({
      id: receipts.id,
      code: receipts.code,
      purchaseRequest: receipts.purchaseRequest,
      department: receipts.department,
      supplier: receipts.supplier,
      deliveryNote: receipts.deliveryNote,
      status: receipts.status,
      receivedAt: receipts.receivedAt,
      receivedByName: users.displayName,
      lineCount: sql<number>`(select count(*) from receipt_lines l where l.receipt_id = ${receipts.id})::int`,
      formCode: acceptanceForms.code,
    })
    .from(receipts)
    .innerJoin(users, eq(users.id, receipts.receivedBy))
    .leftJoin(acceptanceForms, eq(acceptanceForms.receiptId, receipts.id))
    .where(and(...where))
    .orderBy(desc(receipts.receivedAt), desc(receipts.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => r.id);
}

/**
 * `warehouse.receipt`: one receipt with its lines, the tags of each line and its form (if signed), and what the
 * viewer may do now: inspect (its department, not yet inspected) or label (the keeper, once inspected).
 */
export async function getReceipt(db: Db, user: SessionUser, id: string) {
  const [row] = await db
    .select({ receipt: receipts, receivedByName: users.displayName })
    .from(receipts)
    .innerJoin(users, eq(users.id, receipts.receivedBy))
    .where(eq(receipts.id, id));
  if (!row || !mayReadReceipt(user, row.receipt)) throw new AppError("not_found");
  const r = row.receipt;
  const lines = await db
    .select({
      id: receiptLines.id,
      lineNo: receiptLines.lineNo,
      materialCode: receiptLines.materialCode,
      materialNameZh: materials.nameZh,
      materialNameEn: materials.nameEn,
      quantity: receiptLines.quantity,
      unit: receiptLines.unit,
      serialised: receiptLines.serialised,
      supplierCode: receiptLines.supplierCode,
    })
    .from(receiptLines)
    .innerJoin(materials, eq(materials.code, receiptLines.materialCode))
    .where(eq(receiptLines.receiptId, r.id))
    .orderBy(asc(receiptLines.lineNo));
  const tagged = await receiptItems(
    db,
    lines.map((l) => l.id),
  );
  const [formRow] = await db
    .select({
      id: acceptanceForms.id,
      code: acceptanceForms.code,
      inspectorName: users.displayName,
      department: acceptanceForms.department,
      signedAt: acceptanceForms.signedAt,
      note: acceptanceForms.note,
      signatureSha256: acceptanceForms.signatureSha256,
    })
    .from(acceptanceForms)
    .innerJoin(users, eq(users.id, acceptanceForms.inspectorId))
    .where(eq(acceptanceForms.receiptId, r.id));
  const formLines = formRow
    ? await db
        .select({
          itemId: acceptanceLines.itemId,
          tag: items.tagCode,
          accepted: acceptanceLines.accepted,
          rejected: acceptanceLines.rejected,
          rejectTo: acceptanceLines.rejectTo,
          reason: acceptanceLines.reason,
          photoSha256: acceptanceLines.photoSha256,
        })
        .from(acceptanceLines)
        .innerJoin(items, eq(items.id, acceptanceLines.itemId))
        .where(eq(acceptanceLines.formId, formRow.id))
        .orderBy(asc(items.tagCode))
    : [];
  return {
    receipt: { ...r, receivedByName: row.receivedByName },
    lines: lines.map((l) => ({
      ...l,
      items: tagged.filter((i) => i.receiptLineId === l.id).map(({ receiptLineId: _line, ...i }) => i),
    })),
    form: formRow ? { ...formRow, lines: formLines } : null,
    can: {
      inspect: r.status === "awaiting_inspection" && mayInspect(user, r),
      label: r.status === "inspected" && mayReceive(user.role),
    },
  };
}
export type TReceiptDetail = Awaited<ReturnType<typeof getReceipt>>;

/**
 * A receipt's id by its number (RC-…), or null when there is none this user may read (the registers' readers, the
 * requesting department's people): the phone's item page knows a lot's receipt by number (its received event).
 */
export async function receiptIdByCode(db: Db, user: Pick<SessionUser, "role" | "department">, code: string): Promise<string | null> {
  const [row] = await db.select({ id: receipts.id, department: receipts.department }).from(receipts).where(eq(receipts.code, code));
  return row && mayReadReceipt(user, row) ? row.id : null;
}

/** `warehouse.forms`: the Quality Acceptance Forms, newest first, with the units accepted and rejected on each. */
export async function listForms(db: Db, q: TPageQuery) {
  const rows = await db
    .select({
      id: acceptanceForms.id,
      code: acceptanceForms.code,
      receiptId: acceptanceForms.receiptId,
      receiptCode: receipts.code,
      department: acceptanceForms.department,
      inspectorName: users.displayName,
      signedAt: acceptanceForms.signedAt,
      accepted: sql<number>`(select coalesce(sum(l.accepted), 0) from acceptance_lines l where l.form_id = ${acceptanceForms.id})::int`,
      rejected: sql<number>`(select coalesce(sum(l.rejected), 0) from acceptance_lines l where l.form_id = ${acceptanceForms.id})::int`,
    })
    .from(acceptanceForms)
    .innerJoin(receipts, eq(receipts.id, acceptanceForms.receiptId))
    .innerJoin(users, eq(users.id, acceptanceForms.inspectorId))
    .where(
      q.cursor
        ? sql`(${acceptanceForms.signedAt}, ${acceptanceForms.id}) < (select f.signed_at, f.id from acceptance_forms f where f.id = ${q.cursor})`
        : undefined,
    )
    .orderBy(desc(acceptanceForms.signedAt), desc(acceptanceForms.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => r.id);
}
