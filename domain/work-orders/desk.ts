/**
 * The office work-order desk (customer service, 客户服务部): numbering, who may be re-assigned, which orders are
 * overdue and the "most urgent first" order of the desk list. The server's SQL mirrors `deskRank` (an integration
 * test checks the two agree).
 */
import type { TRole } from "@/domain/auth/roles";
import { WORK_ORDER_CODE_PATTERN } from "@/domain/items/tags";
import type { TWorkOrderStatus } from "./status";
import { isOpenWorkOrder } from "./status";
import { operatorDay } from "@/domain/time/operator";

/** Customer service (客户服务部) and administrators create, assign, cancel and close work orders. */
export const DESK_WRITER_ROLES: readonly TRole[] = ["customer_service", "admin"];
/** Enterprise management (escalations of overdue key customers) and operations follow the desk too. */
export const DESK_READER_ROLES: readonly TRole[] = [...DESK_WRITER_ROLES, "quality", "operations"];

export const canWriteDesk = (role: TRole): boolean => DESK_WRITER_ROLES.includes(role);
export const canReadDesk = (role: TRole): boolean => DESK_READER_ROLES.includes(role);

/** The operator's clock (domain/time/operator.ts), under the names the desk has used. */
export { fromOperatorLocal, operatorDay, toOperatorLocal } from "@/domain/time/operator";

// ── Numbering ──────────────────────────────────────────────────────────────────────────────────
export const WORK_ORDER_SEQUENCE_MAX = 999_999;

/** `WO-<year>-<6 digits>`. */
export function formatWorkOrderCode(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > WORK_ORDER_SEQUENCE_MAX) throw new RangeError(`sequence out of range: ${seq}`);
  return `WO-${year}-${String(seq).padStart(6, "0")}`;
}

/** The code prefix of a year's work orders: `WO-2026-`. */
export function workOrderCodePrefix(year: number): string {
  return `WO-${year}-`;
}

/**
 * The next code of `year` after the highest one issued that year (null when none): numbers restart each year.
 * Returns null when the year's numbers are used up.
 */
export function nextWorkOrderCode(highest: string | null, year: number): string | null {
  if (highest === null) return formatWorkOrderCode(year, 1);
  if (!WORK_ORDER_CODE_PATTERN.test(highest) || !highest.startsWith(workOrderCodePrefix(year))) {
    throw new Error(`not a work-order code of ${year}: ${highest}`);
  }
  const seq = Number(highest.slice(-6)) + 1;
  return seq > WORK_ORDER_SEQUENCE_MAX ? null : formatWorkOrderCode(year, seq);
}

// ── Assignment ─────────────────────────────────────────────────────────────────────────────────
/** An order may be (re-)assigned until its lineman is at the customer's. */
export const REASSIGNABLE_STATUSES: readonly TWorkOrderStatus[] = ["assigned", "en_route"];

export function canReassign(status: TWorkOrderStatus): boolean {
  return REASSIGNABLE_STATUSES.includes(status);
}

/**
 * The status after an assignment: a new lineman has not set out yet, so an order that was on its way goes back
 * to "assigned" (the previous lineman's trip is void).
 */
export function statusAfterAssignment(status: TWorkOrderStatus): TWorkOrderStatus {
  if (!canReassign(status)) throw new Error(`cannot assign a work order in status ${status}`);
  return "assigned";
}

// ── Desk list ──────────────────────────────────────────────────────────────────────────────────
/** Finished orders; every other state still needs someone (lineman, customer or office) to act. */
export const FINISHED_WORK_ORDER_STATUSES: readonly TWorkOrderStatus[] = ["closed", "cancelled"];

export const DESK_STATUS_GROUPS = ["open", "closed", "all"] as const;
export type TDeskStatusGroup = (typeof DESK_STATUS_GROUPS)[number];

export function inStatusGroup(status: TWorkOrderStatus, group: TDeskStatusGroup): boolean {
  if (group === "all") return true;
  return FINISHED_WORK_ORDER_STATUSES.includes(status) === (group === "closed");
}

export interface TUrgencyFacts {
  status: TWorkOrderStatus;
  keyCustomer: boolean;
  /** The key customer's deadline (green channel time limit). */
  dueAt: Date | null;
  scheduledFor: string;
  code: string;
}

/** The order carries a deadline: a key customer's green-channel time limit (other orders have none). */
export function hasDeadline(o: Pick<TUrgencyFacts, "keyCustomer" | "dueAt">): o is { keyCustomer: true; dueAt: Date } {
  return o.keyCustomer && o.dueAt !== null;
}

/** The key customer's deadline has passed while the lineman's part is not done. */
export function isPastDeadline(o: Pick<TUrgencyFacts, "status" | "keyCustomer" | "dueAt">, now: Date): boolean {
  return isOpenWorkOrder(o.status) && hasDeadline(o) && o.dueAt.getTime() < now.getTime();
}

/**
 * Overdue, while the lineman's part is not done — one rule for the desk, its counts and filters, the detail screen
 * and the lineman's phone. An order with a deadline is overdue exactly when its deadline has passed: the deadline is
 * the promise made to the key customer, and its countdown ("2 h 47 min left") must never sit beside "overdue". An
 * order without one is overdue once its scheduled day (the operator's day) is over.
 */
export function isOverdue(o: Pick<TUrgencyFacts, "status" | "keyCustomer" | "dueAt" | "scheduledFor">, now: Date): boolean {
  if (!isOpenWorkOrder(o.status)) return false;
  return hasDeadline(o) ? isPastDeadline(o, now) : o.scheduledFor < operatorDay(now);
}

/** Under this many minutes left, a deadline is near (shown as a warning). */
export const DEADLINE_SOON_MINUTES = 120;

/**
 * A deadline as the desk shows it, decided with the same comparison as `isPastDeadline` and `isOverdue`:
 * "done" once the lineman's part is over (the deadline is then only a fact), else "passed" (and overdue), "soon" or
 * "ahead" with whole minutes to go or gone (rounded up: 30 s late is 1 min late, 30 s left is 1 min left).
 */
export type TDeadlineState = { state: "done" } | { state: "passed" | "soon" | "ahead"; minutes: number };

export function deadlineState(o: Pick<TUrgencyFacts, "status" | "keyCustomer" | "dueAt">, now: Date): TDeadlineState | null {
  if (!hasDeadline(o)) return null;
  if (!isOpenWorkOrder(o.status)) return { state: "done" };
  const ms = o.dueAt.getTime() - now.getTime();
  const minutes = Math.ceil(Math.abs(ms) / 60_000);
  if (isPastDeadline(o, now)) return { state: "passed", minutes };
  return { state: minutes < DEADLINE_SOON_MINUTES ? "soon" : "ahead", minutes };
}

/**
 * What the desk calls an order's state. An open order with nobody assigned is "unassigned" (待派单): its status in
 * the transition table is "assigned" (waiting at the start of the line), but the word 已派单 would contradict the
 * 未派单 beside it. Every other order is named by its status.
 */
export const DESK_UNASSIGNED = "unassigned" as const;
export type TDeskState = TWorkOrderStatus | typeof DESK_UNASSIGNED;

/** No lineman yet on an order that still needs one (the desk's "not assigned" count and filter). */
export function isAwaitingAssignment(o: { status: TWorkOrderStatus; assignedTo: string | null }): boolean {
  return o.assignedTo === null && !FINISHED_WORK_ORDER_STATUSES.includes(o.status);
}

export function deskState(o: { status: TWorkOrderStatus; assignedTo: string | null }): TDeskState {
  return isAwaitingAssignment(o) ? DESK_UNASSIGNED : o.status;
}

/**
 * Urgency rank, lower first:
 * 0 key customer past its deadline · 1 other overdue · 2 key customer still in time · 3 other open (the lineman
 * still works on it) · 4 signed or refused (the office closes it) · 5 closed or cancelled.
 */
export function deskRank(o: TUrgencyFacts, now: Date): number {
  if (isPastDeadline(o, now)) return 0;
  if (isOverdue(o, now)) return 1;
  if (isOpenWorkOrder(o.status)) return o.keyCustomer ? 2 : 3;
  return FINISHED_WORK_ORDER_STATUSES.includes(o.status) ? 5 : 4;
}

/**
 * The desk's order. Orders still being worked (ranks 0–3): by rank, then the earliest deadline (orders without one
 * after those with one), the earliest scheduled day, key customers first, code. Orders waiting for the office or
 * finished (ranks 4–5): by rank, then the latest scheduled day first, key customers first, the latest code first.
 */
export function byDeskUrgency(now: Date) {
  return (a: TUrgencyFacts, b: TUrgencyFacts): number => {
    const ra = deskRank(a, now);
    const rank = ra - deskRank(b, now);
    if (rank !== 0) return rank;
    const key = Number(b.keyCustomer) - Number(a.keyCustomer);
    const code = a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
    if (ra >= 4) return b.scheduledFor.localeCompare(a.scheduledFor) || key || -code;
    const da = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const db = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
    if (da !== db) return da < db ? -1 : 1;
    return a.scheduledFor.localeCompare(b.scheduledFor) || key || code;
  };
}

/** The steps an order goes through, for a progress bar (cancelled and refused orders leave the line). */
export const PROGRESS_STEPS: readonly TWorkOrderStatus[] = ["assigned", "en_route", "on_site", "work_done", "signed", "closed"];

/** How many of PROGRESS_STEPS an order has reached (1–6); refused counts as work done, cancelled as none. */
export function progressStep(status: TWorkOrderStatus): number {
  if (status === "cancelled") return 0;
  if (status === "refused_to_sign") return PROGRESS_STEPS.indexOf("work_done") + 1;
  return PROGRESS_STEPS.indexOf(status) + 1;
}
