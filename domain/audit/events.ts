import { z } from "zod";
import { ZDepartment, ZRole } from "@/domain/auth/schemas";
import { ZItemStatus } from "@/domain/items/mutations";
import { LABEL_REASONS } from "@/domain/items/labels";
import { ZSnapshotDifference } from "@/domain/work-orders/snapshot";
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from "@/domain/work-orders/status";
import { COMPLAINT_AUDIT_EVENTS } from "@/domain/complaints/audit-events";
import { INSTRUMENT_AUDIT_EVENTS } from "@/domain/instruments/audit-events";
import { ANALYSIS_AUDIT_EVENTS } from "@/domain/analysis/audit-events";
import { PROPERTY_AUDIT_EVENTS } from "@/domain/property/audit-events";
import { QUALITY_AUDIT_EVENTS } from "@/domain/quality/audit-events";
import { WAREHOUSE_AUDIT_EVENTS } from "@/domain/warehouse/audit-events";

/** A status step of a work order. */
const ZWorkOrderStep = { from: z.enum(WORK_ORDER_STATUSES), to: z.enum(WORK_ORDER_STATUSES), versionAfter: z.number().int() };
/** The queued change a record came from. */
const ZFromPhone = { mutationId: z.string(), deviceId: z.string() };

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
  /** The sites a user works at (ADR 0042): their phone's scope; empty is every site. */
  z.object({ name: z.literal("user.sitesChanged"), payload: z.object({ from: z.array(z.string()), to: z.array(z.string()) }) }),
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
  /** An administrator put a failed job back in its queue (server/jobs/admin.ts). */
  z.object({ name: z.literal("job.retried"), payload: z.object({ name: z.string() }) }),
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
      /** The PBX application or works case the order connects (ADR 0039 §6); absent before issue 16. */
      propertyCaseCode: z.string().nullable().optional(),
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
  // Work at the customer's site, from the phone's outbox (server/work-orders/*): mutation and device of each.
  z.object({
    name: z.literal("workOrder.statusChanged"),
    payload: z.object({ code: z.string(), ...ZWorkOrderStep, reason: z.string(), ...ZFromPhone }),
  }),
  z.object({
    name: z.literal("workOrder.equipmentChecked"),
    payload: z.object({
      code: z.string(),
      checkId: z.string(),
      equipmentType: z.string(),
      labelKind: z.string(),
      licenseNo: z.string().nullable(),
      markCode: z.string().nullable(),
      clientResult: z.string(),
      clientRegistryVersion: z.string().nullable(),
      serverResult: z.string(),
      serverRegistryVersion: z.string().nullable(),
      outcome: z.string(),
      recheckChanged: z.boolean(),
      photoSha256: z.string().nullable(),
      ...ZFromPhone,
    }),
  }),
  // a check taken back before the self-check: removed (supersededBy null) or replaced by a correction (ADR 0021)
  z.object({
    name: z.literal("workOrder.checkWithdrawn"),
    payload: z.object({ code: z.string(), checkId: z.string(), supersededBy: z.string().nullable(), reason: z.string(), ...ZFromPhone }),
  }),
  z.object({
    name: z.literal("workOrder.selfChecked"),
    payload: z.object({ code: z.string(), ...ZWorkOrderStep, checklist: z.record(z.string(), z.boolean()), signatureSha256: z.string(), ...ZFromPhone }),
  }),
  z.object({
    name: z.literal("workOrder.customerSigned"),
    payload: z.object({
      code: z.string(),
      ...ZWorkOrderStep,
      signerName: z.string(),
      ratingAttitude: z.number().int(),
      ratingOnTime: z.number().int(),
      signatureSha256: z.string(),
      evidenceHash: z.string(),
      /** The equipment the customer signed for, where it differs from the checks on record. */
      summaryDifferences: z.array(ZSnapshotDifference).optional(),
      clientTime: z.string(),
      ...ZFromPhone,
    }),
  }),
  z.object({
    name: z.literal("workOrder.customerRefused"),
    payload: z.object({ code: z.string(), ...ZWorkOrderStep, reason: z.string(), signerName: z.string(), ...ZFromPhone }),
  }),
  z.object({
    name: z.literal("workOrder.photoAdded"),
    payload: z.object({ code: z.string(), sha256: z.string(), caption: z.string(), ...ZFromPhone }),
  }),
  z.object({ name: z.literal("workOrder.customerModeEntered"), payload: z.object({ code: z.string() }) }),
  z.object({ name: z.literal("workOrder.customerModeLeft"), payload: z.object({ code: z.string() }) }),
  // Instruments: register, loans, hand-overs, faults, care, calibration, repair, scrapping.
  ...INSTRUMENT_AUDIT_EVENTS,
  // Complaints, inquiries and key customers' service records (P1).
  ...COMPLAINT_AUDIT_EVENTS,
  // The warehouse: receiving, the Quality Acceptance Form, labelling by it, issues, returns and stock-takes (P3).
  ...WAREHOUSE_AUDIT_EVENTS,
  ...QUALITY_AUDIT_EVENTS,
  // Customer property at the office: PBX applications, customer-built works, maintenance agreements (P2).
  ...PROPERTY_AUDIT_EVENTS,
  // Data analysis: weights, surveys, targets and figures, fishbones, reports (P5).
  ...ANALYSIS_AUDIT_EVENTS,
]);
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export type TAuditEventName = TAuditEvent["name"];
