/**
 * Scrapping (Procedure 4: 使用部门报给技术发展部，由技术发展部验证并报请有关领导审批报废): beyond its service life,
 * beyond repair as the repairer judged, or failed calibration. The using department proposes it, Technology
 * Development (the custodian) verifies that the reason holds (the custodian's own request is verified at once), and the
 * leader named in the settings (a department head or the general manager) decides with a reason (nobody named: the head
 * of the instrument's department). A scrapped instrument is final: it can never be lent, handed over or brought back.
 */
import type { TIsoDate } from "@/domain/time/calendar";
import { SCRAP_REASONS, type TScrapReason, type TScrapStatus } from "./names";
import { isApprover, isCustodian } from "./roles";
import { mayApproveScrapping } from "./settings";
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

/**
 * Who may propose scrapping for the using department (使用部门报): its head or the instrument's named keeper (the
 * custodian confirms a request directly instead: checkScrapRequest; anyone else reports a fault).
 */
export function mayProposeScrap(user: TActor, i: Pick<TInstrumentFacts, "department" | "keeperId">): boolean {
  if (user.active === false) return false;
  return (isApprover(user.role) && user.department === i.department) || i.keeperId === user.id;
}

/**
 * A proposal by the using department, with the reason it gives and a note; Technology Development then verifies the
 * reason. No proposal while one is open or while the instrument is out on loan (it comes back to be verified).
 */
export function checkScrapProposal(opts: { user: TActor; instrument: TInstrumentFacts; note: string }): TRuleResult {
  const { user, instrument: i } = opts;
  if (!mayProposeScrap(user, i)) return refuse("not_allowed");
  if (i.status === "scrapped") return refuse("invalid_transition", { status: i.status });
  if (i.scrapPending) return refuse("invalid_transition", { reason: "scrap_pending" });
  if (!opts.note.trim()) return refuse("note_required");
  return ok();
}

/**
 * Technology Development verifies a proposal: `verify` needs the reason to hold now (checkScrapReason) and the
 * instrument back from loan; `decline` says why. A repeat answer is `already`.
 */
export function checkScrapVerification(opts: {
  user: TActor;
  request: { status: TScrapStatus };
  instrument: TInstrumentFacts;
  decision: "verify" | "decline";
  reason: TScrapReason;
  beyondRepair: boolean;
  note: string;
  today: TIsoDate;
}): TRuleResult<{ already: boolean }> {
  const { user, request, instrument: i } = opts;
  if (!isCustodian(user.role) || user.active === false) return refuse("not_allowed");
  if (request.status === (opts.decision === "verify" ? "pending" : "declined")) return ok({ already: true });
  if (request.status !== "proposed") return refuse("invalid_transition", { status: request.status });
  if (!opts.note.trim()) return refuse("note_required");
  if (opts.decision === "decline") return ok({ already: false });
  if (i.status === "scrapped" || i.status === "on_loan") return refuse("invalid_transition", { status: i.status });
  const reason = checkScrapReason(opts);
  return reason.ok ? ok({ already: false }) : reason;
}

/**
 * Who decides a verified request: the leader named when it was verified (`approverId`: a department head or the general
 * manager), and only them; with nobody named the head of the instrument's department (never the general manager).
 */
export function mayDecideScrap(approver: TActor, request: { approverId: string | null }, i: Pick<TInstrumentFacts, "department">): TRuleResult {
  if (!mayApproveScrapping(approver)) return refuse("not_allowed");
  if (request.approverId) return request.approverId === approver.id ? ok() : refuse("not_allowed", { approver: "named" });
  if (!isApprover(approver.role)) return refuse("not_allowed", { approver: "head" });
  return approver.department === i.department ? ok() : refuse("wrong_department", { department: i.department });
}

export function checkScrapDecision(opts: {
  approver: TActor;
  request: { status: TScrapStatus; approverId: string | null };
  instrument: TInstrumentFacts;
  reason: string;
}): TRuleResult {
  const { approver, instrument: i } = opts;
  const may = mayDecideScrap(approver, opts.request, i);
  if (!may.ok) return may;
  if (opts.request.status !== "pending") return refuse("invalid_transition", { status: opts.request.status });
  if (i.status === "scrapped" || i.status === "on_loan") return refuse("invalid_transition", { status: i.status });
  if (scrapDecisionNeedsReason() && !opts.reason.trim()) return refuse("note_required");
  return ok();
}
