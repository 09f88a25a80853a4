/**
 * Who inspects a round (P2, ADR 0039 §5): the organisers name the inspectors and the departments taking
 * part. "由客户服务部组织有关部门进行现场检验（终端服务部负责验证）": a PBX is verified by terminal service, so a PBX round
 * lists terminal service and names at least one of its people; and as the paper form is signed by each department
 * present, every department listed names at least one of its people as an inspector (each signs at the site, checked
 * when the round is submitted: roundSubmitDecision). Shared by the schedule form (it says what is missing as the
 * organiser chooses) and the server (it refuses the round).
 */
import type { TDepartment } from "@/domain/auth/roles";
import type { TCaseKind } from "./model";

/** The department that verifies each kind of case on site, when the procedure names one (P2: terminal service, PBX). */
export const VERIFYING_DEPARTMENT: Readonly<Record<TCaseKind, TDepartment | null>> = { pbx: "terminal_service", works: null };

export interface TRoundTeam {
  kind: TCaseKind;
  /** The departments taking part, as listed on the round. */
  departments: readonly TDepartment[];
  /** The named inspectors' departments (null: a person of no department, who stands for none). */
  inspectors: readonly { department: TDepartment | null }[];
}

export type TRoundTeamCode = "verifier_required" | "department_inspector_required";

/**
 * What a round's team lacks, every gap at once (the form shows them all):
 * - `verifier`: the kind's verifying department when it is not listed or none of its people is named;
 * - `uncovered`: the listed departments (each once, in the listed order) without a named inspector of theirs.
 */
export function roundTeamGaps(team: TRoundTeam): { verifier: TDepartment | null; uncovered: TDepartment[] } {
  const named = new Set(team.inspectors.map((i) => i.department));
  const verifying = VERIFYING_DEPARTMENT[team.kind];
  const verifier = verifying !== null && (!team.departments.includes(verifying) || !named.has(verifying)) ? verifying : null;
  const uncovered = [...new Set(team.departments)].filter((d) => !named.has(d));
  return { verifier, uncovered };
}

/**
 * The server's decision on a round's team: the missing verifier first (verifier_required, with the department), then
 * the listed departments without an inspector (department_inspector_required, with those departments).
 */
export function roundTeamDecision(team: TRoundTeam): { ok: true } | { ok: false; code: TRoundTeamCode; departments: TDepartment[] } {
  const gaps = roundTeamGaps(team);
  if (gaps.verifier !== null) return { ok: false, code: "verifier_required", departments: [gaps.verifier] };
  if (gaps.uncovered.length > 0) return { ok: false, code: "department_inspector_required", departments: gaps.uncovered };
  return { ok: true };
}

/** The departments a new round lists before anyone is chosen: the verifying one (a PBX: terminal service). */
export function initialRoundDepartments(kind: TCaseKind): TDepartment[] {
  const verifying = VERIFYING_DEPARTMENT[kind];
  return verifying === null ? [] : [verifying];
}

/**
 * The departments after an inspector is chosen or removed in the form: a chosen inspector's department takes part; a
 * department whose last chosen inspector is removed leaves, unless it is the verifying one (it always takes part).
 */
export function departmentsAfterToggle(o: {
  kind: TCaseKind;
  departments: readonly TDepartment[];
  /** The inspectors' departments after the change. */
  inspectors: readonly { department: TDepartment | null }[];
  /** The department of the inspector chosen or removed, and which. */
  toggled: TDepartment | null;
  chosen: boolean;
}): TDepartment[] {
  const current = [...new Set(o.departments)];
  if (o.toggled === null) return current;
  if (o.chosen) return current.includes(o.toggled) ? current : [...current, o.toggled];
  const stillNamed = o.inspectors.some((i) => i.department === o.toggled);
  if (stillNamed || o.toggled === VERIFYING_DEPARTMENT[o.kind]) return current;
  return current.filter((d) => d !== o.toggled);
}
