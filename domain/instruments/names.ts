/**
 * The names of the instrument domain (Procedure 4, monitoring and measuring devices): one source for the phone,
 * the office screens, the database columns and the server. Screens translate them (`instruments.*` messages).
 */
export const LOAN_TERMS = ["short", "long"] as const;
export type TLoanTerm = (typeof LOAN_TERMS)[number];

export const LOAN_STATUSES = ["requested", "active", "returned", "handed_over", "rejected", "cancelled"] as const;
export type TLoanStatus = (typeof LOAN_STATUSES)[number];

export const HANDOVER_STATUSES = ["offered", "accepted", "declined", "cancelled"] as const;
export type THandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const FAULT_STATUSES = ["open", "at_repair", "repaired", "beyond_repair"] as const;
export type TFaultStatus = (typeof FAULT_STATUSES)[number];

/** Why an instrument is scrapped: service life over, judged beyond repair, or its last calibration failed (it cannot be brought back within tolerance, so it may never be used again). */
export const SCRAP_REASONS = ["end_of_life", "beyond_repair", "failed_calibration"] as const;
export type TScrapReason = (typeof SCRAP_REASONS)[number];

export const SCRAP_STATUSES = ["pending", "approved", "rejected"] as const;
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
] as const;
export type TUsageKind = (typeof USAGE_KINDS)[number];

export const DECISIONS = ["approve", "reject"] as const;
export type TDecision = (typeof DECISIONS)[number];
