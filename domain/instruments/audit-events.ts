/**
 * Audit payloads of the instrument domain (spread into domain/audit/events.ts's union). Changes made on a phone
 * carry the mutation and device they came from.
 */
import { z } from "zod";
import { CALIBRATION_RESULTS } from "./calibration";
import { CARE_KINDS, CONDITIONS, DECISIONS, LOAN_TERMS, SCRAP_REASONS } from "./names";

const fromPhone = { mutationId: z.string().nullable(), deviceId: z.string().nullable() };
const tag = { assetTag: z.string() };

export const INSTRUMENT_AUDIT_EVENTS = [
  z.object({ name: z.literal("instrument.registered"), payload: z.object({ ...tag, via: z.enum(["form", "csv"]) }) }),
  z.object({ name: z.literal("instrument.updated"), payload: z.object({ ...tag, changed: z.array(z.string()) }) }),
  z.object({ name: z.literal("instrument.imported"), payload: z.object({ created: z.number().int(), badRows: z.number().int() }) }),
  z.object({
    name: z.literal("instrument.borrowed"),
    payload: z.object({ ...tag, loanId: z.string(), term: z.enum(LOAN_TERMS), borrowedOn: z.string(), dueOn: z.string(), ...fromPhone }),
  }),
  z.object({ name: z.literal("instrument.loanRequested"), payload: z.object({ ...tag, loanId: z.string(), purpose: z.string(), ...fromPhone }) }),
  z.object({
    name: z.literal("instrument.loanDecided"),
    payload: z.object({ ...tag, loanId: z.string(), decision: z.enum(DECISIONS), reason: z.string(), dueOn: z.string().nullable() }),
  }),
  z.object({
    name: z.literal("instrument.returned"),
    payload: z.object({
      ...tag,
      loanId: z.string(),
      condition: z.enum(CONDITIONS),
      faultId: z.string().nullable(),
      ...fromPhone,
      /** Issue 16: what the custodian found missing on return, and of that what was there at issue (lost on this loan). */
      missing: z.array(z.string()).optional(),
      lost: z.array(z.string()).optional(),
    }),
  }),
  // issue 16 (ADR 0040): issue and return at Technology Development
  z.object({
    name: z.literal("instrument.issued"),
    payload: z.object({
      ...tag,
      loanId: z.string(),
      borrowerId: z.string(),
      term: z.enum(LOAN_TERMS),
      issuedOn: z.string(),
      dueOn: z.string().nullable(),
      fromRequest: z.boolean(),
      missing: z.array(z.string()),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("instrument.requestClosed"),
    payload: z.object({ ...tag, loanId: z.string(), as: z.enum(["cancel", "decline", "superseded"]), note: z.string(), ...fromPhone }),
  }),
  z.object({
    name: z.literal("instrument.returnRequested"),
    payload: z.object({ ...tag, loanId: z.string(), condition: z.enum(CONDITIONS), faultId: z.string().nullable(), ...fromPhone }),
  }),
  z.object({
    name: z.literal("instrument.handOverConfirmed"),
    payload: z.object({ ...tag, handoverId: z.string(), decision: z.enum(["confirm", "refuse"]), newLoanId: z.string().nullable(), ...fromPhone }),
  }),
  z.object({ name: z.literal("instrument.scrapProposed"), payload: z.object({ ...tag, requestId: z.string(), reason: z.enum(SCRAP_REASONS) }) }),
  z.object({
    name: z.literal("instrument.scrapVerified"),
    payload: z.object({
      ...tag,
      requestId: z.string(),
      decision: z.enum(["verify", "decline"]),
      reason: z.enum(SCRAP_REASONS),
      approverId: z.string().nullable(),
    }),
  }),
  z.object({
    name: z.literal("instrument.settingsChanged"),
    payload: z.object({ department: z.string(), longLoanMonths: z.number().int().nullable(), scrapApproverId: z.string().nullable() }),
  }),
  z.object({
    name: z.literal("instrument.handOverOffered"),
    payload: z.object({
      ...tag,
      handoverId: z.string(),
      loanId: z.string(),
      toUserId: z.string(),
      condition: z.enum(CONDITIONS),
      signatureSha256: z.string(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("instrument.handOverAnswered"),
    payload: z.object({
      ...tag,
      handoverId: z.string(),
      answer: z.enum(["accepted", "declined", "cancelled"]),
      newLoanId: z.string().nullable(),
      condition: z.enum(CONDITIONS).nullable(),
      signatureSha256: z.string().nullable(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("instrument.faultReported"),
    payload: z.object({ ...tag, faultId: z.string(), photoSha256: z.string().nullable(), ...fromPhone }),
  }),
  z.object({ name: z.literal("instrument.careRecorded"), payload: z.object({ ...tag, entryId: z.string(), care: z.array(z.enum(CARE_KINDS)), ...fromPhone }) }),
  z.object({
    name: z.literal("instrument.calibrated"),
    payload: z.object({
      ...tag,
      calibrationId: z.number().int(),
      certificateNo: z.string(),
      calibratedOn: z.string(),
      result: z.enum(CALIBRATION_RESULTS),
      fileSha256: z.string().nullable(),
    }),
  }),
  z.object({ name: z.literal("instrument.sentToRepair"), payload: z.object({ ...tag, repairer: z.string(), faultIds: z.array(z.string()) }) }),
  z.object({ name: z.literal("instrument.repairCompleted"), payload: z.object({ ...tag, outcome: z.enum(["repaired", "beyond_repair"]) }) }),
  z.object({ name: z.literal("instrument.scrapRequested"), payload: z.object({ ...tag, requestId: z.string(), reason: z.enum(SCRAP_REASONS) }) }),
  z.object({
    name: z.literal("instrument.scrapDecided"),
    payload: z.object({ ...tag, requestId: z.string(), decision: z.enum(DECISIONS), reason: z.string() }),
  }),
] as const;
