/**
 * The lineman's self-check (自检) per work kind: at most three items ticked by hand (the phone's tap budget is
 * tight: gloves, one hand), plus items derived from what is already recorded on the work order. The derived items
 * are never ticked: the phone shows them and the server recomputes them from its own records.
 */
import type { TCaseLink } from "./property-link";
import { checkOutcomeProblem, type TCheckForRules } from "./rules";
import type { TWorkOrderKind } from "./status";

export const MANUAL_CHECKLIST = {
  install: ["line_tested", "service_working", "site_tidy"],
  move: ["old_point_removed", "service_working", "site_tidy"],
  repair: ["fault_cleared", "service_working", "site_tidy"],
  // the service record is kept for real (service-record.ts): no tick for it any more (issue 15)
  terminal_maintenance: ["terminal_tested", "site_tidy"],
} as const satisfies Record<TWorkOrderKind, readonly string[]>;

/**
 * The manual items of a self-check queued by an older build (`workOrder.selfCheck` v1): terminal maintenance still
 * had the "service record filled in" tick. Accepted and stored as it was; records signed so print it.
 */
export const MANUAL_CHECKLIST_V1 = {
  ...MANUAL_CHECKLIST,
  terminal_maintenance: ["terminal_tested", "service_record_filled", "site_tidy"],
} as const satisfies Record<TWorkOrderKind, readonly string[]>;

export type TManualChecklistItem = (typeof MANUAL_CHECKLIST_V1)[TWorkOrderKind][number];

/** Every manual item id of every kind, today's and v1's (for message catalogues and tests). */
export const MANUAL_CHECKLIST_ITEMS: readonly TManualChecklistItem[] = [...new Set(Object.values(MANUAL_CHECKLIST_V1).flat())];

/** The manual items a self-check of this schema version asks for. */
function manualItems(kind: TWorkOrderKind, schemaVersion: number): readonly TManualChecklistItem[] {
  return schemaVersion === 1 ? MANUAL_CHECKLIST_V1[kind] : MANUAL_CHECKLIST[kind];
}

/**
 * Derived items: `equipment_resolved` every equipment check has an outcome that fits its verdict (failed
 * equipment not connected); `pbx_inspected` every connected PBX's application, linked to the order, passed its
 * on-site inspection (ADR 0039 §6; a check an older build queued: its typed inspection passed). True when no PBX
 * was connected.
 */
export const DERIVED_CHECKLIST_ITEMS = ["equipment_resolved", "pbx_inspected"] as const;
export type TDerivedChecklistItem = (typeof DERIVED_CHECKLIST_ITEMS)[number];

export function manualChecklist(kind: TWorkOrderKind): readonly TManualChecklistItem[] {
  return MANUAL_CHECKLIST[kind];
}

/**
 * The manual items as the self-check first shows them: every one ticked (exceptions only, issue 10, ADR 0022). The
 * lineman unticks what was not done; what is stored is what was shown when signing (storedChecklist), so a record
 * never holds a tick the screen did not show.
 */
export function initialTicks(kind: TWorkOrderKind): Record<TManualChecklistItem, boolean> {
  return Object.fromEntries(MANUAL_CHECKLIST[kind].map((id) => [id, true])) as Record<TManualChecklistItem, boolean>;
}

export function derivedChecklist(checks: readonly TCheckForRules[], link: TCaseLink | null): Record<TDerivedChecklistItem, boolean> {
  const problems = checks.map((c) => checkOutcomeProblem(c, link));
  return {
    equipment_resolved: !problems.includes("check_failed_cannot_connect"),
    pbx_inspected: !problems.includes("pbx_details_required") && !problems.includes("pbx_inspection_required"),
  };
}

export type TChecklistProblem = { missing: string[]; unknown: string[] };

/**
 * The manual part as ticked: every item of the kind ticked (true), no foreign keys. Derived ids sent by a phone
 * are ignored (the server's own values are stored). Null when complete.
 */
export function checklistProblem(kind: TWorkOrderKind, ticked: Readonly<Record<string, boolean>>, schemaVersion = 2): TChecklistProblem | null {
  const items: readonly string[] = manualItems(kind, schemaVersion);
  const missing = items.filter((id) => ticked[id] !== true);
  const unknown = Object.keys(ticked).filter((k) => !items.includes(k) && !(DERIVED_CHECKLIST_ITEMS as readonly string[]).includes(k));
  return missing.length === 0 && unknown.length === 0 ? null : { missing, unknown };
}

/**
 * The derived items the self-check shows the lineman: the equipment line always; the PBX line only when a PBX was
 * connected (for a telephone install there is no PBX to have inspected, and nothing is said of one).
 */
export function shownDerivedItems(checks: readonly Pick<TCheckForRules, "equipmentType" | "outcome">[]): TDerivedChecklistItem[] {
  return checks.some((c) => c.equipmentType === "pbx" && c.outcome === "connected") ? ["equipment_resolved", "pbx_inspected"] : ["equipment_resolved"];
}

/**
 * The checklist as stored with the self-check: exactly what the lineman was shown and signed, the manual items as
 * ticked plus the derived items shown (`shownDerivedItems`) as computed.
 */
export function storedChecklist(
  kind: TWorkOrderKind,
  ticked: Readonly<Record<string, boolean>>,
  checks: readonly TCheckForRules[],
  link: TCaseLink | null,
  schemaVersion = 2,
): Record<string, boolean> {
  const manual = Object.fromEntries(manualItems(kind, schemaVersion).map((id) => [id, ticked[id] === true]));
  const derived = derivedChecklist(checks, link);
  return { ...manual, ...Object.fromEntries(shownDerivedItems(checks).map((id) => [id, derived[id]])) };
}

export interface TSignedChecklistItem {
  id: string;
  on: boolean;
  /** Computed from the recorded checks (shown as a statement), not ticked by hand. */
  derived: boolean;
}

/**
 * A stored self-check's items as they were shown and signed, for the record: the kind's manual items, then the
 * derived items shown, never anything that was not both stored and shown. `checksAtSignoff` are the equipment
 * checks recorded when it was signed; they decide which derived items were shown, so that a self-check stored
 * before the checklist kept only what was shown (every derived item, always) prints no more than was on screen.
 */
export function signedChecklist(
  kind: TWorkOrderKind,
  stored: Readonly<Record<string, boolean>> | null,
  checksAtSignoff: readonly Pick<TCheckForRules, "equipmentType" | "outcome">[],
): TSignedChecklistItem[] {
  if (!stored) return [];
  // v1's items: a self-check signed before the service record was kept printed its tick (today's never store it)
  const manual: readonly string[] = MANUAL_CHECKLIST_V1[kind];
  const shown = shownDerivedItems(checksAtSignoff);
  return [
    ...manual.filter((id) => id in stored).map((id) => ({ id, on: stored[id] === true, derived: false })),
    ...shown.filter((id) => id in stored).map((id) => ({ id, on: stored[id] === true, derived: true })),
  ];
}
