/**
 * Customer property at the office (Procedure P2, ADR 0039), shared by the phone and the server:
 * - a PBX application (《安装用户交换机申请检验表》) and its on-site inspection, organised by customer service;
 * - a customer-built works project (客户自建通信工程): the agreement, the design documents and the constructor's test
 *   report, the on-site acceptance organised by Technology Development against the acceptance item list, the
 *   rectification letter and re-inspection;
 * - an equipment maintenance agreement (设备代维协议).
 * A PBX application and a works project are one "case" with one workflow: recorded → scheduled (an inspection round)
 * → passed, or failed → rectification letter (rectifying) → reported rectified → scheduled again → … → passed →
 * connected (the connecting work order). Every round is kept.
 */
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { addDays, daysBetween, type TIsoDate } from "@/domain/time/calendar";
import type { TLicenseCheckResult } from "@/domain/work-orders/equipment";

export const CASE_KINDS = ["pbx", "works"] as const;
export type TCaseKind = (typeof CASE_KINDS)[number];

/** The code prefix of each kind of record (PBX-2026-0001, CW-2026-0001, RL-2026-0001 letters, MA-2026-0001 agreements). */
export const CODE_PREFIX = { pbx: "PBX", works: "CW", letter: "RL", maintenance: "MA" } as const;
export type TCounterKind = (typeof CODE_PREFIX)[keyof typeof CODE_PREFIX];

export const CASE_STATUSES = ["recorded", "scheduled", "failed", "rectifying", "rectified", "passed", "connected", "cancelled"] as const;
export type TCaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which nothing more happens. */
export const FINAL_CASE_STATUSES: readonly TCaseStatus[] = ["connected", "cancelled"];

/**
 * The office's steps on a case (`submitRound` is the inspectors' own, from the phone):
 * - schedule: an inspection round (date, inspectors, participating departments, the items to inspect);
 * - cancelRound: a scheduled round that will not happen (back to where it was scheduled from);
 * - submitRound: the inspectors' results and signatures (passed when every item passed);
 * - issueLetter: after a failed round, the rectification letter with its deadline;
 * - reportRectified: the customer says the failed items are put right;
 * - connect: the connecting work order (or, for works, customer service opening the service) after a pass;
 * - cancel: the customer withdrew (with a reason).
 */
export const CASE_STEPS = ["schedule", "cancelRound", "submitRound", "issueLetter", "reportRectified", "connect", "cancel"] as const;
export type TCaseStep = (typeof CASE_STEPS)[number];

export const ROUND_STATUSES = ["scheduled", "passed", "failed", "cancelled"] as const;
export type TRoundStatus = (typeof ROUND_STATUSES)[number];

export const ITEM_RESULTS = ["pass", "fail"] as const;
export type TItemResult = (typeof ITEM_RESULTS)[number];

/** Documents kept on a case as evidence (PDF or image, with SHA-256). */
export const DOCUMENT_KINDS = ["application", "certificate", "agreement", "design", "test_report", "rectification_report", "other"] as const;
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_MIMES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;
export type TDocumentMime = (typeof DOCUMENT_MIMES)[number];
/** A document's size limit (decoded). */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** The agreement customer service signs with a works customer (《客户自建通信工程验收或管理维护协议》). */
export const AGREEMENT_KINDS = ["acceptance", "maintenance"] as const;
export type TAgreementKind = (typeof AGREEMENT_KINDS)[number];

export const MAINTENANCE_STATUSES = ["active", "ended", "cancelled"] as const;
export type TMaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** Default days a customer is given to put failed items right (the letter's deadline; the office may choose). */
export const DEFAULT_RECTIFY_DAYS = 30;
/** A letter's deadline is at most this far ahead. */
export const MAX_RECTIFY_DAYS = 180;
/** A round is scheduled at most this far ahead. */
export const MAX_SCHEDULE_DAYS = 180;
/** A round has at most this many inspectors and items. */
export const MAX_INSPECTORS = 8;
export const MAX_ROUND_ITEMS = 120;
/**
 * An item of a round carries at most this many photos (issue 16: "item by item … with measurements and photos").
 * Why 4: a large round goes in parts, but one item's result is never split across parts, so an item with every photo
 * at its largest must still fit one change (MAX_SINGLE_MUTATION_BYTES, 1 MB = 1,048,576 bytes). A photo is at most
 * MAX_PHOTO_BYTES (180 KB = 184,320 bytes) decoded — the phone's PhotoField shrinks every picture to that — and ZPhoto
 * accepts at most ⌈184,320 × 4 / 3⌉ + 4 = 245,764 base64 characters. Four photos: 983,056 bytes (+ ~40 bytes of JSON
 * each). The rest of the item (measurement ≤ 60 and note ≤ 500 UTF-16 units, each at most 3 bytes in JSON: 1,680), of
 * the part (round note ≤ 1,000 units: 3,000; round id, time, flags) and of the envelope (ids, name, clock) add under
 * 6 KB: ≈ 989 KB, under 1 MB with ~59 KB to spare. A fifth photo (1,228,820 bytes of base64 alone) could never be
 * sent. Checked by domain/property/schemas-photos.test.ts (the arithmetic on the real limits) and
 * client/property/round-photos.test.ts (the phone's parts): raising either limit fails those tests first.
 */
export const MAX_ROUND_ITEM_PHOTOS = 4;

/** The department that organises each kind's inspection and maintains its item list (P2). */
export const ORGANISER_DEPARTMENT: Record<TCaseKind, TDepartment> = { pbx: "customer_service", works: "technology_development" };

export interface TActor {
  id: string;
  role: TRole;
  department: TDepartment | null;
}

export interface TCaseState {
  kind: TCaseKind;
  status: TCaseStatus;
  /** Documents on file, by kind (works: the design documents and the constructor's test report are needed before a round). */
  documents: readonly TDocumentKind[];
}

export type TStepDecision = { ok: true } | { ok: false; code: "not_allowed" | "invalid_transition" | "documents_required" };
const ok = { ok: true } as const;
const forbidden = { ok: false, code: "not_allowed" } as const;
const invalid = { ok: false, code: "invalid_transition" } as const;

/** Customer service records applications and agreements, tells the rectification and opens the service. */
export function isCustomerService(a: TActor): boolean {
  return a.role === "customer_service" || (a.role === "department_head" && a.department === "customer_service");
}

/** Someone of the organising department of this kind (customer service for a PBX, Technology Development for works). */
export function isOrganiser(a: TActor, kind: TCaseKind): boolean {
  if (kind === "pbx") return isCustomerService(a);
  return a.department === ORGANISER_DEPARTMENT.works && a.role !== "lineman";
}

/** Who may read cases: the organisers, terminal service (who verify and connect), quality and the general manager. */
export function mayReadCases(a: TActor): boolean {
  if (a.role === "quality" || a.role === "general_manager" || a.role === "admin") return true;
  if (isCustomerService(a)) return true;
  return a.department === "technology_development" || a.department === "terminal_service" || a.department === "operations";
}

/**
 * Whether `actor` may take `step` on a case in its current state. The inspectors' own `submitRound` is decided by
 * `roundSubmitDecision` (they must be named on the round); here it only checks the case's state.
 */
export function caseStepDecision(step: TCaseStep, state: TCaseState, actor: TActor): TStepDecision {
  const s = state.status;
  switch (step) {
    case "schedule":
      if (!isOrganiser(actor, state.kind)) return forbidden;
      if (s !== "recorded" && s !== "rectified") return invalid;
      if (state.kind === "works" && !worksDocumentsComplete(state.documents)) return { ok: false, code: "documents_required" };
      return ok;
    case "cancelRound":
      if (!isOrganiser(actor, state.kind)) return forbidden;
      return s === "scheduled" ? ok : invalid;
    case "submitRound":
      return s === "scheduled" ? ok : invalid;
    case "issueLetter":
      if (!isOrganiser(actor, state.kind)) return forbidden;
      return s === "failed" ? ok : invalid;
    case "reportRectified":
      if (!isCustomerService(actor) && !isOrganiser(actor, state.kind)) return forbidden;
      return s === "rectifying" || s === "failed" ? ok : invalid;
    case "connect":
      // The connecting work order (server side, by the lineman's self-check) or customer service opening the service.
      if (!isCustomerService(actor) && actor.role !== "lineman") return forbidden;
      return s === "passed" ? ok : invalid;
    case "cancel":
      if (!isCustomerService(actor) && !isOrganiser(actor, state.kind)) return forbidden;
      return FINAL_CASE_STATUSES.includes(s) ? invalid : ok;
  }
}

/**
 * The status after a step (for submitRound, after the round's verdict; cancelRound goes back to where it came from).
 * cancelRound: `inspected` says whether an earlier round of the case was submitted (then the case came from
 * `rectified`, else from `recorded`). A cancelled round keeps its number (property_rounds_case_no_unique), so round 2
 * may follow a cancelled round 1 with nothing inspected: `roundNo` alone (> 1 → rectified) is only the fallback.
 */
export function caseNextStatus(step: TCaseStep, opts: { verdict?: TRoundStatus; roundNo?: number; inspected?: boolean } = {}): TCaseStatus {
  switch (step) {
    case "schedule":
      return "scheduled";
    case "cancelRound":
      if (opts.inspected !== undefined) return opts.inspected ? "rectified" : "recorded";
      return (opts.roundNo ?? 1) > 1 ? "rectified" : "recorded";
    case "submitRound":
      return opts.verdict === "passed" ? "passed" : "failed";
    case "issueLetter":
      return "rectifying";
    case "reportRectified":
      return "rectified";
    case "connect":
      return "connected";
    case "cancel":
      return "cancelled";
  }
}

/** Works need the design documents and the constructor's test report on file before the acceptance. */
export function worksDocumentsComplete(documents: readonly TDocumentKind[]): boolean {
  return documents.includes("design") && documents.includes("test_report");
}

/** A round's verdict: passed when every item was inspected and passed; failed when any failed; null while incomplete. */
export function roundVerdict(results: readonly (TItemResult | null)[]): Extract<TRoundStatus, "passed" | "failed"> | null {
  if (results.length === 0) return null;
  if (results.some((r) => r === "fail")) return results.every((r) => r !== null) ? "failed" : null;
  return results.every((r) => r === "pass") ? "passed" : null;
}

export interface TRoundInspector {
  userId: string;
  department: TDepartment | null;
}

/**
 * Whether `actor` may submit a round: they must be one of its named inspectors, the round still scheduled, and
 * every named inspector must have signed (`signedBy`: the user ids whose signature comes with the submission).
 */
export function roundSubmitDecision(opts: {
  actor: TActor;
  roundStatus: TRoundStatus;
  inspectors: readonly TRoundInspector[];
  signedBy: readonly string[];
}): { ok: true } | { ok: false; code: "not_allowed" | "invalid_transition" | "signatures_required"; missing?: string[] } {
  if (!opts.inspectors.some((i) => i.userId === opts.actor.id)) return forbidden;
  if (opts.roundStatus !== "scheduled") return invalid;
  const missing = opts.inspectors.filter((i) => !opts.signedBy.includes(i.userId)).map((i) => i.userId);
  if (missing.length > 0) return { ok: false, code: "signatures_required", missing };
  return ok;
}

/**
 * The items of a re-inspection: the previous round's failed items, plus any the department chooses (by item id).
 * The first round inspects the whole list.
 */
export function reinspectionItems(opts: { previousFailed: readonly string[]; chosen: readonly string[]; all: readonly string[] }): string[] {
  const want = new Set([...opts.previousFailed, ...opts.chosen]);
  return opts.all.filter((id) => want.has(id));
}

/** A rectification letter's deadline: chosen by the office within (today, today + MAX_RECTIFY_DAYS]. */
export function letterDeadlineValid(deadline: TIsoDate, today: TIsoDate): boolean {
  const d = daysBetween(today, deadline);
  return d >= 1 && d <= MAX_RECTIFY_DAYS;
}

export function defaultLetterDeadline(today: TIsoDate): TIsoDate {
  return addDays(today, DEFAULT_RECTIFY_DAYS);
}

/** A round's date: today or later, at most MAX_SCHEDULE_DAYS ahead. */
export function scheduleDateValid(day: TIsoDate, today: TIsoDate): boolean {
  const d = daysBetween(today, day);
  return d >= 0 && d <= MAX_SCHEDULE_DAYS;
}

/** A letter is overdue from the day after its deadline while the customer has not reported rectification. */
export function letterOverdue(letter: { deadline: TIsoDate; rectifiedAt: string | null }, today: TIsoDate): boolean {
  return letter.rectifiedAt === null && today > letter.deadline;
}

/** Days left to a letter's deadline (negative when overdue). */
export function letterDaysLeft(deadline: TIsoDate, today: TIsoDate): number {
  return daysBetween(today, deadline);
}

/**
 * A PBX application is recorded only with a valid network-access certificate: the registry's verdict on the
 * certificate number and model (domain/licenses checkLicense) must be `valid`; otherwise it is refused with the verdict
 * as the reason (expired, unknown, model mismatch).
 */
export function applicationLicenseRefusal(verdict: TLicenseCheckResult): "license_expired" | "license_unknown" | "license_model_mismatch" | null {
  switch (verdict) {
    case "valid":
      return null;
    case "expired":
      return "license_expired";
    case "unknown":
      return "license_unknown";
    case "model_mismatch":
      return "license_model_mismatch";
  }
}

/**
 * Whether the work order linked to a case may connect it (the PBX, or the service of a works project): only after a
 * passed inspection. `connected` answers true too (a resent self-check of the order that connected it).
 */
export function mayConnect(status: TCaseStatus): boolean {
  return status === "passed" || status === "connected";
}

/** A maintenance agreement covers a day when it is active and the day is within its period (inclusive). */
export function agreementCovers(a: { status: TMaintenanceStatus; startsOn: TIsoDate; endsOn: TIsoDate }, day: TIsoDate): boolean {
  return a.status === "active" && a.startsOn <= day && day <= a.endsOn;
}

/** Phone numbers compare by their digits (as key customers are matched, domain/complaints). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/**
 * Counter staff and linemen offer the maintenance service (设备代维): customer service (its staff and head), the head of
 * terminal service, and linemen record a customer's agreement.
 */
export function mayRecordMaintenance(a: TActor): boolean {
  return isCustomerService(a) || a.role === "lineman" || (a.role === "department_head" && a.department === "terminal_service");
}

/** Ending an agreement early is the office's: customer service and the head of terminal service. */
export function mayEndMaintenance(a: TActor): boolean {
  return isCustomerService(a) || (a.role === "department_head" && a.department === "terminal_service");
}

/** The register is read by the cases' readers and by the linemen who offer the service and see it on work orders. */
export function mayReadMaintenance(a: TActor): boolean {
  return mayReadCases(a) || a.role === "lineman";
}
