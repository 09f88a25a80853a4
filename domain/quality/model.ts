/**
 * Quality (ADR 0038): label spot-checks (P3 标识的检查), nonconformities (不合格项), the Corrective/Preventive Action
 * Record (《纠正预防措施记录表》) and the monthly billing-accuracy check of the exchange (P4 交换机计费准确率检测).
 * The same rules run on the phone and the server.
 */
import { drawSample, mulberry32 } from "@/domain/analysis/sampling";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { permitValid, type TCalibrationFacts } from "@/domain/instruments/calibration";
import type { TInstrumentStatus } from "@/domain/instruments/status";
import { type TItemKind, type TItemStatus } from "@/domain/items/labels";
import { addDays, compareDates, daysBetween, type TIsoDate } from "@/domain/time/calendar";

/**
 * What a label marks (P3 标识的对象) and the department that owns it (P3 标识实施由各部门负责): customer service the
 * acceptance process and work orders; terminal service install/move/repair; operations equipment and facilities;
 * finance stock; the computer network department computers; administration and HR premises and service guides;
 * Technology Development the instruments' permit-to-use labels (P4).
 */
export const LABEL_KINDS = [
  "work_order",
  "customer_category",
  "install_repair",
  "equipment",
  "facility",
  "material",
  "computer",
  "premises",
  "service_guide",
  "instrument",
] as const;
export type TLabelKind = (typeof LABEL_KINDS)[number];

export const LABEL_KIND_OWNER: Record<TLabelKind, TDepartment> = {
  work_order: "customer_service",
  customer_category: "customer_service",
  install_repair: "terminal_service",
  equipment: "operations",
  facility: "operations",
  material: "finance",
  computer: "computer_network",
  premises: "administration_hr",
  service_guide: "administration_hr",
  instrument: "technology_development",
};

/** The label kind of a scanned item: stock is finance's, equipment and facilities operations', customer equipment on site terminal service's. */
export function labelKindOfItem(kind: TItemKind): TLabelKind {
  if (kind === "material") return "material";
  if (kind === "equipment") return "equipment";
  if (kind === "facility") return "facility";
  return "install_repair";
}

/** The department a finding goes to. */
export function responsibleDepartment(kind: TLabelKind): TDepartment {
  return LABEL_KIND_OWNER[kind];
}

// ---------------------------------------------------------------------------------------------------------------
// Spot-checks
// ---------------------------------------------------------------------------------------------------------------

/** What a planned check covers: a zone's items, a department's equipment and instruments, or a sample of closed work orders. */
export const CHECK_TARGETS = ["zone", "department", "work_orders"] as const;
export type TCheckTarget = (typeof CHECK_TARGETS)[number];

export const CHECK_STATUSES = ["planned", "submitted"] as const;
export type TCheckStatus = (typeof CHECK_STATUSES)[number];

/** A label marked on the walk. */
export const LABEL_RESULTS = ["correct", "wrong_label", "missing_label", "wrong_place"] as const;
export type TLabelResult = (typeof LABEL_RESULTS)[number];

/** A sampled work order marked at the desk (工单检查过程). */
export const ORDER_RESULTS = ["ok", "missing_signature", "missing_evidence", "wrong_verdict"] as const;
export type TOrderResult = (typeof ORDER_RESULTS)[number];

/** Sources of a nonconformity, and of the corrective-action record opened from it. */
export const NC_SOURCES = ["spot_check", "work_order_check", "complaint", "billing_check", "works_acceptance", "instrument_permit", "other"] as const;
export type TNcSource = (typeof NC_SOURCES)[number];

/** What went wrong (the Pareto's "kind"). */
export const NC_FINDINGS = [
  "wrong_label",
  "missing_label",
  "wrong_place",
  "missing_signature",
  "missing_evidence",
  "wrong_verdict",
  "billing_error",
  "billing_below_threshold",
  "complaint",
  "works_failed",
  "no_valid_permit",
  "other",
] as const;
export type TNcFinding = (typeof NC_FINDINGS)[number];

/** Cause categories of the analysis (人/机/料/法/环/测), for the Pareto by cause and the fishbone (issue 17). */
export const CAUSE_CATEGORIES = ["man", "machine", "material", "method", "environment", "measurement"] as const;
export type TCauseCategory = (typeof CAUSE_CATEGORIES)[number];

/** Who plans checks, raises nonconformities, sends and verifies corrective actions: the quality department (企业管理部). */
export function mayRunQuality(role: TRole): boolean {
  return role === "quality";
}

/** Who walks a label check on the phone: quality's checkers. */
export function mayWalkCheck(role: TRole): boolean {
  return role === "quality";
}

/** Who reads the nonconformities and every corrective action: quality and the general manager. */
export function mayReadAllQuality(role: TRole): boolean {
  return role === "quality" || role === "general_manager";
}

/**
 * What a scanned item should show, from the phone's copy: its label and its zone. The checker's mark is theirs; this
 * only proposes "correct" or the likely finding (a label the item's record does not have, or a zone that is not its).
 */
export interface TExpectedLabel {
  tag: string;
  kind: TItemKind;
  status: TItemStatus;
  zoneCode: string | null;
}

/** The finding a mark is (null: correct, nothing to raise). */
export function findingOfMark(result: TLabelResult | TOrderResult): TNcFinding | null {
  if (result === "correct" || result === "ok") return null;
  return result;
}

/** A finding's mark needs a photo (the evidence the department sees); a correct one does not. */
export function markNeedsPhoto(result: TLabelResult): boolean {
  return result !== "correct";
}

/**
 * A mark of a walk, checked: a tag or, for what carries no tag (premises, service guides, a computer), a subject in
 * words; a finding with a photo; at most one mark per tag (the last mark wins on the phone, so a repeat is refused here).
 */
export function markProblem(
  mark: { tag: string | null; subject: string; result: TLabelResult; photo: boolean },
  seenTags: ReadonlySet<string>,
): "subject_required" | "photo_required" | "tag_twice" | null {
  if (mark.tag === null && mark.subject.trim() === "") return "subject_required";
  if (markNeedsPhoto(mark.result) && !mark.photo) return "photo_required";
  if (mark.tag !== null && seenTags.has(mark.tag)) return "tag_twice";
  return null;
}

/**
 * A reproducible sample of closed work orders: `size` ids drawn without replacement by a seeded generator
 * (mulberry32), the same for the same ids, size and seed. Ids are sorted first, so the order they come in does not matter.
 */
export function sampleOrders(ids: readonly string[], size: number, seed: number): string[] {
  return drawSample(ids, size, mulberry32(seed)); // an id listed twice is still one order: never drawn twice
}

// ---------------------------------------------------------------------------------------------------------------
// Nonconformities and the corrective/preventive action record
// ---------------------------------------------------------------------------------------------------------------

/** open: raised, quality has not decided; action: a corrective-action record was sent; closed: dealt with. */
export const NC_STATUSES = ["open", "action", "closed"] as const;
export type TNcStatus = (typeof NC_STATUSES)[number];

/**
 * The record's workflow. sent: quality sent it to the department, waiting for the head's analysis and plan;
 * planned: cause, correction and corrective action recorded, with who does it by when; implemented: the owner says it
 * is done; closed: quality verified it effective. Verified not effective: back to `sent` (a new round, all kept).
 */
export const CA_STATUSES = ["sent", "planned", "implemented", "closed"] as const;
export type TCaStatus = (typeof CA_STATUSES)[number];

/** Every signed step of the record (corrective_action_steps.step). */
export const CA_STEPS = ["sent", "planned", "implemented", "verified_effective", "verified_ineffective"] as const;
export type TCaStep = (typeof CA_STEPS)[number];

/** Days quality has to verify once the action is reported done, before it escalates to the quality department's head. */
export const VERIFY_WITHIN_DAYS = 14;

export interface TCaState {
  status: TCaStatus;
  department: TDepartment;
  /** the owner of the action, set at `planned` */
  ownerId: string | null;
}

export type TCaDecision = { ok: true } | { ok: false; reason: "forbidden" | "invalid_transition" };

const ok: TCaDecision = { ok: true };
const forbidden: TCaDecision = { ok: false, reason: "forbidden" };
const invalid: TCaDecision = { ok: false, reason: "invalid_transition" };

/**
 * May this person take this step now? The department's head plans (analysis, correction, corrective action, owner and
 * date); the head or the owner reports it implemented; quality verifies. Quality sends (creating the record).
 */
export function caStepDecision(
  step: Exclude<TCaStep, "sent">,
  state: TCaState,
  user: { id: string; role: TRole; department: TDepartment | null },
): TCaDecision {
  const head = user.role === "department_head" && user.department === state.department;
  if (step === "planned") {
    if (!head) return forbidden;
    return state.status === "sent" ? ok : invalid;
  }
  if (step === "implemented") {
    if (!head && !(state.ownerId !== null && user.id === state.ownerId)) return forbidden;
    return state.status === "planned" ? ok : invalid;
  }
  // verification
  if (!mayRunQuality(user.role)) return forbidden;
  return state.status === "implemented" ? ok : invalid;
}

/** The status after a step. */
export function caNextStatus(step: TCaStep): TCaStatus {
  switch (step) {
    case "sent":
      return "sent";
    case "planned":
      return "planned";
    case "implemented":
      return "implemented";
    case "verified_effective":
      return "closed";
    case "verified_ineffective":
      return "sent";
  }
}

/** Who may read one record: quality and the GM all; a department's people their department's; the action's owner theirs. */
export function mayReadAction(
  user: { id: string; role: TRole; department: TDepartment | null },
  action: { department: TDepartment; ownerId: string | null },
): boolean {
  if (mayReadAllQuality(user.role)) return true;
  if (user.id === action.ownerId) return true;
  return user.department === action.department && (user.role === "department_head" || user.role !== "lineman");
}

/**
 * The step that is due and by when, for the overdue job and the head's home: the plan by `requiredBy`, the action by
 * its own date, the verification within VERIFY_WITHIN_DAYS of its report. Null when closed.
 */
export function dueStep(a: {
  status: TCaStatus;
  requiredBy: TIsoDate;
  actionDueOn: TIsoDate | null;
  implementedOn: TIsoDate | null;
}): { step: "plan" | "implement" | "verify"; dueOn: TIsoDate } | null {
  if (a.status === "sent") return { step: "plan", dueOn: a.requiredBy };
  if (a.status === "planned") return { step: "implement", dueOn: a.actionDueOn ?? a.requiredBy };
  if (a.status === "implemented") return { step: "verify", dueOn: addDays(a.implementedOn ?? a.requiredBy, VERIFY_WITHIN_DAYS) };
  return null;
}

/** Overdue on `today` (operator day): the due day has passed. */
export function isOverdue(due: { dueOn: TIsoDate } | null, today: TIsoDate): boolean {
  return due !== null && compareDates(today, due.dueOn) > 0;
}

/** Days a nonconformity or record has been open, in operator days. */
export function ageDays(openedOn: TIsoDate, today: TIsoDate): number {
  return Math.max(0, daysBetween(openedOn, today));
}

/** A Pareto: counts by key, largest first (ties by key), with each bar's cumulative share (domain/analysis/pareto.ts). */
export { pareto } from "@/domain/analysis/pareto";

// ---------------------------------------------------------------------------------------------------------------
// Billing accuracy
// ---------------------------------------------------------------------------------------------------------------

/** The threshold when quality has not set one: 99.9 % billed right. */
export const DEFAULT_BILLING_THRESHOLD_PCT = 99.9;

export const BILLING_STATUSES = ["open", "recorded"] as const;
export type TBillingStatus = (typeof BILLING_STATUSES)[number];

/** Who records the check: the switching and transmission office (交换传输室). Quality reads all and sets the threshold. */
export function mayRecordBilling(user: { role: TRole; department: TDepartment | null }): boolean {
  return user.department === "switching_transmission" && user.role !== "lineman";
}

/**
 * Accuracy = calls billed right / test calls placed, in per cent with two decimals, rounded down (a 99.995 % month
 * never shows as 100 %). Errors are the calls billed wrong or not at all: placed − billed right.
 */
export function billingAccuracy(r: { callsPlaced: number; billedCorrectly: number }): { errors: number; accuracyPct: number } {
  if (r.callsPlaced <= 0) return { errors: 0, accuracyPct: 0 };
  const right = Math.min(r.billedCorrectly, r.callsPlaced);
  // Integer division first: (right / placed) * 10000 loses the exact hundredths (57/100 would show 56.99).
  return { errors: r.callsPlaced - right, accuracyPct: Math.floor((right * 10000) / r.callsPlaced) / 100 };
}

/** The month's verdict: any error, or accuracy below the threshold, raises a nonconformity for tracing (追溯处理). */
export function billingVerdict(
  r: { callsPlaced: number; billedCorrectly: number },
  thresholdPct: number,
): { passed: boolean; finding: "billing_error" | "billing_below_threshold" | null; errors: number; accuracyPct: number } {
  const { errors, accuracyPct } = billingAccuracy(r);
  if (accuracyPct < thresholdPct) return { passed: false, finding: "billing_below_threshold", errors, accuracyPct };
  if (errors > 0) return { passed: false, finding: "billing_error", errors, accuracyPct };
  return { passed: true, finding: null, errors, accuracyPct };
}

/** "YYYY-MM" of an operator day. */
export function monthOf(day: TIsoDate): string {
  return day.slice(0, 7);
}

/** The last day of a "YYYY-MM" month: the check is due by it, overdue the day after. */
export function billingDueOn(month: string): TIsoDate {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/** The instrument used must hold a valid permit-to-use (准用证) on the day of the check, and be in use (not at repair or scrapped). */
export function instrumentUsable(i: TCalibrationFacts & { status: TInstrumentStatus }, day: TIsoDate): boolean {
  return (i.status === "available" || i.status === "on_loan") && permitValid(i, day);
}
