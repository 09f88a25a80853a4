/**
 * Faults, repair and routine care (Procedure 4). A faulty instrument goes to the designated repairer (status
 * `at_repair`), never repaired ad hoc: the only way back to service is the custodian recording the repairer's
 * result. Routine care (power-on, dusting) is done by the using department for special instruments and by
 * Technology Development (the custodian) for public ones; it goes into the usage file.
 */
import { isBorrowerRole, isCustodian } from "./roles";
import { conditionNeedsNote, ok, refuse, type TActor, type TInstrumentFacts, type TRuleResult } from "./rules";
import { canTransition } from "./status";

/** Anyone who works with the instrument may report a fault: borrowers, its keeper, its holder, the custodian. */
export function checkReportFault(opts: { user: TActor; instrument: TInstrumentFacts }): TRuleResult {
  const { user, instrument: i } = opts;
  if (!(isCustodian(user.role) || isBorrowerRole(user.role) || i.keeperId === user.id || i.holderId === user.id)) return refuse("not_allowed");
  if (i.status === "scrapped") return refuse("not_available", { status: i.status, reason: "scrapped" });
  return ok();
}

export function checkRecordCare(opts: { user: TActor; instrument: TInstrumentFacts }): TRuleResult {
  const { user, instrument: i } = opts;
  const allowed =
    isCustodian(user.role) ||
    i.keeperId === user.id ||
    i.holderId === user.id ||
    (i.category === "special" && isBorrowerRole(user.role) && user.department === i.department);
  if (!allowed) return refuse("not_allowed");
  if (i.status === "scrapped") return refuse("not_available", { status: i.status, reason: "scrapped" });
  return ok();
}

/** To the designated repairer: the custodian, an open fault, the instrument back from loan. */
export function checkSendToRepair(opts: { user: TActor; instrument: TInstrumentFacts }): TRuleResult {
  const { user, instrument: i } = opts;
  if (!isCustodian(user.role)) return refuse("not_allowed");
  if (!canTransition("send_to_repair", i.status)) return refuse("invalid_transition", { status: i.status });
  if (i.scrapPending) return refuse("invalid_transition", { reason: "scrap_pending" });
  if (!i.faultOpen) return refuse("no_open_fault");
  return ok();
}

/** The repairer's result, recorded by the custodian: repaired (back to available) or beyond repair (stays for scrapping). */
export function checkCompleteRepair(opts: { user: TActor; instrument: TInstrumentFacts; note: string; outcome: "repaired" | "beyond_repair" }): TRuleResult {
  const { user, instrument: i } = opts;
  if (!isCustodian(user.role)) return refuse("not_allowed");
  if (i.status !== "at_repair") return refuse("invalid_transition", { status: i.status });
  if (opts.outcome === "beyond_repair" && conditionNeedsNote("faulty", opts.note)) return refuse("note_required");
  return ok();
}
