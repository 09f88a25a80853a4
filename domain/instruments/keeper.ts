/**
 * The named keeper (专人负责管理, Procedure 4): a special instrument is managed by one named person of its using
 * department; a public one may name one (Technology Development's custodian dispatches it either way). A keeper who
 * changes job or department, or is disabled, first has another keeper named for what they keep (ADR 0040).
 */
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { ok, refuse, type TRuleResult } from "./rules";
import type { TInstrumentCategory } from "./status";

/** The keeper named for an instrument: required and of the using department for special ones; active in any case. */
export function checkKeeper(opts: {
  category: TInstrumentCategory;
  department: TDepartment;
  keeper: { id: string; department: TDepartment; active: boolean } | null;
}): TRuleResult {
  const { keeper } = opts;
  if (!keeper) return opts.category === "special" ? refuse("keeper_required", { department: opts.department }) : ok();
  if (!keeper.active) return refuse("keeper_required", { keeper: "inactive" });
  if (opts.category === "special" && keeper.department !== opts.department) return refuse("keeper_required", { department: opts.department });
  return ok();
}

/**
 * Whether a change to a person ends their keeping: disabled (after = null), another department, or another job
 * (role). A new display name changes nothing.
 */
export function changeNeedsNewKeeper(before: { role: TRole; department: TDepartment }, after: { role: TRole; department: TDepartment } | null): boolean {
  if (!after) return true;
  return before.department !== after.department || before.role !== after.role;
}

/** A keeper leaves only when nothing (not scrapped) still names them: the office names another keeper first. */
export function checkKeeperMayLeave(kept: readonly { id: string }[]): TRuleResult {
  return kept.length === 0 ? ok() : refuse("keeper_required", { kept: kept.length });
}
