/**
 * Scrapping (Procedure 4): beyond its service life, or beyond repair as the repairer judged; the custodian
 * (Technology Development) confirms, the head of the instrument's department decides, with a reason. A
 * scrapped instrument is final: it can never be lent, handed over or brought back.
 */
import type { TIsoDate } from "@/domain/time/calendar";
import { SCRAP_REASONS, type TScrapReason, type TScrapStatus } from "./names";
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
  return checkScrapReason(opts);
}

/**
 * Whether the reason itself holds: the service life has ended (end_of_life), the repairer judged a fault beyond
 * repair, or the last calibration recorded failed (failed_calibration: no permit-to-use, Procedure 4).
 */
export function checkScrapReason(opts: {
  instrument: Pick<TInstrumentFacts, "intakeDate" | "serviceLifeYears" | "calibrationResult">;
  reason: TScrapReason;
  beyondRepair: boolean;
  today: TIsoDate;
}): TRuleResult {
  const { instrument: i } = opts;
  switch (opts.reason) {
    case "end_of_life":
      return beyondServiceLife(i, opts.today) ? ok() : refuse("scrap_reason_unmet", { endOfLifeOn: endOfLifeOn(i) });
    case "beyond_repair":
      return opts.beyondRepair ? ok() : refuse("scrap_reason_unmet", { reason: "beyond_repair" });
    case "failed_calibration":
      return i.calibrationResult === "failed" ? ok() : refuse("scrap_reason_unmet", { reason: "failed_calibration" });
  }
}

/**
 * The reasons this user may confirm scrapping with now, in `SCRAP_REASONS` order: exactly those `checkScrapRequest`
 * accepts (empty when it refuses every one, e.g. not the custodian, on loan, already pending).
 */
export function scrapReasonsFor(opts: Omit<Parameters<typeof checkScrapRequest>[0], "reason">): TScrapReason[] {
  return SCRAP_REASONS.filter((reason) => checkScrapRequest({ ...opts, reason }).ok);
}

/** Scrapping is decided with a reason either way (approved, it is final). */
export function scrapDecisionNeedsReason(): boolean {
  return true;
}

export function checkScrapDecision(opts: { approver: TActor; request: { status: TScrapStatus }; instrument: TInstrumentFacts; reason: string }): TRuleResult {
  const { approver, instrument: i } = opts;
  if (!isApprover(approver.role) || approver.active === false) return refuse("not_allowed");
  if (approver.department !== i.department) return refuse("wrong_department", { department: i.department });
  if (opts.request.status !== "pending") return refuse("invalid_transition", { status: opts.request.status });
  if (i.status === "scrapped" || i.status === "on_loan") return refuse("invalid_transition", { status: i.status });
  if (scrapDecisionNeedsReason() && !opts.reason.trim()) return refuse("note_required");
  return ok();
}
