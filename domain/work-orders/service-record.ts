/**
 * The data-terminal service record (服务记录表) of a terminal-maintenance work order (issue 15, P1): the service the
 * customer asked for, what was done, the parts used and the completion column (完成情况). The lineman fills it on
 * the phone, offline (`workOrder.serviceRecord` v1); a later version replaces it until the customer has signed. It
 * replaces the self-check tick "service record filled in" (`service_record_filled`): today's self-check (v2) needs
 * the record itself, a self-check queued by an older build (v1, with the tick) stays valid.
 * The counter clerk's self-check mark (营业员自检) of the desk's forms is here too: one confirmation, required.
 * No zod here (the order screen's first load, ADR 0008): the inputs are in service-record-schema.ts.
 */
import type { TRole } from "@/domain/auth/roles";
import type { TRejectionCode } from "@/domain/sync/codes";
import type { TWorkOrderKind, TWorkOrderStatus } from "./status";

/** The kinds of work order whose hand-over needs a service record. */
export const SERVICE_RECORD_KINDS: readonly TWorkOrderKind[] = ["terminal_maintenance"];

export function needsServiceRecord(kind: TWorkOrderKind): boolean {
  return SERVICE_RECORD_KINDS.includes(kind);
}

/** The completion column (完成情况): completed, partly completed (what is left goes in "done"), not completed. */
export const SERVICE_COMPLETIONS = ["completed", "partly_completed", "not_completed"] as const;
export type TServiceCompletion = (typeof SERVICE_COMPLETIONS)[number];

export const MAX_SERVICE_PARTS = 20;

export interface TServicePart {
  name: string;
  quantity: number;
}

/** The statuses in which the record may be written or replaced: until the customer's turn is over. */
export const SERVICE_RECORD_STATUSES: readonly TWorkOrderStatus[] = ["assigned", "en_route", "on_site", "work_done"];

export type TServiceRecordDecision = { kind: "apply" } | { kind: "reject"; code: TRejectionCode; details: Record<string, unknown> };

/**
 * `workOrder.serviceRecord`: only on an order whose kind keeps one (terminal maintenance), and only until the customer
 * has signed or refused (then the record is what they saw). A replay with the same content applies again harmlessly
 * (the row is replaced by itself).
 */
export function serviceRecordDecision(o: { kind: TWorkOrderKind; status: TWorkOrderStatus }): TServiceRecordDecision {
  if (!needsServiceRecord(o.kind)) return { kind: "reject", code: "precondition_failed", details: { kind: o.kind, need: "terminal_maintenance" } };
  if (!SERVICE_RECORD_STATUSES.includes(o.status)) return { kind: "reject", code: "invalid_transition", details: { status: o.status } };
  return { kind: "apply" };
}

/**
 * The version today's phones queue `workOrder.selfCheck` with: v2 has no "service record filled" tick and a
 * terminal-maintenance self-check needs the record. v1 (an outbox of an older build) keeps the tick.
 */
export const SELF_CHECK_VERSION = 2;

/** Whether a self-check of this schema version and kind needs the service record on file first. */
export function selfCheckNeedsRecord(kind: TWorkOrderKind, schemaVersion: number): boolean {
  return schemaVersion >= 2 && needsServiceRecord(kind);
}

/** A record's parts as one line of text (PDF, office record): "name × quantity; …". */
export function partsLine(parts: readonly TServicePart[], separator = "; "): string {
  return parts.map((p) => `${p.name} × ${p.quantity}`).join(separator);
}

// ── The counter clerk's self-check (营业员自检) ──────────────────────────────────────────────

/**
 * Whether a form recorded on a phone (`complaint.record` v2) needs the clerk's self-check: when customer service
 * records it (at the counter: the desk's clerk). Everyone else records as the first asked, without it.
 */
export function clerkCheckRequired(role: TRole): boolean {
  return role === "customer_service";
}

/** Whether a desk form may be created: the clerk has confirmed the self-check. */
export function clerkCheckDecision(confirmed: unknown): TServiceRecordDecision {
  return confirmed === true ? { kind: "apply" } : { kind: "reject", code: "clerk_check_required", details: {} };
}
