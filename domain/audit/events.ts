import { z } from "zod";
import { ZDepartment, ZRole } from "@/domain/auth/schemas";
import { ZItemStatus } from "@/domain/items/mutations";
import { LABEL_REASONS } from "@/domain/items/labels";
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from "@/domain/work-orders/status";
import { INSTRUMENT_AUDIT_EVENTS } from "@/domain/instruments/audit-events";

/** Audit payloads: one schema per event name (house rule 4). New events are added here first. */
export const ZAuditEvent = z.discriminatedUnion("name", [
  z.object({ name: z.literal("user.loggedIn"), payload: z.object({ ip: z.string() }) }),
  z.object({ name: z.literal("user.loggedOut"), payload: z.object({ everywhere: z.boolean() }) }),
  z.object({
    name: z.literal("user.created"),
    payload: z.object({ username: z.string(), role: ZRole, department: ZDepartment }),
  }),
  z.object({
    name: z.literal("user.updated"),
    payload: z.object({
      from: z.object({ displayName: z.string(), role: ZRole, department: ZDepartment }),
      to: z.object({ displayName: z.string(), role: ZRole, department: ZDepartment }),
    }),
  }),
  z.object({ name: z.literal("user.passwordReset"), payload: z.object({}) }),
  z.object({ name: z.literal("user.activeChanged"), payload: z.object({ active: z.boolean() }) }),
  z.object({
    name: z.literal("item.labelChanged"),
    payload: z.object({
      from: ZItemStatus,
      to: ZItemStatus,
      reason: z.enum(LABEL_REASONS),
      fromZone: z.string().nullable(),
      toZone: z.string().nullable(),
      mutationId: z.string().nullable(),
      deviceId: z.string().nullable(),
    }),
  }),
  z.object({ name: z.literal("device.registered"), payload: z.object({ label: z.string() }) }),
  z.object({ name: z.literal("device.revoked"), payload: z.object({}) }),
  z.object({
    name: z.literal("sync.rejectionResolved"),
    payload: z.object({ mutationId: z.string(), resolution: z.enum(["dismissed", "reissued"]) }),
  }),
  // A license registry import (server/licenses/import.ts): counts and the file's SHA-256, not its rows.
  z.object({
    name: z.literal("license.imported"),
    payload: z.object({
      rowsOk: z.number().int(),
      rowsBad: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      fileName: z.string().nullable(),
      sha256: z.string(),
    }),
  }),
  // The office work-order desk (server/work-orders/office-*.ts).
  z.object({
    name: z.literal("workOrder.created"),
    payload: z.object({
      code: z.string(),
      kind: z.enum(WORK_ORDER_KINDS),
      keyCustomer: z.boolean(),
      dueAt: z.string().nullable(),
      scheduledFor: z.string(),
      assigneeId: z.string().nullable(),
    }),
  }),
  z.object({
    name: z.literal("workOrder.assigned"),
    payload: z.object({
      code: z.string(),
      fromAssigneeId: z.string().nullable(),
      toAssigneeId: z.string(),
      fromStatus: z.enum(WORK_ORDER_STATUSES),
      toStatus: z.enum(WORK_ORDER_STATUSES),
      versionAfter: z.number().int(),
    }),
  }),
  z.object({
    name: z.literal("workOrder.cancelled"),
    payload: z.object({ code: z.string(), fromStatus: z.enum(WORK_ORDER_STATUSES), reason: z.string(), versionAfter: z.number().int() }),
  }),
  z.object({
    name: z.literal("workOrder.closed"),
    payload: z.object({ code: z.string(), fromStatus: z.enum(WORK_ORDER_STATUSES), versionAfter: z.number().int() }),
  }),
  // Instruments: register, loans, hand-overs, faults, care, calibration, repair, scrapping.
  ...INSTRUMENT_AUDIT_EVENTS,
]);
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export type TAuditEventName = TAuditEvent["name"];
