/**
 * Inputs of quality (ADR 0038): the checker's offline walk (`spotCheck.submit`) and the office's steps (plan a check,
 * mark a sampled work order, decide on a nonconformity, the corrective-action record's steps, the billing check).
 * Messages are catalogue keys (`validation.*`, `quality.validation.*`).
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ITEM_KINDS, ITEM_STATUSES } from "@/domain/items/labels";
import { ZPhoto } from "@/domain/items/mutations";
import { zLine, zNote } from "@/domain/text/rules";
import { ZDay } from "@/domain/work-orders/schemas";
import { CAUSE_CATEGORIES, CHECK_TARGETS, LABEL_KINDS, LABEL_RESULTS, NC_FINDINGS, NC_SOURCES, NC_STATUSES, ORDER_RESULTS, CA_STATUSES } from "./model";

const required = (max: number) => zLine(max).min(1, { error: "validation.required" });
const requiredNote = (max: number) => zNote(max).min(1, { error: "validation.required" });
/** A scanned tag as read (any of the app's tag formats: stock, equipment, instrument); upper-case letters, digits, dashes. */
export const ZAnyTag = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { error: "quality.validation.tag" });
export const ZMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: "quality.validation.month" });

export const MAX_MARKS = 500;

/** One mark of the walk: a scanned tag (or a subject in words when it carries none), what it should be, the mark. */
export const ZCheckMark = z.object({
  id: z.uuid(),
  tag: ZAnyTag.nullable(),
  /** What was looked at when there is no tag ("counter 2 service guide"); with a tag, optional. */
  subject: zLine(200).default(""),
  labelKind: z.enum(LABEL_KINDS),
  result: z.enum(LABEL_RESULTS),
  /** What the phone's copy said it should be (kept as evidence of what the checker was shown). */
  expected: z
    .object({ kind: z.enum(ITEM_KINDS), status: z.enum(ITEM_STATUSES), zoneCode: z.string().max(40).nullable() })
    .nullable()
    .default(null),
  note: zNote(500).default(""),
  photo: ZPhoto.optional(),
  markedAt: z.iso.datetime(),
});
export type TCheckMark = z.infer<typeof ZCheckMark>;

/**
 * `spotCheck.submit` v1: a walk made on the phone, maybe offline, submitted once (in parts when it is large). A planned check gives its id; an
 * unplanned one is made on the phone (its id, the zone walked). Every finding becomes a nonconformity on the server.
 */
export const ZSubmitCheckArgs = z
  .object({
    id: z.uuid(),
    planned: z.boolean(),
    zoneCode: zLine(40).nullable().default(null),
    marks: z.array(ZCheckMark).min(1, { error: "quality.validation.noMarks" }).max(MAX_MARKS),
    note: zNote(1000).default(""),
    /**
     * A walk whose photos do not fit one change (MAX_SINGLE_MUTATION_BYTES) goes in parts, in order, each with some
     * marks: every part but the last says `final: false`; the last submits the check.
     */
    final: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.marks.forEach((m, i) => {
      if (m.tag === null && m.subject.trim() === "") ctx.addIssue({ code: "custom", path: ["marks", i, "subject"], message: "quality.validation.subject" });
      if (m.result !== "correct" && !m.photo) ctx.addIssue({ code: "custom", path: ["marks", i, "photo"], message: "quality.validation.photo" });
      if (m.tag !== null) {
        if (seen.has(m.tag)) ctx.addIssue({ code: "custom", path: ["marks", i, "tag"], message: "quality.validation.tagTwice" });
        seen.add(m.tag);
      }
    });
  });
export type TSubmitCheckArgs = z.infer<typeof ZSubmitCheckArgs>;

export const QUALITY_MUTATION_VERSIONS = {
  "spotCheck.submit": [1],
} as const;

// ── Office steps (online) ──────────────────────────────────────────────────────────────────────

/** Plan a check: a zone, a department's equipment and instruments, or a sample of work orders closed in a range. */
export const ZPlanCheckInput = z
  .object({
    target: z.enum(CHECK_TARGETS),
    zoneCode: zLine(40).nullable().default(null),
    department: z.enum(DEPARTMENTS).nullable().default(null),
    from: ZDay.nullable().default(null),
    to: ZDay.nullable().default(null),
    sampleSize: z.number().int().min(1).max(200).default(10),
    plannedFor: ZDay,
    assigneeId: z.uuid({ error: "validation.required" }),
    note: zNote(500).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.target === "zone" && !v.zoneCode) ctx.addIssue({ code: "custom", path: ["zoneCode"], message: "validation.required" });
    if (v.target === "department" && !v.department) ctx.addIssue({ code: "custom", path: ["department"], message: "validation.required" });
    if (v.target === "work_orders") {
      if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "validation.required" });
      if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.required" });
      if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "desk.validation.dateRange" });
    }
  });
export type TPlanCheckInput = z.infer<typeof ZPlanCheckInput>;
export type TPlanCheckForm = z.input<typeof ZPlanCheckInput>;

/** Mark one sampled work order of a work-order check. */
export const ZMarkOrderInput = z
  .object({
    checkId: z.uuid(),
    workOrderId: z.uuid(),
    result: z.enum(ORDER_RESULTS),
    note: zNote(500).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.result !== "ok" && v.note.trim() === "") ctx.addIssue({ code: "custom", path: ["note"], message: "quality.validation.noteForFinding" });
  });
export type TMarkOrderInput = z.infer<typeof ZMarkOrderInput>;

/** A work-order check is finished: its findings become nonconformities. */
export const ZFinishOrderCheckInput = z.object({ checkId: z.uuid() });

/** Raise a nonconformity by hand (a source other than a check: a complaint's improvement, an instrument without a permit, …). */
export const ZRaiseNcInput = z.object({
  source: z.enum(NC_SOURCES),
  sourceRef: zLine(60).default(""),
  finding: z.enum(NC_FINDINGS),
  labelKind: z.enum(LABEL_KINDS).nullable().default(null),
  department: z.enum(DEPARTMENTS, { error: "validation.required" }),
  description: requiredNote(2000),
});
export type TRaiseNcInput = z.infer<typeof ZRaiseNcInput>;

/** Quality decides: send the record to the department (with what is wrong and by when), or close without one. */
export const ZDecideNcInput = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("send"),
    ncId: z.uuid(),
    version: z.number().int().min(1),
    description: requiredNote(2000),
    requiredBy: ZDay,
  }),
  z.object({ decision: z.literal("close"), ncId: z.uuid(), version: z.number().int().min(1), reason: requiredNote(1000) }),
]);
export type TDecideNcInput = z.infer<typeof ZDecideNcInput>;

/** Every step is signed: the person confirms with their password-less tap as themselves (`sign: true`), dated by the server. */
const signed = { sign: z.literal(true, { error: "quality.validation.sign" }), version: z.number().int().min(1), actionId: z.uuid() };

/** The department head's plan: cause analysis (with its category), the correction, the corrective action, who does it by when. */
export const ZPlanActionInput = z.object({
  ...signed,
  causeAnalysis: requiredNote(2000),
  causeCategory: z.enum(CAUSE_CATEGORIES, { error: "validation.required" }),
  correction: requiredNote(2000),
  correctiveAction: requiredNote(2000),
  preventiveAction: zNote(2000).default(""),
  ownerId: z.uuid({ error: "validation.required" }),
  dueOn: ZDay,
});
export type TPlanActionInput = z.infer<typeof ZPlanActionInput>;
export type TPlanActionForm = z.input<typeof ZPlanActionInput>;

/** The owner (or head) reports the action done. */
export const ZImplementActionInput = z.object({ ...signed, note: requiredNote(2000) });
export type TImplementActionInput = z.infer<typeof ZImplementActionInput>;

/** Quality verifies: effective (closes) or not (a new round), with what was checked; optionally a follow-up spot-check. */
export const ZVerifyActionInput = z.object({
  ...signed,
  effective: z.boolean(),
  note: requiredNote(2000),
  followUpCheckId: z.uuid().nullable().default(null),
  /** Not effective: the new date the department must plan by. */
  requiredBy: ZDay.nullable().default(null),
});
export type TVerifyActionInput = z.infer<typeof ZVerifyActionInput>;

export const ZNcFilter = z.object({
  status: z.enum(NC_STATUSES).nullable().default(null),
  department: z.enum(DEPARTMENTS).nullable().default(null),
  source: z.enum(NC_SOURCES).nullable().default(null),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type TNcFilter = z.infer<typeof ZNcFilter>;

export const ZActionFilter = z.object({
  status: z.enum(CA_STATUSES).nullable().default(null),
  department: z.enum(DEPARTMENTS).nullable().default(null),
  overdueOnly: z.boolean().default(false),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type TActionFilter = z.infer<typeof ZActionFilter>;

/** The month's billing check, recorded by the switching and transmission office. */
export const ZRecordBillingInput = z
  .object({
    checkId: z.uuid(),
    version: z.number().int().min(1),
    callsPlaced: z.number({ error: "validation.required" }).int().min(1, { error: "quality.validation.calls" }).max(1_000_000),
    billedCorrectly: z.number({ error: "validation.required" }).int().min(0).max(1_000_000),
    instrumentTag: required(40),
    note: zNote(1000).default(""),
    /** Attachments (call logs, bills), kept as evidence by their hash. */
    attachments: z.array(ZPhoto).max(5).default([]),
  })
  .refine((v) => v.billedCorrectly <= v.callsPlaced, { path: ["billedCorrectly"], error: "quality.validation.billedMoreThanPlaced" });
export type TRecordBillingInput = z.infer<typeof ZRecordBillingInput>;
export type TRecordBillingForm = z.input<typeof ZRecordBillingInput>;

/** Quality sets the threshold (per cent of calls billed right, 90–100). */
export const ZSetThresholdInput = z.object({
  thresholdPct: z
    .number({ error: "validation.required" })
    .min(90, { error: "quality.validation.threshold" })
    .max(100, { error: "quality.validation.threshold" }),
});

export const ZOpenMonthInput = z.object({ month: ZMonth });
