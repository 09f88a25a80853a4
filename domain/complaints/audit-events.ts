/**
 * Audit payloads of complaints (spread into domain/audit/events.ts's union): every step of a form, its escalations
 * and the changes to the register and the policy. A record made on a phone carries the mutation and device.
 */
import { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { LIMIT_UNITS } from "./deadlines";
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, ESCALATION_CAUSES, ESCALATION_LEVELS } from "./model";

const ZStatus = z.enum(COMPLAINT_STATUSES);

export const COMPLAINT_AUDIT_EVENTS = [
  /** Any step of a form (recorded, classified, … closed): the timeline's row, with what it set. */
  z.object({
    name: z.literal("complaint.step"),
    payload: z.object({
      code: z.string(),
      action: z.enum(COMPLAINT_ACTIONS),
      from: ZStatus.nullable(),
      to: ZStatus,
      versionAfter: z.number().int(),
      /** The facts the step set (category, department, result, reply method, signature hash…). */
      set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
      mutationId: z.string().nullable(),
      deviceId: z.string().nullable(),
    }),
  }),
  z.object({
    name: z.literal("complaint.escalated"),
    payload: z.object({
      code: z.string(),
      level: z.enum(ESCALATION_LEVELS),
      cause: z.enum(ESCALATION_CAUSES),
      reason: z.string(),
      dueAt: z.string().nullable(),
      automatic: z.boolean(),
    }),
  }),
  z.object({
    name: z.literal("complaint.keyCustomerSaved"),
    payload: z.object({ name: z.string(), category: z.string(), active: z.boolean(), created: z.boolean() }),
  }),
  z.object({
    name: z.literal("complaint.policySet"),
    payload: z.object({
      version: z.number().int(),
      note: z.string(),
      changed: z.array(z.object({ tier: z.string(), type: z.string(), from: z.string().nullable(), to: z.string() })),
    }),
  }),
  z.object({
    name: z.literal("complaint.categorySaved"),
    payload: z.object({ code: z.string(), department: z.enum(DEPARTMENTS), active: z.boolean(), created: z.boolean() }),
  }),
  z.object({ name: z.literal("complaint.summaryProduced"), payload: z.object({ month: z.string(), forms: z.number().int(), automatic: z.boolean() }) }),
] as const;

/** A limit as the audit trail prints it ("4 hours", "1 days"). */
export function limitText(l: { unit: (typeof LIMIT_UNITS)[number]; value: number }): string {
  return `${l.value} ${l.unit}`;
}
