/**
 * Inputs of complaints: the phone's offline record (first-asker, `complaint.record`) and every office step, used by
 * the forms and the server alike. Messages are catalogue keys (`validation.*`, `complaints.validation.*`).
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ZPhoto } from "@/domain/items/mutations";
import { zLine, zNote } from "@/domain/text/rules";
import { ZClerkCheck } from "@/domain/work-orders/service-record-schema";
import { phoneDigits } from "./codes";
import { LIMIT_UNITS, MAX_LIMIT } from "./deadlines";
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  ESCALATION_LEVELS,
  FIRST_ASKER_KINDS,
  REPLY_METHODS,
  REQUEST_TYPES,
  SATISFACTION_SCORES,
  SEVERITIES,
} from "./model";

const required = (max: number) => zLine(max).min(1, { error: "validation.required" });

/** A phone number somewhere in the text (a name may go with it): at least 7 digits (full-width ones too, see phoneDigits). */
export const ZCustomerContact = required(80).refine((v) => phoneDigits(v).length >= 7, { error: "complaints.validation.contact" });

/** A 180 complaint centre's reference number (its own numbering): letters, digits and - / only. */
export const ZCentreRef = zLine(40).regex(/^[A-Za-z0-9][A-Za-z0-9\-/]{2,39}$/, { error: "complaints.validation.centreRef" });

/** A category code the quality department maintains (lower-case words). */
export const ZCategoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "complaints.validation.categoryCode" });

export const ZComplaintVersion = z.number({ error: "validation.required" }).int().min(1);

/**
 * `complaint.record` v1: a complaint or inquiry recorded on a phone by whoever was asked first, maybe offline. The id
 * is made on the phone (UUIDv7), so a re-send never records it twice; the server gives the form its number.
 * Answered at once (`answer`): recorded straight as closed, with the answer as its result told on the spot.
 */
export const ZRecordComplaintArgs = z
  .object({
    id: z.uuid(),
    kind: z.enum(FIRST_ASKER_KINDS, { error: "validation.required" }),
    channel: z.enum(COMPLAINT_CHANNELS, { error: "validation.required" }),
    centreRef: ZCentreRef.optional(),
    customerName: required(120),
    contact: ZCustomerContact,
    address: zLine(200).default(""),
    /** The customer's own words. */
    words: zNote(2000).min(1, { error: "validation.required" }),
    photo: ZPhoto.optional(),
    /** Recorded from this work order (its customer). */
    workOrderId: z.uuid().optional(),
    /** Answered at once by the person asked: what they told the customer. */
    answer: zNote(1000).min(1, { error: "validation.required" }).optional(),
    /**
     * v2: the counter clerk's self-check (营业员自检), required when customer service records the form
     * (clerkCheckRequired); absent from v1 (an older outbox), which stays accepted without it.
     */
    clerkCheck: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.channel === "centre_180" && v.centreRef === undefined)
      ctx.addIssue({ code: "custom", path: ["centreRef"], message: "complaints.validation.centreRefRequired" });
    if (v.channel === "centre_180" && v.answer !== undefined)
      ctx.addIssue({ code: "custom", path: ["answer"], message: "complaints.validation.centreNeedsLetter" });
  });
export type TRecordComplaintArgs = z.infer<typeof ZRecordComplaintArgs>;
export type TRecordComplaintForm = z.input<typeof ZRecordComplaintArgs>;

/** The complaints domain's offline mutations with the schema versions the server still accepts (public contract). */
export const COMPLAINT_MUTATION_VERSIONS = {
  /** v2: the clerk's self-check (clerkCheck) when customer service records it. */
  "complaint.record": [1, 2],
} as const;

// ── Office steps (online) ──────────────────────────────────────────────────────────────────────
const ref = { complaintId: z.uuid(), version: ZComplaintVersion };

/** A key customer's service request, filled by customer service (the key-customer service record). */
export const ZCreateServiceRequestInput = z.object({
  keyCustomerId: z.uuid({ error: "validation.required" }),
  serviceType: z.enum(["install", "move", "repair", "maintenance"], { error: "validation.required" }),
  channel: z.enum(COMPLAINT_CHANNELS, { error: "validation.required" }),
  contact: ZCustomerContact,
  address: zLine(200).default(""),
  words: zNote(2000).min(1, { error: "validation.required" }),
  /** Departments concerned, told in writing (a notice and the printable record); the first is responsible. */
  departments: z.array(z.enum(DEPARTMENTS)).min(1, { error: "validation.required" }).max(DEPARTMENTS.length),
  /** The counter clerk's self-check (营业员自检): required by the server (clerk_check_required), stored from the session. */
  clerkCheck: ZClerkCheck,
});
export type TCreateServiceRequestInput = z.infer<typeof ZCreateServiceRequestInput>;

export const ZClassifyInput = z.object({
  ...ref,
  category: ZCategoryCode,
  severity: z.enum(SEVERITIES),
  department: z.enum(DEPARTMENTS, { error: "validation.required" }),
  /** The key customer this is (from the register), or null: decides the tier of the deadline. */
  keyCustomerId: z.uuid().nullable(),
});
export type TClassifyInput = z.infer<typeof ZClassifyInput>;

export const ZNoteStepInput = z.object({ ...ref, note: zNote(2000).min(1, { error: "validation.required" }) });
export const ZAcceptInput = z.object({ ...ref, note: zNote(2000).default("") });
export const ZResolveInput = z.object({ ...ref, result: zNote(2000).min(1, { error: "validation.required" }) });

/** The result told to the customer: how and when (not in the future). */
export const ZReplyInput = z.object({
  ...ref,
  method: z.enum(REPLY_METHODS, { error: "validation.required" }),
  at: z.date({ error: "complaints.validation.when" }),
  note: zNote(1000).default(""),
});

/** The written reply (书面答复): the handling process and the result, as the letter prints them. */
export const ZLetterInput = z.object({
  ...ref,
  process: zNote(4000).min(1, { error: "validation.required" }),
  result: zNote(2000).min(1, { error: "validation.required" }),
});

/** The customer's signature confirming the handling: a PNG drawn on screen, as for work orders. */
export const ZSignInput = z.object({
  ...ref,
  signer: required(80),
  png: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .max(700_000),
});

export const ZEscalateInput = z.object({ ...ref, level: z.enum(ESCALATION_LEVELS), reason: zNote(1000).min(1, { error: "validation.required" }) });
export const ZReviewInput = z.object({ ...ref, level: z.enum(ESCALATION_LEVELS), note: zNote(2000).min(1, { error: "validation.required" }) });
export const ZCallbackInput = z.object({
  ...ref,
  satisfaction: z
    .number({ error: "validation.required" })
    .int()
    .min(SATISFACTION_SCORES[0])
    .max(SATISFACTION_SCORES[SATISFACTION_SCORES.length - 1]!),
  note: zNote(1000).default(""),
});
export const ZCloseInput = z.object({ ...ref, note: zNote(1000).default("") });
export const ZReopenInput = z.object({ ...ref, reason: zNote(1000).min(1, { error: "validation.required" }) });

/** The desk: filters, search (number, customer, phone) and a keyset page. */
export const DESK_STATES = ["open", "overdue", "escalated", "closed", "all"] as const;
export const ZDeskQuery = z.object({
  state: z.enum(DESK_STATES).default("open"),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  channel: z.enum(COMPLAINT_CHANNELS).optional(),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  category: ZCategoryCode.optional(),
  department: z.enum(DEPARTMENTS).optional(),
  keyCustomer: z.boolean().optional(),
  search: zLine(80).optional(),
  /** The last row of the previous page (opaque). */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TDeskQuery = z.input<typeof ZDeskQuery>;

// ── Register and policy (quality department, customer service) ────────────────────────────────
export const ZKeyCustomerInput = z.object({
  id: z.uuid().optional(),
  version: ZComplaintVersion.optional(),
  name: required(120),
  /** Customer category (government, finance, enterprise…), a short word of the register. */
  category: required(40),
  address: zLine(200).default(""),
  contacts: z
    .array(z.object({ name: required(60), phone: ZCustomerContact }))
    .min(1, { error: "validation.required" })
    .max(10),
  notes: zNote(1000).default(""),
  active: z.boolean().default(true),
});
export type TKeyCustomerInput = z.infer<typeof ZKeyCustomerInput>;

export const ZLimit = z
  .object({
    unit: z.enum(LIMIT_UNITS, { error: "complaints.validation.limit" }),
    value: z.number({ error: "complaints.validation.limit" }).int({ error: "complaints.validation.limit" }).min(0, { error: "complaints.validation.limit" }),
  })
  .refine((l) => l.value <= MAX_LIMIT[l.unit] && (l.unit === "days" || l.value >= 1), { error: "complaints.validation.limit" });

const limits = z.object(Object.fromEntries(REQUEST_TYPES.map((t) => [t, ZLimit])) as Record<(typeof REQUEST_TYPES)[number], typeof ZLimit>);
export const ZPolicyInput = z.object({
  key: limits,
  standard: limits,
  /** Why it changed (kept with the version). */
  note: zNote(500).min(1, { error: "validation.required" }),
  /** The version this change was made from (compare-and-set): two editors never overwrite each other. */
  basedOn: z.number().int().min(0),
});
export type TPolicyInput = z.infer<typeof ZPolicyInput>;

export const ZCategoryInput = z.object({
  code: ZCategoryCode,
  nameZh: required(40),
  nameEn: required(60),
  department: z.enum(DEPARTMENTS),
  active: z.boolean().default(true),
});

/** A month of the summary, YYYY-MM. */
export const ZMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: "complaints.validation.month" });
