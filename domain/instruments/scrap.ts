/**
 * Scrapping (Procedure 4): beyond its service life, or beyond repair as the repairer judged; the custodian
 * (Technology Development) confirms, the head of the instrument's department decides, with a reason. A
 * scrapped instrument is final: it can never be lent, handed over or brought back.
 */
import type { TIsoDate } from "./dates";
import type { TScrapReason, TScrapStatus } from "./names";
import { isApprover, isCustodian } from "./roles";
import { beyondServiceLife, endOfLifeOn, ok, refuse, type TActor, type TInstrumentFacts, type TRuleResult } from "./rules";

export function checkScrapRequest(opts: {
  user: TActor;
  instrument: TInstrumentFacts;
  reason: TScrapReason;
  /** The repairer judged a fault beyond repair. */
  beyondRepair: boolean;
  today: TIsoDate;
}): TRuleResult {
  const { user, instrument: i } = opts;
  if (!isCustodian(user.role)) return refuse("not_allowed");
  if (i.status === "scrapped" || i.status === "on_loan") return refuse("invalid_transition", { status: i.status });
  if (i.scrapPending) return refuse("invalid_transition", { reason: "scrap_pending" });
  if (opts.reason === "end_of_life" && !beyondServiceLife(i, opts.today)) return refuse("scrap_reason_unmet", { endOfLifeOn: endOfLifeOn(i) });
  if (opts.reason === "beyond_repair" && !opts.beyondRepair) return refuse("scrap_reason_unmet", { reason: "beyond_repair" });
  return ok();
}

export function checkScrapDecision(opts: {
  approver: TActor;
  request: { status: TScrapStatus };
  instrument: TInstrumentFacts;
  reason: string;
}): TRuleResult {
  const { approver, instrument: i } = opts;
  if (!isApprover(approver.role) || approver.active === false) return refuse("not_allowed");
  if (approver.department !== i.department) return refuse("wrong_department", { department: i.department });
  if (opts.request.status !== "pending") return refuse("invalid_transition", { status: opts.request.status });
  if (i.status === "scrapped" || i.status === "on_loan") return refuse("invalid_transition", { status: i.status });
  if (!opts.reason.trim()) return refuse("note_required");
  return ok();
}
