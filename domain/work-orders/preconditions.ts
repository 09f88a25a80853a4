/**
 * When each step of a work order may happen, as pure decisions: the phone uses them to offer only what will be
 * accepted offline, the server decides with them on locked current state (server/work-orders/*).
 */
import type { TRole } from "@/domain/auth/roles";
import type { TRejectionCode } from "@/domain/sync/protocol";
import { checklistProblem } from "./checklist";
import { canWriteDesk } from "./desk";
import { handOverCaseProblem, type TCaseLink } from "./property-link";
import { checkOutcomeProblem, type TCheckForRules, type TCheckProblem } from "./rules";
import { SELF_CHECK_VERSION, selfCheckNeedsRecord } from "./service-record";
import {
  canCheckEquipment,
  canTransition,
  FIELD_WORK_STATUSES,
  REASON_REQUIRED,
  type TWorkOrderActor,
  type TWorkOrderKind,
  type TWorkOrderStatus,
} from "./status";

/** The office acts on work orders (create, assign, cancel, close): the desk's writers (customer service, admin). */
export const isWorkOrderOffice = canWriteDesk;

/** Work orders are assigned to linemen only (the desk refuses anyone else: assignee_invalid). */
export const WORK_ORDER_ASSIGNEE_ROLE: TRole = "lineman";

/**
 * How a user stands to a work order: its assigned lineman, the office, or nobody. Nobody is told nothing more
 * (not even whether the order exists). A user assigned an order while a lineman acts on it only while still one.
 */
export function workOrderActor(user: { id: string; role: TRole }, workOrder: { assignedTo: string | null }): TWorkOrderActor | null {
  if (workOrder.assignedTo !== null && workOrder.assignedTo === user.id && user.role === WORK_ORDER_ASSIGNEE_ROLE) return "assignee";
  if (isWorkOrderOffice(user.role)) return "office";
  return null;
}

/**
 * A lineman who leaves the role or is disabled must first have every unfinished work order of theirs reassigned
 * (or finished): nobody else could act on them, and the customer would wait for no one.
 */
export function changeNeedsOrdersReassigned(before: { role: TRole; active: boolean }, after: { role: TRole; active: boolean }): boolean {
  return before.role === WORK_ORDER_ASSIGNEE_ROLE && (after.role !== WORK_ORDER_ASSIGNEE_ROLE || !after.active);
}

export type TStepDecision = { kind: "apply" } | { kind: "already" } | { kind: "reject"; code: TRejectionCode; details: Record<string, unknown> };

const apply: TStepDecision = { kind: "apply" };
const already: TStepDecision = { kind: "already" };
const reject = (code: TRejectionCode, details: Record<string, unknown>): TStepDecision => ({ kind: "reject", code, details });

/** `workOrder.transition`, after the actor is known: compare-and-set on the status the phone saw. */
export function transitionDecision(o: {
  status: TWorkOrderStatus;
  expectedFrom: TWorkOrderStatus;
  to: TWorkOrderStatus;
  actor: TWorkOrderActor;
  reason: string;
}): TStepDecision | { kind: "stale" } {
  if (o.status !== o.expectedFrom) return o.status === o.to ? already : { kind: "stale" };
  if (!canTransition(o.status, o.to, o.actor)) return reject("invalid_transition", { from: o.status, to: o.to });
  if (REASON_REQUIRED.includes(o.to) && o.reason.trim() === "") return reject("bad_input", { issues: ["reason: validation.required"] });
  return apply;
}

/** The reason kept on the work order after a status change: why it was cancelled or refused (kept when closed). */
export function statusReasonAfter(to: TWorkOrderStatus, reason: string, previous: string): string {
  if (to === "cancelled" || to === "refused_to_sign") return reason.trim();
  if (to === "closed") return previous;
  return "";
}

/** Equipment checks and photos: while the lineman works the order (not once it is signed, refused, closed or cancelled). */
export function fieldWorkDecision(status: TWorkOrderStatus): TStepDecision {
  return FIELD_WORK_STATUSES.includes(status) ? apply : reject("precondition_failed", { status });
}

/** Problems of the recorded checks that block the self-check (failed equipment connected, PBX not inspected). */
export function checksProblem(
  checks: readonly (TCheckForRules & { id: string })[],
  link: TCaseLink | null,
): { code: TCheckProblem; checkIds: string[] } | null {
  for (const code of ["check_failed_cannot_connect", "pbx_inspection_required", "pbx_details_required"] as const) {
    const checkIds = checks.filter((c) => checkOutcomeProblem(c, link) === code).map((c) => c.id);
    if (checkIds.length > 0) return { code, checkIds };
  }
  return null;
}

/**
 * `workOrder.selfCheck` (on_site → work_done): the lineman is on site, every equipment check is resolved (failed
 * equipment refused or the customer informed, a connected PBX's application passed its inspection), an order that
 * opens a customer-built works project's service has the works accepted (`works_not_accepted`, ADR 0039 §6) and
 * every manual checklist item is ticked.
 */
export function selfCheckDecision(o: {
  status: TWorkOrderStatus;
  kind: TWorkOrderKind;
  ticked: Readonly<Record<string, boolean>>;
  checks: readonly (TCheckForRules & { id: string })[];
  /** The customer-property case the order is linked to (its kind and status now), or null. */
  linkedCase: TCaseLink | null;
  /** The mutation's schema version: v1 (an older build's outbox) keeps the service-record tick and needs no record. */
  schemaVersion?: number;
  /** Whether the order's service record is on file (needed by a v2 terminal-maintenance self-check). */
  hasServiceRecord?: boolean;
}): TStepDecision {
  const version = o.schemaVersion ?? SELF_CHECK_VERSION;
  if (o.status === "work_done") return already;
  if (o.status === "assigned" || o.status === "en_route") return reject("precondition_failed", { status: o.status, need: "on_site" });
  if (o.status !== "on_site") return reject("invalid_transition", { from: o.status, to: "work_done" });
  const checks = checksProblem(o.checks, o.linkedCase);
  if (checks) return reject(checks.code, { checkIds: checks.checkIds });
  const works = handOverCaseProblem(o.linkedCase);
  if (works) return reject(works, { caseStatus: o.linkedCase?.status ?? null });
  if (selfCheckNeedsRecord(o.kind, version) && o.hasServiceRecord !== true) return reject("service_record_required", {});
  const list = checklistProblem(o.kind, o.ticked, version);
  if (list) return reject("precondition_failed", { checklist: list });
  return apply;
}

/** `workOrder.customerSign` (work_done → signed): needs the lineman's self-check first. Replays are decided before. */
export function customerSignDecision(o: { status: TWorkOrderStatus; hasSelfCheck: boolean }): TStepDecision {
  return customerTurn(o, "signed");
}

/** `workOrder.customerRefuse` (work_done → refused_to_sign): the same turn as signing. */
export function customerRefuseDecision(o: { status: TWorkOrderStatus; hasSelfCheck: boolean }): TStepDecision {
  if (o.status === "refused_to_sign") return already;
  return customerTurn(o, "refused_to_sign");
}

function customerTurn(o: { status: TWorkOrderStatus; hasSelfCheck: boolean }, to: TWorkOrderStatus): TStepDecision {
  if (o.status === "work_done") return o.hasSelfCheck ? apply : reject("self_check_required", { status: o.status });
  if (o.status === "assigned" || o.status === "en_route" || o.status === "on_site") return reject("self_check_required", { status: o.status });
  return reject("invalid_transition", { from: o.status, to });
}

/**
 * Correcting or withdrawing a recorded equipment check (ADR 0021): by the order's lineman, only until the
 * self-check is signed (while new checks may still be made), and only a check of this order still in force. A check
 * already withdrawn (or replaced) answers `already` for a withdrawal; a correction of it is `stale` (someone, or
 * an earlier queued step, changed it first).
 */
export function checkChangeDecision(o: {
  status: TWorkOrderStatus;
  check: { workOrderId: string; withdrawn: boolean } | null;
  workOrderId: string;
  change: "withdraw" | "correct";
}): TStepDecision | { kind: "stale" } {
  if (!o.check || o.check.workOrderId !== o.workOrderId) return reject("bad_input", { issues: ["checkId: not a check of this work order"] });
  if (o.check.withdrawn) return o.change === "withdraw" ? already : { kind: "stale" };
  if (!canCheckEquipment(o.status)) return reject("precondition_failed", { status: o.status, need: "before_self_check" });
  return apply;
}
