/**
 * Notices: one inbox per user, written by the domain that raises them (server/notices/service.ts raiseNotice) and
 * delivered by the sync pull, so a phone with no signal still shows them. A notice names its kind (the catalogue
 * message `notices.kind.<kind>`), the values the message shows, and the screen it links to.
 */
import { z } from "zod";

/** Every kind of notice; each has a message `notices.kind.<kind>` (zh-CN and en). */
export const NOTICE_KINDS = [
  /** A loan falls due within the reminder window (to the borrower). */
  "instrument.loanDueSoon",
  /** A loan is past its due day (to the borrower and the custodian). */
  "instrument.loanOverdue",
  /** A calibration falls due within the reminder window (to the custodian and the keeper). */
  "instrument.calibrationDueSoon",
  /** A calibration is past due or failed: no valid permit (to the custodian and the keeper). */
  "instrument.calibrationOverdue",
  /** A key customer's work order passed its deadline unfinished (to customer service and quality). */
  "workOrder.keyCustomerOverdue",
  /** A form was classified to a department (to that department's people who handle forms). */
  "complaint.assigned",
  /** A key customer's service request: the departments concerned, in writing (the printable record). */
  "complaint.serviceRequest",
  /** A serious complaint or an escalation to enterprise management (to quality). */
  "complaint.escalated",
  /** Escalated to the general manager for review (to the general manager). */
  "complaint.escalatedToManager",
  /** A form passed its time limit unanswered; escalated by the job runner (to quality, customer service, the department). */
  "complaint.overdue",
  /** The month's summary of forms is ready (to quality and customer service). */
  "complaint.monthSummary",
  /** A delivery is waiting for the requesting department's inspection (to that department's people). */
  "warehouse.inspectionRequested",
  /** The requesting department signed the Quality Acceptance Form (to the keeper who received it). */
  "warehouse.inspected",
  /** Goods went into quarantine with this person responsible for dealing with them (to that person). */
  "warehouse.quarantineAssigned",
  /** A submitted stock-take has differences to confirm (to the keepers). */
  "warehouse.countDifferences",
  /** A label spot-check was planned for this checker (to the assignee). */
  "quality.checkAssigned",
  /** A walk was submitted with findings (to quality). */
  "quality.checkSubmitted",
  /** A nonconformity was raised (to quality, who decides on it). */
  "quality.nonconformityRaised",
  /** A corrective-action record was sent to the department (to its heads). */
  "quality.actionSent",
  /** The department planned the action (to quality). */
  "quality.actionPlanned",
  /** The action was reported done (to quality, who verifies). */
  "quality.actionImplemented",
  /** Verified not effective: a new round (to the department's heads). */
  "quality.actionReopened",
  /** A step of a record is past its date (to quality and the department's head). */
  "quality.actionOverdue",
  /** The month's billing-accuracy check is open (to the switching and transmission office). */
  "quality.billingOpened",
  /** The month's billing check passed its date unrecorded (to quality). */
  "quality.billingOverdue",
  /** An inspection round of a customer-property case was scheduled with this person as an inspector (to each one). */
  "property.roundAssigned",
  /** A rectification letter passed its deadline with no rectification reported (to the organisers and customer service). */
  "property.letterOverdue",
] as const;
export type TNoticeKind = (typeof NOTICE_KINDS)[number];

/** Values a notice's message shows: short texts and numbers only. */
export type TNoticeParams = Record<string, string | number>;

/**
 * A link inside the app: a path on our own origin ("/instruments#IN-000301"), never a scheme, another host or a
 * protocol-relative address.
 */
export function isAppPath(href: string): boolean {
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(href) && href.length <= 300;
}

/** `notice.markRead` v1: the user read these notices (queued like any change, so it works offline). */
export const ZMarkNoticesReadArgs = z.object({ noticeIds: z.array(z.uuid()).min(1).max(200) });
export type TMarkNoticesReadArgs = z.infer<typeof ZMarkNoticesReadArgs>;

/** The notices domain's offline mutations with the schema versions the server still accepts (public contract). */
export const NOTICE_MUTATION_VERSIONS = {
  "notice.markRead": [1],
} as const;
