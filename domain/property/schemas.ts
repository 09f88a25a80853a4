/**
 * Inputs of customer property (ADR 0039): the office's steps (record a PBX application or a works project, its
 * documents, schedule a round, the letter, rectification reported, connect/open, cancel, the item lists, maintenance
 * agreements) and the inspectors' offline round (`propertyRound.submit`). Messages are catalogue keys
 * (`validation.*`, `property.validation.*`).
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ZPhoto } from "@/domain/items/mutations";
import { zLine, zNote } from "@/domain/text/rules";
import { ZDay } from "@/domain/work-orders/schemas";
import { ZSignature } from "@/domain/work-orders/mutations";
import {
  AGREEMENT_KINDS,
  CASE_KINDS,
  CASE_STATUSES,
  DOCUMENT_KINDS,
  DOCUMENT_MIMES,
  ITEM_RESULTS,
  MAX_DOCUMENT_BYTES,
  MAX_INSPECTORS,
  MAX_ROUND_ITEM_PHOTOS,
  MAX_ROUND_ITEMS,
} from "./model";

const required = (max: number) => zLine(max).min(1, { error: "validation.required" });
/** A phone number: digits with + - ( ) and spaces, and at least 5 digits (it is matched by its digits, phoneDigits). */
const ZPhone = z
  .string()
  .regex(/^[0-9+\-() ]{5,20}$/, { error: "property.validation.phone" })
  .refine((v) => (v.match(/\d/g)?.length ?? 0) >= 5, { error: "property.validation.phone" });
/** A certificate number as printed on the old paper label (00-D710-208870). */
export const ZCertificateNo = z.string().regex(/^\d{2}-[A-Z]\d{3}-\d{6}$/, { error: "validation.licenseNo" });

const customer = {
  customerName: required(100),
  customerPhone: ZPhone,
  customerAddress: required(200),
};

/** A PBX application (《安装用户交换机申请检验表》): what the customer applied for in writing, with the certificate. */
export const ZPbxApplicationInput = z.object({
  ...customer,
  certificateNo: ZCertificateNo,
  model: required(60),
  manufacturer: zLine(100).default(""),
  capacity: required(60),
  /** 制式 */
  standard: required(60),
  connection: required(60),
  power: required(60),
  /** 附属设备 */
  ancillary: zLine(300).default(""),
  trunkLines: z.number({ error: "validation.required" }).int().min(0).max(10_000),
  /** The day of the written application. */
  appliedOn: ZDay,
  note: zNote(1000).default(""),
});
export type TPbxApplicationInput = z.infer<typeof ZPbxApplicationInput>;

/** A works project with the agreement customer service signs (《客户自建通信工程验收或管理维护协议》). */
export const ZWorksInput = z
  .object({
    ...customer,
    projectName: required(200),
    constructorName: required(200),
    scope: required(1000),
    agreementKind: z.enum(AGREEMENT_KINDS),
    /** The parties as written on the agreement (the operator's side is the signed-in clerk's company). */
    parties: required(300),
    startsOn: ZDay,
    endsOn: ZDay,
    /** The customer's signature on screen, or a scanned signed agreement uploaded as a document (kind "agreement"). */
    signature: ZSignature.nullable().default(null),
    note: zNote(1000).default(""),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], error: "property.validation.period" });
export type TWorksInput = z.infer<typeof ZWorksInput>;

/** A document uploaded to a case (PDF or image, kept as evidence with its SHA-256). */
export const ZDocumentInput = z.object({
  caseId: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  fileName: required(200),
  mime: z.enum(DOCUMENT_MIMES, { error: "property.validation.documentType" }),
  base64: z
    .string()
    .min(4, { error: "validation.required" })
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, { error: "property.validation.documentTooLarge" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "validation.photoEncoding" }),
});
export type TDocumentInput = z.infer<typeof ZDocumentInput>;

const expected = { version: z.number().int().min(1) };

/** A round: when, who (each inspector's department is theirs), and for a re-inspection the extra items chosen. */
export const ZScheduleInput = z.object({
  caseId: z.uuid(),
  ...expected,
  scheduledFor: ZDay,
  inspectorIds: z
    .array(z.uuid())
    .min(1, { error: "property.validation.inspectors" })
    .max(MAX_INSPECTORS)
    .refine((ids) => new Set(ids).size === ids.length, { error: "property.validation.inspectors" }),
  /** Departments taking part (terminal service verifies a PBX; others as needed). */
  departments: z.array(z.enum(DEPARTMENTS)).min(1).max(DEPARTMENTS.length),
  /** Re-inspection: items to inspect besides the failed ones (ignored in a first round, which inspects every item). */
  extraItemIds: z.array(z.uuid()).max(MAX_ROUND_ITEMS).default([]),
  note: zNote(1000).default(""),
});

export const ZCaseStepInput = z.object({ caseId: z.uuid(), ...expected, note: zNote(1000).default("") });
export const ZCancelInput = z.object({ caseId: z.uuid(), ...expected, reason: zNote(1000).min(1, { error: "validation.required" }) });
export const ZLetterInput = z.object({ caseId: z.uuid(), ...expected, deadline: ZDay, note: zNote(1000).default("") });

export const ZCaseFilter = z.object({
  kind: z.enum(CASE_KINDS).nullable().default(null),
  status: z.enum(CASE_STATUSES).nullable().default(null),
  /** Only cases with an overdue rectification letter. */
  overdue: z.boolean().default(false),
  q: zLine(100).default(""),
  page: z.number().int().min(1).max(10_000).default(1),
});

/** An item of an inspection list (PBX checklist or works acceptance item list), maintained by its organising department. */
export const ZItemInput = z.object({
  id: z.uuid().optional(),
  kind: z.enum(CASE_KINDS),
  clause: required(60),
  group: required(60),
  textZh: required(300),
  textEn: zLine(300).default(""),
  /** The unit of a measurement to record (dB, Ω), or null when the item is pass/fail only. */
  unit: zLine(20).nullable().default(null),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(0),
});

/** An equipment maintenance agreement (设备代维协议): the customer's application and the agreement. */
export const ZMaintenanceInput = z
  .object({
    ...customer,
    /** The equipment covered, one line each. */
    equipment: z.array(required(200)).min(1, { error: "validation.required" }).max(50),
    appliedOn: ZDay,
    startsOn: ZDay,
    endsOn: ZDay,
    terms: required(4000),
    /** Who offered the service (counter staff or the lineman at the site). */
    offeredBy: z.uuid().nullable().default(null),
    signature: ZSignature.nullable().default(null),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], error: "property.validation.period" });
export type TMaintenanceInput = z.infer<typeof ZMaintenanceInput>;

/**
 * The agreement form's address when it is opened from a work order (a terminal-maintenance order's "record a
 * maintenance agreement"): the order's id only. The server reads the customer's name, phone and address from the order
 * (server/property/maintenance-prefill.ts), so no customer details travel in an address (logs, history). Anything
 * malformed is ignored: the form starts empty.
 */
export const ZMaintenanceFormQuery = z.object({ workOrderId: z.uuid().optional().catch(undefined) });

/** What the agreement form starts with: the order's customer, and the order to go back to. */
export interface TMaintenancePrefill {
  customerName?: string;
  customerPhone?: string;
  customerAddress?: string;
  workOrderId?: string;
}

/**
 * One item's result in a round. A failed item says why (note); a measured item carries its reading; its photos, at most
 * MAX_ROUND_ITEM_PHOTOS (why four: model.ts). Phones built before several photos (issue 16) send one `photo`: it is
 * still accepted and read as `photos: [photo]`, so a submission they queued is applied exactly as before and stays v1
 * (the new field is optional and defaults to none, nothing an old phone sends means anything else now). A result with
 * both `photo` and photos is refused (`property.validation.photoAndPhotos`): no build makes one, and choosing which
 * the inspector meant would be a guess. The parsed result has `photos` only.
 */
export const ZRoundResult = z
  .object({
    itemId: z.uuid(),
    result: z.enum(ITEM_RESULTS),
    measurement: zLine(60).default(""),
    note: zNote(500).default(""),
    /** One photo, as phones built before issue 16's several photos send it. */
    photo: ZPhoto.optional(),
    photos: z.array(ZPhoto).max(MAX_ROUND_ITEM_PHOTOS, { error: "property.validation.tooManyPhotos" }).default([]),
  })
  .refine((r) => r.result === "pass" || r.note.trim().length > 0, { path: ["note"], error: "property.validation.failNote" })
  .refine((r) => !(r.photo && r.photos.length > 0), { path: ["photos"], error: "property.validation.photoAndPhotos" })
  .transform(({ photo, ...r }) => ({ ...r, photos: photo ? [photo] : r.photos }));
/** A result as a phone sends it (either photo field); TRoundResult is what it is read as (photos only). */
export type TRoundResultInput = z.input<typeof ZRoundResult>;
export type TRoundResult = z.infer<typeof ZRoundResult>;

/**
 * `propertyRound.submit` v1: an inspection round done on the phone, maybe offline. The phone sends the results of
 * every item of the round (each with its photos) and each named inspector's signature, drawn on the phone at the site.
 * When photos make it larger than one change, it goes in parts in order (an item's result is never split): every part
 * but the last says `final: false` and carries some results; the last carries the signatures and submits the round
 * (the server keeps results it already has, by item).
 */
export const ZRoundSubmitArgs = z
  .object({
    roundId: z.uuid(),
    results: z.array(ZRoundResult).max(MAX_ROUND_ITEMS),
    signatures: z
      .array(z.object({ userId: z.uuid(), signature: ZSignature }))
      .max(MAX_INSPECTORS)
      .default([]),
    note: zNote(1000).default(""),
    /** When the inspection was done on the site (the phone's clock; the server clamps it). */
    inspectedAt: z.iso.datetime({ offset: true }),
    final: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.results.forEach((r, i) => {
      if (seen.has(r.itemId)) ctx.addIssue({ code: "custom", path: ["results", i, "itemId"], message: "property.validation.duplicateItem" });
      seen.add(r.itemId);
    });
    if (v.final && v.signatures.length === 0) ctx.addIssue({ code: "custom", path: ["signatures"], message: "property.validation.signatures" });
    const signers = new Set<string>();
    v.signatures.forEach((s, i) => {
      if (signers.has(s.userId)) ctx.addIssue({ code: "custom", path: ["signatures", i, "userId"], message: "property.validation.signatures" });
      signers.add(s.userId);
    });
  });
export type TRoundSubmitArgs = z.infer<typeof ZRoundSubmitArgs>;
