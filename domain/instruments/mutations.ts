/**
 * Offline mutations of instruments (public contract: names and versions in domain/sync/protocol.ts; an outbox
 * written by an old build must still be accepted after a deploy). Ids are made on the phone, so a resend never
 * records anything twice. No `expected`: the server decides on the instrument's current state.
 */
import { z } from "zod";
import { zLine, zNote } from "@/domain/text/rules";
import { ZPhoto } from "@/domain/items/mutations";
import { ZSignature } from "@/domain/work-orders/mutations";
import { isIsoDate } from "@/domain/time/calendar";
import { MAX_ACCESSORIES, MAX_ACCESSORY_LENGTH } from "./accessories";
import { CARE_KINDS, CONDITIONS, LOAN_TERMS } from "./names";

/** Free text (purposes, notes, descriptions): domain/text/rules.ts. */
const text = (max: number) => zNote(max);

export const ZIsoDate = z.string().refine(isIsoDate, { error: "instruments.validation.date" });
export const ZCondition = z.enum(CONDITIONS);

/**
 * `instrument.borrow` v1: a request by scan. Since issue 16 (ADR 0040) a short one waits for the custodian to hand the
 * instrument out, a long one for the department head and then the custodian (before: a short loan started at once).
 */
export const ZBorrowArgs = z
  .object({
    loanId: z.uuid(),
    instrumentId: z.uuid(),
    term: z.enum(LOAN_TERMS),
    /** Short-term only: default and latest = the borrow day + 1 month. */
    dueOn: ZIsoDate.optional(),
    purpose: text(300).default(""),
  })
  .refine((a) => a.term === "short" || a.dueOn === undefined, { error: "instruments.validation.dueOnShortOnly", path: ["dueOn"] })
  .refine((a) => a.term === "short" || a.purpose.length > 0, { error: "validation.required", path: ["purpose"] });
export type TBorrowArgs = z.infer<typeof ZBorrowArgs>;

/**
 * `instrument.return` v1: by the holder, with the condition: since issue 16 a return request the custodian confirms
 * (`instrument.confirmReturn`); by the custodian, the return itself (no accessory check recorded).
 */
export const ZReturnArgs = z.object({
  loanId: z.uuid(),
  instrumentId: z.uuid(),
  condition: ZCondition,
  note: text(500).default(""),
});
export type TReturnArgs = z.infer<typeof ZReturnArgs>;

/** `instrument.handOver` v1: the holder offers the instrument to a named colleague and signs. */
export const ZHandOverArgs = z.object({
  handoverId: z.uuid(),
  instrumentId: z.uuid(),
  loanId: z.uuid(),
  toUsername: zLine(60).toLowerCase().min(1, { error: "validation.required" }),
  condition: ZCondition,
  note: text(500).default(""),
  signature: ZSignature,
});
export type THandOverArgs = z.infer<typeof ZHandOverArgs>;

/** `instrument.acceptHandOver` v1: the named colleague takes it over and signs; since issue 16 the custodian confirms. */
export const ZAcceptHandOverArgs = z.object({
  handoverId: z.uuid(),
  condition: ZCondition,
  note: text(500).default(""),
  signature: ZSignature,
});
export type TAcceptHandOverArgs = z.infer<typeof ZAcceptHandOverArgs>;

/** `instrument.declineHandOver` v1 (by the receiver) and `instrument.cancelHandOver` v1 (by the giver). */
export const ZDeclineHandOverArgs = z.object({ handoverId: z.uuid(), note: text(500).default("") });
export type TDeclineHandOverArgs = z.infer<typeof ZDeclineHandOverArgs>;
export const ZCancelHandOverArgs = z.object({ handoverId: z.uuid() });
export type TCancelHandOverArgs = z.infer<typeof ZCancelHandOverArgs>;

/** `instrument.reportFault` v1: opens a fault; the instrument is not lent until the repairer's result. */
export const ZReportFaultArgs = z.object({
  faultId: z.uuid(),
  instrumentId: z.uuid(),
  description: text(1000).min(1, { error: "validation.required" }),
  photo: ZPhoto.optional(),
});
export type TReportFaultArgs = z.infer<typeof ZReportFaultArgs>;

/** `instrument.recordCare` v1: routine care (power-on, dusting) into the usage file. */
export const ZRecordCareArgs = z.object({
  entryId: z.uuid(),
  instrumentId: z.uuid(),
  care: z
    .array(z.enum(CARE_KINDS))
    .min(1, { error: "validation.required" })
    .max(CARE_KINDS.length)
    .refine((c) => new Set(c).size === c.length, { error: "instruments.validation.duplicate" }),
  note: text(500).default(""),
});
export type TRecordCareArgs = z.infer<typeof ZRecordCareArgs>;

/** What the custodian found missing of the manual and accessories (the checklist's names); none missing: `[]`. */
export const ZCheck = z.object({
  missing: z
    .array(zLine(MAX_ACCESSORY_LENGTH).min(1, { error: "validation.required" }))
    .max(MAX_ACCESSORIES * 2)
    .refine((m) => new Set(m).size === m.length, { error: "instruments.validation.duplicate" }),
});
export type TCheck = z.infer<typeof ZCheck>;

/**
 * `instrument.issue` v1 (the custodian, issue 16): hands the instrument out to `borrowerUsername` with the manual and
 * accessories checked. `loanId` names the borrower's request being confirmed (short, or long approved by the head),
 * or is new for a short loan handed out directly. `dueOn` (short only) counts from the issue day.
 */
export const ZIssueArgs = z.object({
  loanId: z.uuid(),
  instrumentId: z.uuid(),
  borrowerUsername: zLine(60).toLowerCase().min(1, { error: "validation.required" }),
  dueOn: ZIsoDate.optional(),
  purpose: text(300).default(""),
  check: ZCheck,
});
export type TIssueArgs = z.infer<typeof ZIssueArgs>;

/** `instrument.closeRequest` v1: the borrower withdraws a request, or the custodian declines it (a reason needed). */
export const ZCloseRequestArgs = z.object({ loanId: z.uuid(), note: text(500).default("") });
export type TCloseRequestArgs = z.infer<typeof ZCloseRequestArgs>;

/** `instrument.confirmReturn` v1 (the custodian): the instrument is back, its condition noted, accessories checked. */
export const ZConfirmReturnArgs = z.object({
  loanId: z.uuid(),
  instrumentId: z.uuid(),
  condition: ZCondition,
  note: text(500).default(""),
  check: ZCheck,
});
export type TConfirmReturnArgs = z.infer<typeof ZConfirmReturnArgs>;

/** `instrument.confirmHandOver` v1 (the custodian): a hand-over both signed is confirmed (the loan moves) or refused. */
export const ZConfirmHandOverArgs = z.object({
  handoverId: z.uuid(),
  decision: z.enum(["confirm", "refuse"]),
  note: text(500).default(""),
});
export type TConfirmHandOverArgs = z.infer<typeof ZConfirmHandOverArgs>;

/** Mutation name → its args schema (v1): the phone validates before queueing, the server again on push. */
export const INSTRUMENT_MUTATION_ARGS = {
  "instrument.borrow": ZBorrowArgs,
  "instrument.return": ZReturnArgs,
  "instrument.handOver": ZHandOverArgs,
  "instrument.acceptHandOver": ZAcceptHandOverArgs,
  "instrument.declineHandOver": ZDeclineHandOverArgs,
  "instrument.cancelHandOver": ZCancelHandOverArgs,
  "instrument.reportFault": ZReportFaultArgs,
  "instrument.recordCare": ZRecordCareArgs,
  "instrument.issue": ZIssueArgs,
  "instrument.closeRequest": ZCloseRequestArgs,
  "instrument.confirmReturn": ZConfirmReturnArgs,
  "instrument.confirmHandOver": ZConfirmHandOverArgs,
} as const;
export type TInstrumentMutationName = keyof typeof INSTRUMENT_MUTATION_ARGS;

/** The instrument domain's offline mutations with the schema versions the server still accepts (public contract). */
export const INSTRUMENT_MUTATION_VERSIONS = {
  "instrument.borrow": [1],
  "instrument.return": [1],
  "instrument.handOver": [1],
  "instrument.acceptHandOver": [1],
  "instrument.declineHandOver": [1],
  "instrument.cancelHandOver": [1],
  "instrument.reportFault": [1],
  "instrument.recordCare": [1],
  "instrument.issue": [1],
  "instrument.closeRequest": [1],
  "instrument.confirmReturn": [1],
  "instrument.confirmHandOver": [1],
} as const;
