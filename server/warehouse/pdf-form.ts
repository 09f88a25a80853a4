import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { acceptanceForms, acceptanceLines, evidenceFiles, items, materials, receiptLines, receipts, users } from "@/db/schema";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { MUTED, RecordLayout, type Column } from "@/server/pdf/layout";
import type { SessionUser } from "@/server/auth/session";
import { departmentNames, readsRegisters } from "./registers";

/**
 * The Quality Acceptance Form (《质量认可单》) as printed: bilingual like the work-order record (Chinese label,
 * English beside it; Beijing time; a footer with the generation time and page numbers): the delivery received, each
 * tag with what was accepted and rejected, where the rejected part goes and why, the inspector, the date and the
 * signature image.
 */
const P = "warehousePdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);
const enumText = (key: string, value: string | null | undefined) => (value ? L.bothOr(key, value) : "—");

export interface TFormPrint {
  form: { id: string; code: string; department: string; inspectorName: string; signedAt: Date; note: string };
  receipt: {
    code: string;
    purchaseRequest: string;
    supplier: string;
    deliveryNote: string;
    inspectionZone: string;
    receivedAt: Date;
    receivedByName: string;
  };
  lines: {
    tag: string;
    materialCode: string | null;
    materialName: string;
    unit: string | null;
    quantity: number;
    accepted: number;
    rejected: number;
    rejectTo: string | null;
    reason: string;
    photo: boolean;
  }[];
  signature: { mime: string; data: Uint8Array } | null;
  departmentNames: Record<string, [string, string]>;
  generatedAt: Date;
}

/**
 * What the printed form needs, for a reader: the registers' readers, or the requesting department's people (the
 * inspector's own department), else null (one answer with a form that does not exist).
 */
export async function loadFormPrint(db: Db, user: SessionUser, formId: string, now: Date): Promise<TFormPrint | null> {
  const [row] = await db
    .select({ form: acceptanceForms, inspectorName: users.displayName, receipt: receipts })
    .from(acceptanceForms)
    .innerJoin(users, eq(users.id, acceptanceForms.inspectorId))
    .innerJoin(receipts, eq(receipts.id, acceptanceForms.receiptId))
    .where(eq(acceptanceForms.id, formId));
  if (!row) return null;
  if (!readsRegisters(user) && row.form.department !== user.department) return null;
  const [receiver] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.receipt.receivedBy));
  const lines = await db
    .select({
      tag: items.tagCode,
      name: items.name,
      quantity: items.quantity,
      materialCode: receiptLines.materialCode,
      nameZh: materials.nameZh,
      nameEn: materials.nameEn,
      unit: receiptLines.unit,
      lineNo: receiptLines.lineNo,
      accepted: acceptanceLines.accepted,
      rejected: acceptanceLines.rejected,
      rejectTo: acceptanceLines.rejectTo,
      reason: acceptanceLines.reason,
      photoSha256: acceptanceLines.photoSha256,
    })
    .from(acceptanceLines)
    .innerJoin(items, eq(items.id, acceptanceLines.itemId))
    .leftJoin(receiptLines, eq(receiptLines.id, items.receiptLineId))
    .leftJoin(materials, eq(materials.code, receiptLines.materialCode))
    .where(eq(acceptanceLines.formId, formId))
    .orderBy(asc(receiptLines.lineNo), asc(items.tagCode));
  const [signature] = await db
    .select({ mime: evidenceFiles.mime, data: evidenceFiles.data })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.sha256, [row.form.signatureSha256]));
  return {
    form: { ...row.form, inspectorName: row.inspectorName },
    receipt: { ...row.receipt, receivedByName: receiver?.name ?? "—" },
    lines: lines.map((l) => ({
      tag: l.tag,
      materialCode: l.materialCode,
      materialName: l.nameZh ? `${l.nameZh} ${l.nameEn}` : l.name,
      unit: l.unit,
      // the tag's quantity when it was inspected: accepted + rejected (a split lot keeps the accepted part since)
      quantity: l.accepted + l.rejected,
      accepted: l.accepted,
      rejected: l.rejected,
      rejectTo: l.rejectTo,
      reason: l.reason,
      photo: l.photoSha256 !== null,
    })),
    signature: signature ?? null,
    departmentNames: await departmentNames(db),
    generatedAt: now,
  };
}

function deptName(p: TFormPrint, code: string): string {
  const n = p.departmentNames[code];
  return n ? `${n[0]} ${n[1]}` : code;
}

export async function renderAcceptanceForm(f: TFormPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const title = both("title.form");
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${f.form.code} ${title}`, Author: "Tracemark 迹码", Subject: f.form.code, CreationDate: f.generatedAt },
  });
  // the title on a line of its own, the form's number on the line below at the right (as the complaints' forms)
  p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: 16 }) + 4);
  const y0 = p.y;
  p.write(f.form.code, p.left + p.width / 2, y0, p.width / 2, { font: "bold", size: 14, align: "right" });
  p.y = y0 + Math.max(p.write(`${both("field.receiptCode")}: ${f.receipt.code}`, p.left, y0, p.width / 2, { size: 10, color: MUTED }), 18) + 10;

  p.section(both("section.receipt"));
  p.fields(
    [
      [both("field.receiptCode"), f.receipt.code],
      [both("field.purchaseRequest"), f.receipt.purchaseRequest],
      [both("field.department"), deptName(f, f.form.department)],
      [both("field.supplier"), f.receipt.supplier],
      [both("field.deliveryNote"), f.receipt.deliveryNote],
      [both("field.inspectionZone"), f.receipt.inspectionZone],
      [both("field.receivedAt"), time(f.receipt.receivedAt)],
      [both("field.receivedBy"), f.receipt.receivedByName],
    ],
    2,
  );

  p.section(both("section.lines"));
  const cols: Column[] = [
    { label: both("col.tag"), width: 62, mono: true },
    { label: both("col.material"), width: 120 },
    { label: both("col.quantity"), width: 46 },
    { label: both("col.accepted"), width: 46 },
    { label: both("col.rejected"), width: 50 },
    { label: both("col.rejectTo"), width: 80 },
    { label: both("col.reason"), width: p.width - 404 },
  ];
  p.table(
    cols,
    f.lines.map((l) => [
      l.tag,
      l.materialCode ? `${l.materialName}\n${l.materialCode}` : l.materialName,
      `${l.quantity} ${l.unit ? enumText(`warehouse.unit.${l.unit}`, l.unit) : ""}`.trim(),
      String(l.accepted),
      String(l.rejected),
      l.rejected > 0 ? enumText(`warehouse.rejectTo.${l.rejectTo}`, l.rejectTo) : "—",
      [l.reason || (l.rejected > 0 ? "" : "—"), l.photo ? `(${both("photoTaken")})` : ""].filter(Boolean).join(" "),
    ]),
  );
  p.gap(8);

  p.section(both("section.inspection"), 140);
  const accepted = f.lines.reduce((n, l) => n + l.accepted, 0);
  const rejected = f.lines.reduce((n, l) => n + l.rejected, 0);
  p.fields(
    [
      [both("field.inspector"), f.form.inspectorName],
      [both("field.department"), deptName(f, f.form.department)],
      [both("field.signedAt"), time(f.form.signedAt)],
      [both("field.totals"), `${accepted} / ${rejected}`],
    ],
    2,
  );
  if (f.form.note) p.fields([[both("field.note"), f.form.note]], 1);
  p.ensure(110);
  const y = p.y;
  p.image(f.signature, p.left, y, 240, 90, () => both("noSignature"));
  p.write(`${both("field.signature")}\n${f.form.inspectorName}\n${time(f.form.signedAt)}`, p.left + 256, y, p.width - 256, { size: 9.5 });
  p.y = y + 98;

  p.footers(both("footer.generated", { time: time(f.generatedAt) }), (n, total) => `${f.form.code} · ${both("footer.page", { n, total })}`);
  return p.finish();
}
