/**
 * The names of the instrument domain (Procedure 4, monitoring and measuring devices): one source for the phone,
 * the office screens, the database columns and the server. Screens translate them (`instruments.*` messages).
 */
export const LOAN_TERMS = ["short", "long"] as const;
export type TLoanTerm = (typeof LOAN_TERMS)[number];

/**
 * A loan's life (Procedure 4: issue and return at Technology Development, ADR 0040): `requested` (asked by scan: a
 * short loan waits for the custodian, a long one for the borrower's head) → `approved` (long: the head signed) →
 * `active` (issued: the custodian handed it out) → `return_requested` (the holder brought it back; still theirs) →
 * `returned` (the custodian confirmed). `handed_over`: moved to a colleague through the custodian. `rejected` (the
 * head or the custodian said no) and `cancelled` (withdrawn, or overtaken by an issue) close a request.
 */
export const LOAN_STATUSES = ["requested", "approved", "active", "return_requested", "returned", "handed_over", "rejected", "cancelled"] as const;
export type TLoanStatus = (typeof LOAN_STATUSES)[number];
/** A request waiting for someone (the head, or the custodian to hand it out). */
export const OPEN_REQUEST_STATUSES = ["requested", "approved"] as const satisfies readonly TLoanStatus[];
/** The instrument is out with its borrower: issued, or brought back and not yet confirmed. */
export const OUT_LOAN_STATUSES = ["active", "return_requested"] as const satisfies readonly TLoanStatus[];

/**
 * A hand-over (移交): `offered` (the holder signed) → `accepted` (the colleague signed) → `confirmed` by the custodian
 * (the loan moves) or `refused` by the custodian (the loan stays). `declined` (by the colleague) and `cancelled` (by
 * the holder, or lapsed with a return) close an offer.
 */
export const HANDOVER_STATUSES = ["offered", "accepted", "confirmed", "refused", "declined", "cancelled"] as const;
export type THandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const FAULT_STATUSES = ["open", "at_repair", "repaired", "beyond_repair"] as const;
export type TFaultStatus = (typeof FAULT_STATUSES)[number];

/** Why an instrument is scrapped: service life over, judged beyond repair, or its last calibration failed (it cannot be brought back within tolerance, so it may never be used again). */
export const SCRAP_REASONS = ["end_of_life", "beyond_repair", "failed_calibration"] as const;
export type TScrapReason = (typeof SCRAP_REASONS)[number];

/**
 * Scrapping: `proposed` by the using department → `pending` once Technology Development verified it (the custodian's own
 * request starts here) → `approved` / `rejected` by the leader named in the settings. `declined`: not verified.
 */
export const SCRAP_STATUSES = ["proposed", "pending", "approved", "rejected", "declined"] as const;
export type TScrapStatus = (typeof SCRAP_STATUSES)[number];

/** How an instrument is when it changes hands; `damaged` and `faulty` need a note, `faulty` opens a fault. */
export const CONDITIONS = ["good", "damaged", "faulty"] as const;
export type TCondition = (typeof CONDITIONS)[number];

/** Routine care (常规保养): power it on regularly, dust it. */
export const CARE_KINDS = ["power_on", "dusting"] as const;
export type TCareKind = (typeof CARE_KINDS)[number];

/** Entries of an instrument's usage file (使用档案), which is also the usage register. */
export const USAGE_KINDS = [
  "registered",
  "updated",
  "loan_requested",
  "loan_approved",
  "loan_rejected",
  "borrowed",
  "returned",
  "handover_offered",
  "handover_accepted",
  "handover_declined",
  "handover_cancelled",
  "care",
  "fault_reported",
  "sent_to_repair",
  "repaired",
  "beyond_repair",
  "calibrated",
  "scrap_requested",
  "scrap_approved",
  "scrap_rejected",
  // issue 16 (ADR 0040): issue and return through the custodian, accessories, the using department's proposal
  "request_closed",
  "return_requested",
  "handover_confirmed",
  "handover_refused",
  "accessories_missing",
  "scrap_proposed",
  "scrap_declined",
] as const;
export type TUsageKind = (typeof USAGE_KINDS)[number];

export const DECISIONS = ["approve", "reject"] as const;
export type TDecision = (typeof DECISIONS)[number];
