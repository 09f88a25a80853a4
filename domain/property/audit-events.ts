/**
 * Audit payloads of customer property (spread into domain/audit/events.ts's union, ADR 0039): applications and works
 * recorded, documents kept, rounds scheduled and submitted with each inspector's signature, letters, rectification
 * reported, connection, cancellation, the item lists and maintenance agreements. A round submitted from a phone
 * carries its mutation and device.
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { AGREEMENT_KINDS, CASE_KINDS, DOCUMENT_KINDS, ITEM_RESULTS, ROUND_STATUSES } from "./model";

const fromPhone = { mutationId: z.string().nullable(), deviceId: z.string().nullable() };
const step = { code: z.string(), kind: z.enum(CASE_KINDS), note: z.string() };

export const PROPERTY_AUDIT_EVENTS = [
  z.object({
    name: z.literal("property.pbxRecorded"),
    payload: z.object({ code: z.string(), customerName: z.string(), certificateNo: z.string(), model: z.string(), verdict: z.string() }),
  }),
  z.object({
    name: z.literal("property.worksRecorded"),
    payload: z.object({
      code: z.string(),
      customerName: z.string(),
      projectName: z.string(),
      agreementKind: z.enum(AGREEMENT_KINDS),
      signatureSha256: z.string().nullable(),
    }),
  }),
  z.object({
    name: z.literal("property.documentAdded"),
    payload: z.object({ code: z.string(), kind: z.enum(DOCUMENT_KINDS), fileName: z.string(), sha256: z.string(), bytes: z.number().int() }),
  }),
  z.object({
    name: z.literal("property.roundScheduled"),
    payload: z.object({
      ...step,
      roundNo: z.number().int(),
      scheduledFor: z.string(),
      inspectors: z.array(z.object({ userId: z.string(), department: z.enum(DEPARTMENTS).nullable() })),
      departments: z.array(z.enum(DEPARTMENTS)),
      items: z.array(z.string()),
    }),
  }),
  z.object({ name: z.literal("property.roundCancelled"), payload: z.object({ ...step, roundNo: z.number().int() }) }),
  z.object({
    name: z.literal("property.roundSubmitted"),
    payload: z.object({
      ...step,
      roundNo: z.number().int(),
      verdict: z.enum(ROUND_STATUSES).nullable(),
      results: z.array(
        z.object({
          clause: z.string(),
          result: z.enum(ITEM_RESULTS),
          measurement: z.string(),
          /** The first photo (every event has it); `photoSha256s` all of them, on events since several photos (issue 16). */
          photoSha256: z.string().nullable(),
          photoSha256s: z.array(z.string()).optional(),
        }),
      ),
      signatures: z.array(z.object({ userId: z.string(), sha256: z.string() })),
      inspectedAt: z.string(),
      /** false for a part of a large round before its last (the round is submitted with the last). */
      final: z.boolean(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("property.letterIssued"),
    payload: z.object({ ...step, letterCode: z.string(), deadline: z.string(), items: z.array(z.string()) }),
  }),
  z.object({ name: z.literal("property.rectificationReported"), payload: z.object({ ...step, letterCode: z.string().nullable() }) }),
  z.object({ name: z.literal("property.connected"), payload: z.object({ ...step, workOrderCode: z.string().nullable() }) }),
  z.object({ name: z.literal("property.cancelled"), payload: z.object({ ...step }) }),
  z.object({
    name: z.literal("property.itemSaved"),
    payload: z.object({ kind: z.enum(CASE_KINDS), clause: z.string(), textZh: z.string(), active: z.boolean() }),
  }),
  z.object({
    name: z.literal("maintenance.recorded"),
    payload: z.object({ code: z.string(), customerName: z.string(), startsOn: z.string(), endsOn: z.string(), equipment: z.array(z.string()) }),
  }),
  z.object({ name: z.literal("maintenance.ended"), payload: z.object({ code: z.string(), reason: z.string(), status: z.string() }) }),
] as const;
