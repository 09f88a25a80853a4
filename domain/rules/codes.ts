/**
 * The one list of rule codes: every refusal a domain rule gives (items, work orders, instruments, and each domain
 * that comes next), with one message each, `rules.<code>` in the catalogues (ADR 0031). A code travels online as an
 * AppError (`rule_violation` with `{ rule: code }`, or an error code that is also a rule code, e.g.
 * `invalid_transition`) and offline as a sync rejection's `reasonCode` (domain/sync/protocol.ts): the phone and the
 * office show the same words for it either way. Codes are a public contract: add, never rename.
 */
export const RULE_CODES = [
  "not_found",
  "not_allowed",
  /** The object's state (label, work-order status, instrument status) no longer allows this. */
  "invalid_transition",
  "reason_not_allowed",
  "note_required",
  "quarantine_zone_required",
  /** A permanent label (returned, scrapped) without a photo of the label. */
  "photo_required",
  "unknown_zone",
  /** The work order's state does not allow this yet (e.g. work done with an unresolved equipment check). */
  "precondition_failed",
  /** A failed equipment check cannot be marked connected. */
  "check_failed_cannot_connect",
  /** A PBX needs its application details and a passed on-site inspection before it is connected. */
  "pbx_details_required",
  /** The customer's signature needs the lineman's self-check first. */
  "self_check_required",
  /** The evidence hash sent does not match the one the server recomputes. */
  "evidence_mismatch",
  /** An image over its size limit. */
  "too_large",
  /** Applied, but the server's newer registry gave another verdict than the phone's (a flag, not a refusal). */
  "recheck_changed",
  /** Applied, but the equipment the customer signed for differs from the checks on record (a flag, not a refusal). */
  "signed_summary_differs",
  /** Instruments: not lendable now (on loan, at repair, scrapped, an open fault, scrap pending), with the holder. */
  "not_available",
  /** No valid permit-to-use (准用证): calibration overdue, failed or never recorded. */
  "permit_invalid",
  /** A special instrument belongs to its using department; an approver of another department. */
  "wrong_department",
  /** Due day outside the loan's window: from the borrow day to one month later (short-term). */
  "loan_too_long",
  /** A long-term loan would leave no public instrument of this kind for company-wide dispatch. */
  "dispatch_reserve",
  /** Only the instrument's holder (or the custodian) may do this. */
  "not_holder",
  /** Scrapping needs the service life ended (end_of_life) or a fault beyond repair (beyond_repair). */
  "scrap_reason_unmet",
  /** Sending to repair needs an open fault. */
  "no_open_fault",
  "date_in_future",
  "before_intake",
  /** Asset tag already in the register. */
  "duplicate_tag",
  /** Complaints: closing (or telling the customer) needs a result first. */
  "result_required",
  /** Complaints: closing needs the result told to the customer, how and when. */
  "reply_required",
  /** Complaints: the 180 centre's (or a reply by letter) needs the written reply first. */
  "letter_required",
  /** The green-channel policy has a limit out of range, or a key customer's limit longer than everyone else's. */
  "policy_invalid",
  /** Complaints: a month's summary is produced once the month is over (until then its figures are live). */
  "month_not_over",
  /** Warehouse: labelling by the Quality Acceptance Form needs the form first. */
  "not_inspected",
  /** Warehouse: accepted goods go into a stock zone. */
  "stock_zone_required",
  /** Warehouse: a lot accepted in part splits; the rejected part needs its own tag. */
  "split_tag_required",
  /** Warehouse: quarantined goods name the person responsible for dealing with them. */
  "responsible_required",
  /** Warehouse: quantities on hand never go negative; a return never exceeds what the holder has. */
  "insufficient_quantity",
  /** Warehouse: a new tag must come from a leased block (a phone's or a printed roll). */
  "tag_not_leased",
  /** Warehouse: the material is not in the catalogue. */
  "unknown_material",
  /** Warehouse: a form line's accepted and rejected do not add up to the tag's quantity. */
  "quantity_mismatch",
  /** Warehouse: a rejection names where the goods go and why. */
  "reject_target_required",
  /** Warehouse: the receipt already has its signed form. */
  "already_inspected",
  /** Work orders: a terminal-maintenance hand-over needs the service record (服务记录表) first. */
  "service_record_required",
  /** Desk forms: the counter clerk confirms the self-check (营业员自检) before the form is created. */
  "clerk_check_required",
  /** Customer property: a PBX application's certificate has expired. */
  "license_expired",
  /** Customer property: a PBX application's certificate is not in the registry. */
  "license_unknown",
  /** Customer property: the applied model is not the certificate's. */
  "license_model_mismatch",
  /** Customer property: works need the design documents and the test report before a round. */
  "documents_required",
  /** Customer property: a round is submitted with every named inspector's signature. */
  "signatures_required",
  /** Customer property: a round names an inspector of the department that verifies the kind on site (a PBX: terminal service). */
  "verifier_required",
  /** Customer property: every department listed on a round names at least one of its people as an inspector. */
  "department_inspector_required",
  /** Work orders: a PBX is connected only after its application passed the inspection. */
  "pbx_inspection_required",
  /** Work orders: a customer-built works' service opens only after a passed acceptance. */
  "works_not_accepted",
  /** Instruments: a special instrument names its keeper (of its department); a keeper leaves once another is named. */
  "keeper_required",
  /** Analysis: the year's satisfaction weights are not set, so no index can be computed (ADR 0041). */
  "weights_missing",
  /** Analysis: a closed survey takes no more answers. */
  "survey_closed",
  /** Analysis: there is nobody to sample (no customers in the year's frame). */
  "empty_frame",
  /** Analysis: the app computes this indicator itself; a department cannot enter it. */
  "indicator_computed",
  /** Instruments: the leader named to approve scrapping is an active department head or the general manager. */
  "scrap_approver_invalid",
] as const;
export type TRuleCode = (typeof RULE_CODES)[number];

export function isRuleCode(value: unknown): value is TRuleCode {
  return typeof value === "string" && (RULE_CODES as readonly string[]).includes(value);
}

/** The catalogue key of a rule's one message. */
export function ruleMessageKey(code: TRuleCode): `rules.${TRuleCode}` {
  return `rules.${code}`;
}
