/**
 * Offline mutations of work orders (public contract: names and versions in domain/sync/protocol.ts; an outbox
 * written by an old build must still be accepted after a deploy).
 */
import { z } from "zod";
import { zLine, zNote, zVerbatim } from "@/domain/text/rules";
import { ZPhoto } from "@/domain/items/mutations";
import { CHECK_OUTCOMES, EQUIPMENT_TYPES, LICENSE_CHECK_RESULTS } from "./equipment";
import { WORK_ORDER_STATUSES } from "./status";

export const ZWorkOrderStatus = z.enum(WORK_ORDER_STATUSES);

/** One line (names, models, serials) and free text (notes, reasons, comments): domain/text/rules.ts. */
const text = (max: number) => zLine(max);
const note = (max: number) => zNote(max);

/** `workOrder.transition` v1: a status change the lineman (or office) makes; compare-and-set on `expected`. */
export const ZWorkOrderTransitionArgs = z.object({
  workOrderId: z.uuid(),
  to: ZWorkOrderStatus,
  reason: note(500).default(""),
});
export type TWorkOrderTransitionArgs = z.infer<typeof ZWorkOrderTransitionArgs>;

export const ZWorkOrderExpected = z.object({ from: ZWorkOrderStatus, version: z.number().int().min(1) });
export type TWorkOrderExpected = z.infer<typeof ZWorkOrderExpected>;

/** A PBX's details as the lineman typed them (v1/v2 only; today's phones show the linked application, ADR 0039). */
export const ZPbxDetails = z.object({
  capacity: text(60).min(1, { error: "validation.required" }),
  standard: text(60).min(1, { error: "validation.required" }),
  connection: text(60).min(1, { error: "validation.required" }),
  power: text(60).min(1, { error: "validation.required" }),
  trunkLines: z.number({ error: "validation.required" }).int().min(0).max(10_000),
  inspection: z.enum(["passed", "failed"], { error: "validation.required" }),
  inspectionNote: note(500).default(""),
});

/** The label as read: old paper label, new mark, or none (equipment without a label fails as unknown). */
export const ZCheckedLabel = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("license_old"),
    licenseNo: z.string().regex(/^\d{2}-[A-Z]\d{3}-\d{6}$/, { error: "validation.licenseNo" }),
    model: text(40).nullable().default(null),
    scrambleCode: z
      .string()
      .regex(/^[A-Z0-9]{6,16}$/)
      .nullable()
      .default(null),
  }),
  z.object({ kind: z.literal("license_mark"), markCode: z.string().regex(/^\d{16,32}$/, { error: "validation.markCode" }) }),
  z.object({ kind: z.literal("none") }),
]);
export type TCheckedLabel = z.infer<typeof ZCheckedLabel>;

/**
 * `workOrder.checkEquipment` v1: an append-only fact. The phone's verdict against its registry copy is kept;
 * the server re-checks against its own registry and flags a difference. Serial and PBX details could be left
 * empty; still accepted as it was (an outbox queued before v2), see ZCheckEquipmentArgs (v3) for today's phones.
 */
export const ZCheckEquipmentArgsV1 = z.object({
  checkId: z.uuid(),
  workOrderId: z.uuid(),
  equipmentType: z.enum(EQUIPMENT_TYPES),
  label: ZCheckedLabel,
  equipmentModel: text(60).default(""),
  /** The equipment's own serial number or IMEI. */
  serial: text(40).default(""),
  entry: z.enum(["scan", "typed"]),
  clientResult: z.enum(LICENSE_CHECK_RESULTS),
  clientRegistryVersion: z.iso.datetime({ offset: true }).nullable(),
  outcome: z.enum(CHECK_OUTCOMES),
  note: note(500).default(""),
  pbx: ZPbxDetails.optional(),
  photo: ZPhoto.optional(),
});

/**
 * `workOrder.checkEquipment` v2: as v1, and what the form asked for was required (issue 10, defect 5): the serial or
 * IMEI, and for a PBX its application details and the inspection result typed by the lineman. Still accepted as it
 * was (an outbox queued before v3).
 */
export const ZCheckEquipmentArgsV2 = ZCheckEquipmentArgsV1.extend({
  serial: text(40).min(1, { error: "validation.required" }),
  /** A correction: the earlier check of the same order this one replaces (ADR 0021; until the self-check). */
  supersedes: z.uuid().optional(),
}).superRefine((a, ctx) => {
  if (a.equipmentType === "pbx" && a.pbx === undefined) ctx.addIssue({ code: "custom", path: ["pbx"], message: "validation.required" });
});

/**
 * `workOrder.checkEquipment` v3 (CHECK_EQUIPMENT_VERSION, ADR 0039 §6): as v2 without the PBX details. A PBX's
 * application and its inspection are the office's (customer service records it, the inspectors pass it); the lineman
 * checks the label, and connects the PBX only when the order is linked to that application and it passed
 * (`pbx_inspection_required`). PBX details sent anyway are dropped.
 */
export const ZCheckEquipmentArgs = ZCheckEquipmentArgsV1.omit({ pbx: true }).extend({
  serial: text(40).min(1, { error: "validation.required" }),
  supersedes: z.uuid().optional(),
});
export type TCheckEquipmentArgs = z.infer<typeof ZCheckEquipmentArgsV1> & { supersedes?: string };

/** The version today's phones queue `workOrder.checkEquipment` with; the server accepts every one (by version). */
export const CHECK_EQUIPMENT_VERSION = 3;
/** The schema of each accepted version of `workOrder.checkEquipment`. */
export const CHECK_EQUIPMENT_SCHEMAS = { 1: ZCheckEquipmentArgsV1, 2: ZCheckEquipmentArgsV2, 3: ZCheckEquipmentArgs } as const;

/** A signature as drawn: PNG (≤ 256 KB decoded) plus signature_pad's strokes. */
export const MAX_SIGNATURE_BYTES = 256 * 1024;
export const ZSignature = z.object({
  mime: z.literal("image/png"),
  base64: z
    .string()
    .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4, { error: "validation.signatureTooLarge" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "validation.photoEncoding" }),
  /** signature_pad's toData(): point groups, kept as vectors. */
  strokes: z
    .array(
      // signature_pad's point group, field by field (nothing else is stored as evidence)
      z.object({
        points: z.array(z.object({ x: z.number(), y: z.number(), time: z.number(), pressure: z.number().optional() })).max(5000),
        penColor: z.string().max(40).optional(),
        dotSize: z.number().optional(),
        minWidth: z.number().optional(),
        maxWidth: z.number().optional(),
        velocityFilterWeight: z.number().optional(),
        compositeOperation: z.string().max(40).optional(),
      }),
    )
    .max(200),
});
export type TSignature = z.infer<typeof ZSignature>;

/** `workOrder.selfCheck` v1: the lineman's checklist and signature (the self-check mark); work_done follows. */
export const ZSelfCheckArgs = z.object({
  workOrderId: z.uuid(),
  checklist: z.record(z.string().max(40), z.boolean()).refine((c) => Object.keys(c).length <= 20, { error: "validation.tooLong" }),
  signature: ZSignature,
});
export type TSelfCheckArgs = z.infer<typeof ZSelfCheckArgs>;

export const ZRatings = z.object({
  attitude: z.number().int().min(1).max(5),
  onTime: z.number().int().min(1).max(5),
});

/** `workOrder.customerSign` v1: the customer's evaluation and signature with the evidence hash made at capture. */
export const ZCustomerSignArgs = z.object({
  workOrderId: z.uuid(),
  // evidence: hashed on the phone as typed (domain/text/rules.ts zVerbatim)
  signerName: zVerbatim("line", 60).min(1, { error: "validation.required" }),
  ratings: ZRatings,
  comment: zVerbatim("note", 1000).default(""),
  signature: ZSignature,
  snapshot: z.record(z.string(), z.unknown()),
  evidenceHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TCustomerSignArgs = z.infer<typeof ZCustomerSignArgs>;

/** `workOrder.customerRefuse` v1: the customer refused to sign, with the reason. */
export const ZCustomerRefuseArgs = z.object({
  workOrderId: z.uuid(),
  reason: note(500).min(1, { error: "validation.required" }),
  signerName: text(60).default(""),
});
export type TCustomerRefuseArgs = z.infer<typeof ZCustomerRefuseArgs>;

/**
 * `workOrder.withdrawCheck` v1: the lineman takes back an equipment check recorded in error, before the self-check
 * (ADR 0021). A fact of its own: the check stays on record, marked withdrawn; sign-off and PDF leave it out.
 */
export const ZWithdrawCheckArgs = z.object({
  workOrderId: z.uuid(),
  checkId: z.uuid(),
  reason: note(200).default(""),
});
export type TWithdrawCheckArgs = z.infer<typeof ZWithdrawCheckArgs>;

/** `workOrder.addPhoto` v1: a photo attached to the work order. */
export const ZAddWorkOrderPhotoArgs = z.object({
  workOrderId: z.uuid(),
  photo: ZPhoto,
  caption: note(200).default(""),
});

/** The work-order domain's offline mutations with the schema versions the server still accepts (public contract). */
export const WORK_ORDER_MUTATION_VERSIONS = {
  "workOrder.transition": [1],
  /** v3 (CHECK_EQUIPMENT_VERSION): no typed PBX details; the order's linked application decides (ADR 0039). */
  "workOrder.checkEquipment": [1, 2, 3],
  /** v2 (SELF_CHECK_VERSION, service-record.ts): no service-record tick; terminal maintenance needs the record. */
  "workOrder.selfCheck": [1, 2],
  "workOrder.customerSign": [1],
  "workOrder.customerRefuse": [1],
  "workOrder.addPhoto": [1],
  "workOrder.withdrawCheck": [1],
  /** The terminal-maintenance service record (服务记录表), ZServiceRecordArgs in service-record.ts. */
  "workOrder.serviceRecord": [1],
} as const;
