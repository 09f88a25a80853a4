/**
 * Audit payloads of quality (spread into domain/audit/events.ts's union): checks planned and submitted, nonconformities
 * raised and decided, each signed step of the corrective-action record, the billing check, the threshold, the
 * service record and the clerk's self-check mark. A step made on a phone carries the mutation and device.
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CA_STEPS, CAUSE_CATEGORIES, CHECK_TARGETS, LABEL_KINDS, LABEL_RESULTS, NC_FINDINGS, NC_SOURCES, ORDER_RESULTS } from "./model";

const fromPhone = { mutationId: z.string().nullable(), deviceId: z.string().nullable() };

export const QUALITY_AUDIT_EVENTS = [
  z.object({
    name: z.literal("spotCheck.planned"),
    payload: z.object({
      code: z.string(),
      target: z.enum(CHECK_TARGETS),
      zoneCode: z.string().nullable(),
      department: z.enum(DEPARTMENTS).nullable(),
      assigneeId: z.string(),
      plannedFor: z.string(),
      sampled: z.number().int(),
    }),
  }),
  z.object({
    name: z.literal("spotCheck.submitted"),
    payload: z.object({
      code: z.string(),
      planned: z.boolean(),
      zoneCode: z.string().nullable(),
      marks: z.array(
        z.object({
          tag: z.string().nullable(),
          subject: z.string(),
          labelKind: z.enum(LABEL_KINDS),
          result: z.enum(LABEL_RESULTS),
          photoSha256: z.string().nullable(),
        }),
      ),
      nonconformities: z.array(z.string()),
      /** false for a part of a large walk before its last (the check is submitted with the last). */
      final: z.boolean().optional(),
      ...fromPhone,
    }),
  }),
  z.object({
    name: z.literal("spotCheck.orderMarked"),
    payload: z.object({ code: z.string(), workOrderCode: z.string(), result: z.enum(ORDER_RESULTS), note: z.string() }),
  }),
  z.object({
    name: z.literal("nonconformity.raised"),
    payload: z.object({
      code: z.string(),
      source: z.enum(NC_SOURCES),
      sourceRef: z.string(),
      finding: z.enum(NC_FINDINGS),
      department: z.enum(DEPARTMENTS),
      tag: z.string().nullable(),
    }),
  }),
  z.object({ name: z.literal("nonconformity.closed"), payload: z.object({ code: z.string(), reason: z.string() }) }),
  z.object({
    name: z.literal("correctiveAction.step"),
    payload: z.object({
      code: z.string(),
      ncCode: z.string(),
      round: z.number().int(),
      step: z.enum(CA_STEPS),
      byName: z.string(),
      contentSha256: z.string(),
      causeCategory: z.enum(CAUSE_CATEGORIES).nullable(),
    }),
  }),
  z.object({ name: z.literal("correctiveAction.escalated"), payload: z.object({ code: z.string(), step: z.string(), dueOn: z.string() }) }),
  z.object({ name: z.literal("billing.opened"), payload: z.object({ exchangeCode: z.string(), month: z.string() }) }),
  z.object({
    name: z.literal("billing.recorded"),
    payload: z.object({
      exchangeCode: z.string(),
      month: z.string(),
      callsPlaced: z.number().int(),
      billedCorrectly: z.number().int(),
      accuracyPct: z.number(),
      thresholdPct: z.number(),
      passed: z.boolean(),
      instrumentTag: z.string(),
      attachments: z.array(z.string()),
      ncCode: z.string().nullable(),
    }),
  }),
  z.object({ name: z.literal("billing.overdue"), payload: z.object({ exchangeCode: z.string(), month: z.string() }) }),
  z.object({ name: z.literal("quality.thresholdSet"), payload: z.object({ key: z.string(), from: z.number().nullable(), to: z.number() }) }),
  z.object({
    name: z.literal("workOrder.serviceRecorded"),
    payload: z.object({ code: z.string(), parts: z.number().int(), completion: z.string(), ...fromPhone }),
  }),
  z.object({ name: z.literal("clerk.checked"), payload: z.object({ record: z.enum(["work_order", "complaint"]), code: z.string() }) }),
] as const;
