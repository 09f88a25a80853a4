/**
 * The warehouse (Procedure 3, 标识和可追溯性): receiving a delivery against a purchase request, the requesting
 * department's inspection on the Quality Acceptance Form (《质量认可单》), labelling by the form, quarantine by
 * category with a person responsible, issue and return of stock, and the stock-take of a zone.
 * Plain rules shared by the phone (offline) and the server (which decides again on locked rows).
 */
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { QUARANTINE_STATUSES, zoneFits, type TItemStatus, type TZoneFacts } from "@/domain/items/labels";

/** A receipt's life: received (待检, waiting for the requesting department) → inspected (form signed) → labelled (every line done). */
export const RECEIPT_STATUSES = ["awaiting_inspection", "inspected", "labelled"] as const;
export type TReceiptStatus = (typeof RECEIPT_STATUSES)[number];
/** A receipt's number, given by the server: RC-YYYYMMDD-NNNN (the operator's day and its count). */
export const RECEIPT_CODE_PATTERN = /^RC-\d{8}-\d{4}$/;

/** Where rejected goods go (the form says which): returned/exchanged to the supplier (退货) or pending disposal (待处理). */
export const REJECT_TARGETS = ["returned", "pending_disposal"] as const satisfies readonly TItemStatus[];
export type TRejectTarget = (typeof REJECT_TARGETS)[number];

/** Units a line is counted in (the catalogue's; the form prints them). */
export const UNITS = ["piece", "set", "box", "roll", "metre", "reel"] as const;
export type TUnit = (typeof UNITS)[number];

/** Most units on one receipt line, and most lines on one receipt. */
export const MAX_LINE_QUANTITY = 100_000;
/** A serialised line gets one tag per unit: a delivery of more is split over several receipts. */
export const MAX_SERIALISED_QUANTITY = 500;
export const MAX_RECEIPT_LINES = 50;

/** The keeper receives, labels, issues and counts; the requesting department's people (never a keeper) inspect. */
export function mayReceive(role: TRole): boolean {
  return role === "warehouse_keeper";
}

/**
 * Procedure 3: the requesting department inspects what it asked for. A keeper never inspects (not even one who
 * belongs to that department): the person who received may not accept it too.
 */
export function mayInspect(user: { role: TRole; department: TDepartment | null }, receipt: { department: TDepartment }): boolean {
  if (user.role === "warehouse_keeper" || user.role === "admin") return false;
  return user.department === receipt.department;
}

/** Offices that read the warehouse's registers: the keeper, quality (who spot-checks labels), finance (stock value) and heads. */
export function mayReadRegisters(user: { role: TRole; department: TDepartment | null }): boolean {
  return ["warehouse_keeper", "quality", "department_head", "general_manager", "admin"].includes(user.role) || user.department === "finance";
}

/** One inspected tag on the form: how much passed, how much failed, why, and where the failed part goes. */
export interface TInspectionLine {
  accepted: number;
  rejected: number;
  rejectTo: TRejectTarget | null;
  reason: string;
}

export type TInspectionProblem = "quantity_mismatch" | "reason_required" | "reject_target_required" | "reject_target_unused";

/** A form line is whole: accepted + rejected is the tag's quantity; a rejection names where it goes and why. */
export function inspectionLineProblem(line: TInspectionLine, quantity: number): TInspectionProblem | null {
  if (!Number.isInteger(line.accepted) || !Number.isInteger(line.rejected) || line.accepted < 0 || line.rejected < 0) return "quantity_mismatch";
  if (line.accepted + line.rejected !== quantity) return "quantity_mismatch";
  if (line.rejected > 0 && line.rejectTo === null) return "reject_target_required";
  if (line.rejected === 0 && line.rejectTo !== null) return "reject_target_unused";
  if (line.rejected > 0 && line.reason.trim().length === 0) return "reason_required";
  return null;
}

/** The form's verdict on a tag, as the keeper labels by it. */
export type TFormVerdict = "accepted" | "rejected" | "split";

export function formVerdict(line: Pick<TInspectionLine, "accepted" | "rejected">): TFormVerdict {
  if (line.rejected === 0) return "accepted";
  if (line.accepted === 0) return "rejected";
  return "split";
}

/** What the keeper labels one tag to, by its form line: the zones chosen and, for a split lot, the new lot's tag. */
export interface TLabelByForm {
  stockZone: Pick<TZoneFacts, "code" | "kind" | "holds"> | null;
  quarantineZone: Pick<TZoneFacts, "code" | "kind" | "holds"> | null;
  /** The tag of the rejected part of a split lot (from the keeper's lease, or an unused printed tag). */
  splitTag: string | null;
  /** Who deals with the quarantined part (notified; sees it in their list with its age). */
  responsibleId: string | null;
}

export type TLabelPlanPart = { status: TItemStatus; zoneCode: string; quantity: number };
export type TLabelPlan =
  | { ok: true; keep: TLabelPlanPart; split: (TLabelPlanPart & { tag: string }) | null; responsibleId: string | null }
  | {
      ok: false;
      code: "not_inspected" | "invalid_transition" | "stock_zone_required" | "quarantine_zone_required" | "split_tag_required" | "responsible_required";
    };

/**
 * The labels a tag gets by its form line (the keeper cannot label 合格 without an accepting line):
 * all accepted → 合格 into a stock zone; all rejected → the form's reject label into the quarantine zone designated for
 * it, with a person responsible; a lot accepted in part splits: the tag keeps the accepted quantity, a new lot tag
 * takes the rejected quantity into quarantine.
 */
export function planLabelByForm(item: { status: TItemStatus; quantity: number }, line: TInspectionLine | null, choice: TLabelByForm): TLabelPlan {
  if (!line) return { ok: false, code: "not_inspected" };
  if (item.status !== "pending_inspection") return { ok: false, code: "invalid_transition" };
  const verdict = formVerdict(line);
  const stock = () => (choice.stockZone?.kind === "stock" ? choice.stockZone.code : null);
  const quarantine = (to: TItemStatus) =>
    choice.quarantineZone && choice.quarantineZone.holds === to && zoneFits(to, choice.quarantineZone) ? choice.quarantineZone.code : null;
  if (verdict === "accepted") {
    const zone = stock();
    if (!zone) return { ok: false, code: "stock_zone_required" };
    return { ok: true, keep: { status: "accepted", zoneCode: zone, quantity: item.quantity }, split: null, responsibleId: null };
  }
  const to = line.rejectTo ?? "returned";
  const qZone = quarantine(to);
  if (!qZone) return { ok: false, code: "quarantine_zone_required" };
  if (!choice.responsibleId) return { ok: false, code: "responsible_required" };
  if (verdict === "rejected") {
    return { ok: true, keep: { status: to, zoneCode: qZone, quantity: item.quantity }, split: null, responsibleId: choice.responsibleId };
  }
  const zone = stock();
  if (!zone) return { ok: false, code: "stock_zone_required" };
  if (!choice.splitTag) return { ok: false, code: "split_tag_required" };
  return {
    ok: true,
    keep: { status: "accepted", zoneCode: zone, quantity: line.accepted },
    split: { tag: choice.splitTag, status: to, zoneCode: qZone, quantity: line.rejected },
    responsibleId: choice.responsibleId,
  };
}

/** Statuses that put an item in quarantine, with the person responsible and its age. */
export function isQuarantined(status: TItemStatus): boolean {
  return QUARANTINE_STATUSES.includes(status);
}

/** Quarantine older than this is highlighted on the keeper's home and the quarantine list. */
export const QUARANTINE_AGEING_DAYS = 30;
