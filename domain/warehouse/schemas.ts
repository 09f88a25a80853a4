/**
 * Inputs of the warehouse: the phone's offline mutations (receive, label by the form, issue/return, submit a count)
 * and the office's steps (inspect, confirm an adjustment, lease tags, search), for the forms and the server alike.
 * Messages are catalogue keys (`validation.*`, `warehouse.validation.*`).
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ITEM_STATUSES } from "@/domain/items/labels";
import { ZPhoto } from "@/domain/items/mutations";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import { zLine, zNote } from "@/domain/text/rules";
import { DIFFERENCE_KINDS, RESOLUTIONS } from "./count";
import { MAX_LINE_QUANTITY, MAX_RECEIPT_LINES, MAX_SERIALISED_QUANTITY, REJECT_TARGETS } from "./model";
import { MOVE_KINDS } from "./stock";

const required = (max: number) => zLine(max).min(1, { error: "validation.required" });
export const ZStockTag = z.string().regex(STOCK_TAG_PATTERN, { error: "warehouse.validation.tag" });
export const ZZoneCode = zLine(40).min(1, { error: "validation.required" });
/** A catalogue code: upper-case letters, digits and dashes (`MAT-ONU-HG8245`). */
export const ZMaterialCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { error: "warehouse.validation.material" });
const ZQuantity = z
  .number({ error: "validation.required" })
  .int({ error: "warehouse.validation.quantity" })
  .min(1, { error: "warehouse.validation.quantity" })
  .max(MAX_LINE_QUANTITY, { error: "warehouse.validation.quantity" });

/** One delivered line: a catalogue material, how many, and its tags (one per unit when serialised, one lot tag otherwise). */
export const ZReceiptLine = z.object({
  id: z.uuid(),
  materialCode: ZMaterialCode,
  quantity: ZQuantity,
  serialised: z.boolean(),
  tags: z.array(ZStockTag).min(1).max(MAX_SERIALISED_QUANTITY),
  /** The supplier's barcode read for this line (EAN-13, Code 128 or QR), kept as read. */
  supplierCode: zLine(120).optional(),
});

/**
 * `receipt.record` v1: a delivery received on the keeper's phone, maybe offline, against a purchase request. Ids are
 * the phone's (a re-send records once); the tags come from the phone's leases or were scanned off printed rolls.
 * Everything lands 待检 in the inspection zone; the server numbers the receipt and tells the requesting department.
 */
export const ZRecordReceiptArgs = z
  .object({
    id: z.uuid(),
    purchaseRequest: required(40),
    department: z.enum(DEPARTMENTS, { error: "validation.required" }),
    supplier: required(120),
    deliveryNote: required(60),
    inspectionZone: ZZoneCode,
    lines: z.array(ZReceiptLine).min(1, { error: "warehouse.validation.lines" }).max(MAX_RECEIPT_LINES),
    note: zNote(500).default(""),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.lines.forEach((line, i) => {
      const want = line.serialised ? line.quantity : 1;
      if (line.serialised && line.quantity > MAX_SERIALISED_QUANTITY)
        ctx.addIssue({ code: "custom", path: ["lines", i, "quantity"], message: "warehouse.validation.tooManySerials" });
      else if (line.tags.length !== want) ctx.addIssue({ code: "custom", path: ["lines", i, "tags"], message: "warehouse.validation.tagCount" });
      for (const tag of line.tags) {
        if (seen.has(tag)) ctx.addIssue({ code: "custom", path: ["lines", i, "tags"], message: "warehouse.validation.tagTwice" });
        seen.add(tag);
      }
    });
  });
export type TRecordReceiptArgs = z.infer<typeof ZRecordReceiptArgs>;
export type TRecordReceiptForm = z.input<typeof ZRecordReceiptArgs>;

/** `receipt.label` v1: the keeper labels one tag by its form line (the server plans it again: domain planLabelByForm). */
export const ZLabelByFormArgs = z.object({
  itemId: z.uuid(),
  stockZone: ZZoneCode.optional(),
  quarantineZone: ZZoneCode.optional(),
  splitTag: ZStockTag.optional(),
  responsibleId: z.uuid().optional(),
  photo: ZPhoto.optional(),
});
export type TLabelByFormArgs = z.infer<typeof ZLabelByFormArgs>;
/** What the phone saw: the tag's version (a label change in between makes this stale). */
export const ZItemExpected = z.object({ version: z.number().int().min(1) });

/** `stock.move` v1: issue to a person or department, or a return from one (scan tag → person). */
export const ZStockMoveArgs = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    kind: z.enum(MOVE_KINDS),
    quantity: ZQuantity,
    toUserId: z.uuid().optional(),
    toDepartment: z.enum(DEPARTMENTS).optional(),
    /** Where a return goes back to (a stock zone); default: where it was issued from. */
    zoneCode: ZZoneCode.optional(),
    note: zNote(500).default(""),
  })
  .refine((m) => (m.toUserId === undefined) !== (m.toDepartment === undefined), { error: "warehouse.validation.holder", path: ["toUserId"] });
export type TStockMoveArgs = z.infer<typeof ZStockMoveArgs>;

/** Most tags in one count (a zone's size with room to spare). */
export const MAX_COUNT_SCANS = 20_000;

/** `count.submit` v1: a finished stock-take of a zone, its id made on the phone (a resent count applies once). */
export const ZSubmitCountArgs = z.object({
  id: z.uuid(),
  zoneCode: ZZoneCode,
  startedAt: z.iso.datetime({ offset: true }),
  /** Every distinct tag read, in scan order (typed codes normalised first). */
  scans: z.array(zLine(40).min(1)).max(MAX_COUNT_SCANS),
});
export type TSubmitCountArgs = z.infer<typeof ZSubmitCountArgs>;

/** The warehouse's offline mutations with the schema versions the server still accepts (public contract). */
export const WAREHOUSE_MUTATION_VERSIONS = {
  "receipt.record": [1],
  "receipt.label": [1],
  "stock.move": [1],
  "count.submit": [1],
} as const;

// ── Office steps (online) ──────────────────────────────────────────────────────────────────────

/** One tag on the Quality Acceptance Form. */
export const ZInspectionLine = z
  .object({
    itemId: z.uuid(),
    accepted: z.number().int().min(0).max(MAX_LINE_QUANTITY),
    rejected: z.number().int().min(0).max(MAX_LINE_QUANTITY),
    rejectTo: z.enum(REJECT_TARGETS).nullable(),
    reason: zNote(500).default(""),
    photo: ZPhoto.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.rejected > 0 && l.rejectTo === null) ctx.addIssue({ code: "custom", path: ["rejectTo"], message: "warehouse.validation.rejectTo" });
    if (l.rejected > 0 && l.reason.length === 0) ctx.addIssue({ code: "custom", path: ["reason"], message: "warehouse.validation.rejectReason" });
  });

/** The requesting department's inspection of a receipt, signed (the Quality Acceptance Form 《质量认可单》). */
export const ZInspectInput = z.object({
  receiptId: z.uuid(),
  lines: z
    .array(ZInspectionLine)
    .min(1)
    .max(MAX_SERIALISED_QUANTITY * MAX_RECEIPT_LINES),
  note: zNote(1000).default(""),
  /** The inspector's signature, a PNG drawn on screen. */
  signature: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .min(100, { error: "warehouse.validation.signature" })
    .max(700_000),
});
export type TInspectInput = z.infer<typeof ZInspectInput>;

export const ZConfirmAdjustmentInput = z
  .object({
    differenceId: z.uuid(),
    resolution: z.enum(Object.values(RESOLUTIONS).flat() as [string, ...string[]]),
    reason: zNote(500).min(1, { error: "validation.required" }),
  })
  .transform((v) => v as { differenceId: string; resolution: (typeof RESOLUTIONS)[keyof typeof RESOLUTIONS][number]; reason: string });

export const ZLeaseTagsInput = z.object({ deviceId: z.uuid() });

/** Search of stock: a tag, a material (code or name), a lot, a delivery note; filters by zone and label; keyset paging. */
export const ZStockSearch = z.object({
  q: zLine(60).default(""),
  zoneCode: ZZoneCode.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  cursor: z.string().max(80).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TStockSearch = z.infer<typeof ZStockSearch>;

export { DIFFERENCE_KINDS };
