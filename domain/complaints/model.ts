/**
 * Complaints, inquiries and key customers' service requests (procedure P1, 后续服务和客户投诉处理程序): the names, the
 * handling workflow and who may move a record. One record is the Customer Complaint/Inquiry Form (《客户投诉查询表》);
 * a key customer's request for service is the same record of kind `service_request` (the key-customer service
 * record, 重点客户服务记录), so the desk, the deadlines, the escalations and the month's summary are one each.
 */
import { DEPARTMENTS, type TDepartment, type TRole } from "@/domain/auth/roles";
import { deadlineFrom, tierOf, type TPolicyLimits } from "./deadlines";

export const COMPLAINT_KINDS = ["complaint", "inquiry", "service_request"] as const;
export type TComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** Kinds anyone may record from a phone (first-asker); a key customer's service request is customer service's. */
export const FIRST_ASKER_KINDS = ["complaint", "inquiry"] as const satisfies readonly TComplaintKind[];

/** How it reached us (受理渠道): the counter, the inquiry desk, the 189 line, forwarded by the 180 centre, on site. */
export const COMPLAINT_CHANNELS = ["counter", "inquiry_desk", "line_189", "centre_180", "on_site"] as const;
export type TComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const SEVERITIES = ["normal", "serious"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

/**
 * The workflow: recorded (waits for customer service to classify) → classified (to a department) → accepted by that
 * department → investigating → resolved (a result) → replied (the result told to the customer) → closed (archived).
 * Answered at once by the first asker: recorded straight as closed.
 */
export const COMPLAINT_STATUSES = ["recorded", "classified", "accepted", "investigating", "resolved", "replied", "closed"] as const;
export type TComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The request types the green-channel policy gives limits for: a complaint, an inquiry, or a service of a work-order kind. */
export const REQUEST_TYPES = ["complaint", "inquiry", "install", "move", "repair", "maintenance"] as const;
export type TRequestType = (typeof REQUEST_TYPES)[number];

/** How the result was told to the customer. A letter is the written reply (required for the 180 centre). */
export const REPLY_METHODS = ["phone", "sms", "in_person", "letter", "on_site"] as const;
export type TReplyMethod = (typeof REPLY_METHODS)[number];

/** Every step of the timeline (complaint_events.action). */
export const COMPLAINT_ACTIONS = [
  "recorded",
  "classified",
  "accepted",
  "investigated",
  "resolved",
  "replied",
  "letter_written",
  "customer_signed",
  "escalated",
  "reviewed",
  "callback",
  "closed",
  "reopened",
] as const;
export type TComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** Escalation levels: enterprise management (企业管理部, the quality department), then the general manager. */
export const ESCALATION_LEVELS = ["quality", "general_manager"] as const;
export type TEscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Why a record was escalated: serious on classification, a deadline passed (the job runner), or a person's decision. */
export const ESCALATION_CAUSES = ["serious", "deadline_passed", "decision"] as const;
export type TEscalationCause = (typeof ESCALATION_CAUSES)[number];

/** Satisfaction told at the callback, 1 (very dissatisfied) to 5 (very satisfied): feeds the satisfaction analysis (P5). */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;

/** Statuses in which the customer still waits for an answer: the deadline runs. */
export const AWAITING_REPLY: readonly TComplaintStatus[] = ["recorded", "classified", "accepted", "investigating", "resolved"];

export function awaitsReply(status: TComplaintStatus): boolean {
  return AWAITING_REPLY.includes(status);
}

export function isClosed(status: TComplaintStatus): boolean {
  return status === "closed";
}

/** The request type whose limit applies to a record (a service request names its own). */
export function requestTypeOf(kind: TComplaintKind, serviceType: TRequestType | null): TRequestType {
  if (kind === "service_request") {
    if (serviceType === null || serviceType === "complaint" || serviceType === "inquiry") throw new Error("a service request names a service type");
    return serviceType;
  }
  return kind;
}

// ── The workflow ───────────────────────────────────────────────────────────────────────────────
/** Steps that move the status, with the statuses each starts from and the one it leads to. */
export const STATUS_STEPS = {
  classify: { from: ["recorded", "classified"], to: "classified" },
  accept: { from: ["classified"], to: "accepted" },
  investigate: { from: ["accepted", "investigating"], to: "investigating" },
  resolve: { from: ["accepted", "investigating", "resolved"], to: "resolved" },
  reply: { from: ["resolved"], to: "replied" },
  close: { from: ["replied"], to: "closed" },
  reopen: { from: ["replied", "closed"], to: "investigating" },
} as const satisfies Record<string, { from: readonly TComplaintStatus[]; to: TComplaintStatus }>;
export type TStatusStep = keyof typeof STATUS_STEPS;

/** Steps that add to the record without moving it, with the statuses they are allowed in. */
export const RECORD_STEPS = {
  /** The written reply (书面答复): drafted once there is a result, until closed. */
  letter: ["resolved", "replied"],
  /** The customer confirms the handling by signature (when needed). */
  sign: ["resolved", "replied"],
  escalate: ["recorded", "classified", "accepted", "investigating", "resolved", "replied"],
  review: ["recorded", "classified", "accepted", "investigating", "resolved", "replied", "closed"],
  /** The telephone callback after handling, with the customer's satisfaction. */
  callback: ["replied", "closed"],
} as const satisfies Record<string, readonly TComplaintStatus[]>;
export type TRecordStep = keyof typeof RECORD_STEPS;
export type TComplaintStep = TStatusStep | TRecordStep;

export function canStep(step: TComplaintStep, status: TComplaintStatus): boolean {
  if (step in STATUS_STEPS) return (STATUS_STEPS[step as TStatusStep].from as readonly TComplaintStatus[]).includes(status);
  return (RECORD_STEPS[step as TRecordStep] as readonly TComplaintStatus[]).includes(status);
}

export function statusAfter(step: TStatusStep): TComplaintStatus {
  return STATUS_STEPS[step].to;
}

// ── Who may do what ────────────────────────────────────────────────────────────────────────────
export interface TActor {
  role: TRole;
  department: TDepartment;
}

/** Customer service runs the desk: classifies, and may move any record (the procedure's 客户服务部). */
export function isDeskRole(a: Pick<TActor, "role">): boolean {
  return a.role === "customer_service" || a.role === "admin";
}

/** Enterprise management (企业管理部): sees everything, maintains categories, key customers' policy, escalates. */
export function isQuality(a: Pick<TActor, "role">): boolean {
  return a.role === "quality";
}

/** Reads the desk and every record: customer service, quality, the general manager, admins; department heads read their department's. */
export function canReadDesk(a: Pick<TActor, "role">): boolean {
  return isDeskRole(a) || isQuality(a) || a.role === "general_manager" || a.role === "department_head";
}

/**
 * Moves a record (accept, investigate, resolve, reply, letter, signature, close, callback): customer service, or a
 * person of the department responsible for it. Nobody else: not quality (it oversees), not another department.
 */
export function canHandle(a: TActor, c: { department: TDepartment | null }): boolean {
  if (isDeskRole(a)) return true;
  return c.department !== null && a.department === c.department && !NOT_HANDLING.includes(a.role);
}

/**
 * Roles that never move a record even in the responsible department: field staff (a lineman or keeper records a
 * complaint as first asker and hands it on), quality and the general manager (they oversee and review: a record
 * classified to enterprise management is handled by its department head, not by those who judge it).
 */
const NOT_HANDLING: readonly TRole[] = ["lineman", "warehouse_keeper", "quality", "general_manager"];

/** Classification (category, severity, responsible department, key customer) is customer service's. */
export function canClassify(a: Pick<TActor, "role">): boolean {
  return isDeskRole(a);
}

/**
 * Escalation to quality: customer service and the responsible department (a serious case found while handling);
 * escalation to the general manager: only quality.
 */
export function canEscalate(a: TActor, c: { department: TDepartment | null }, level: TEscalationLevel): boolean {
  if (level === "general_manager") return isQuality(a);
  return isQuality(a) || canHandle(a, c);
}

/** A review note on an escalated record: quality at its level, the general manager at theirs. */
export function canReview(a: Pick<TActor, "role">, level: TEscalationLevel): boolean {
  return level === "quality" ? isQuality(a) : a.role === "general_manager";
}

/** Categories, key customers and the green-channel policy are maintained by the quality department. */
export function canMaintainPolicy(a: Pick<TActor, "role">): boolean {
  return isQuality(a) || a.role === "admin";
}

/** The key-customer register: customer service keeps it day to day, quality too. */
export function canMaintainKeyCustomers(a: Pick<TActor, "role">): boolean {
  return isDeskRole(a) || isQuality(a);
}

// ── Closing ────────────────────────────────────────────────────────────────────────────────────
export interface TCloseFacts {
  channel: TComplaintChannel;
  /** How and when the result was told to the customer. */
  replyMethod: TReplyMethod | null;
  repliedAt: Date | string | null;
  /** The written reply on record (its text). */
  hasLetter: boolean;
  result: string;
}

export type TCloseRefusal = "result_required" | "reply_required" | "letter_required";

/**
 * Why a record cannot be closed, or null: a result told to the customer (how and when), and for a complaint the 180
 * centre forwarded (or one answered by letter), its written reply.
 */
export function closeRefusal(c: TCloseFacts): TCloseRefusal | null {
  if (c.result.trim() === "") return "result_required";
  if (c.replyMethod === null || c.repliedAt === null) return "reply_required";
  if ((c.channel === "centre_180" || c.replyMethod === "letter") && !c.hasLetter) return "letter_required";
  return null;
}

/** A reply by letter needs the letter written first; the 180 centre is always answered by letter. */
export function replyRefusal(c: Pick<TCloseFacts, "channel" | "hasLetter">, method: TReplyMethod): "letter_required" | null {
  if ((method === "letter" || c.channel === "centre_180") && !c.hasLetter) return "letter_required";
  return null;
}

export function isDepartment(value: unknown): value is TDepartment {
  return typeof value === "string" && (DEPARTMENTS as readonly string[]).includes(value);
}

// ── The time the customer was told ────────────────────────────────────────────────────────────
/**
 * The reply's time as a person types it (to the minute, operator time): a time within the minute before the customer
 * asked means that minute, after they asked, not its first second before it.
 */
export function replyTimeAsTyped(at: Date, receivedAt: Date): Date {
  const gap = receivedAt.getTime() - at.getTime();
  return gap > 0 && gap < 60_000 ? receivedAt : at;
}

/** Told the customer: not before they asked and not in the future (a minute's grace for the phone's clock). */
export function isValidReplyTime(at: Date, receivedAt: Date, now: Date): boolean {
  return !Number.isNaN(at.getTime()) && at.getTime() >= receivedAt.getTime() && at.getTime() <= now.getTime() + 60_000;
}

// ── Classifying again, reopening ──────────────────────────────────────────────────────────────
/** The policy in force as the deadline rules need it: its version and its limits. */
export interface TPolicyInForce {
  version: number;
  limits: TPolicyLimits;
}

/**
 * A classification moves the deadline only when it changes the tier (a key customer set or cleared): then the limit of
 * the new tier counts from the time of receipt, under the policy in force. A department, category or severity changed
 * keeps the deadline the customer was given (and its policy version). Null when the deadline stays.
 */
export function reclassifiedDeadline(
  c: { kind: TComplaintKind; serviceType: TRequestType | null; receivedAt: Date; keyCustomerId: string | null },
  keyCustomerId: string | null,
  policy: TPolicyInForce,
): { dueAt: Date; policyVersion: number } | null {
  if ((c.keyCustomerId !== null) === (keyCustomerId !== null)) return null;
  return {
    dueAt: deadlineFrom(c.receivedAt, policy.limits[tierOf(keyCustomerId !== null)][requestTypeOf(c.kind, c.serviceType)]),
    policyVersion: policy.version,
  };
}

/** A key customer's service request stays a key customer's: classifying it without one is refused. */
export function classifyRefusal(c: { kind: TComplaintKind }, keyCustomerId: string | null): "not_allowed" | null {
  return c.kind === "service_request" && keyCustomerId === null ? "not_allowed" : null;
}

/**
 * What a reopen resets: the customer asked again, so the form awaits a new answer. The reply (how, when) and the
 * written reply are cleared (their history stays in the timeline and the audit chain), so closing again needs a new
 * reply (and for the 180 centre a new letter); and a new deadline runs from the reopening, by the limit of the form's
 * own tier (key customer or not) and request type in the policy in force, naming its version.
 */
export function reopenReset(
  c: { kind: TComplaintKind; serviceType: TRequestType | null; keyCustomerId: string | null },
  policy: TPolicyInForce,
  now: Date,
): {
  closedAt: null;
  repliedAt: null;
  replyMethod: null;
  letterProcess: null;
  letterResult: null;
  letterAt: null;
  dueAt: Date;
  policyVersion: number;
} {
  const limit = policy.limits[tierOf(c.keyCustomerId !== null)][requestTypeOf(c.kind, c.serviceType)];
  return {
    closedAt: null,
    repliedAt: null,
    replyMethod: null,
    letterProcess: null,
    letterResult: null,
    letterAt: null,
    dueAt: deadlineFrom(now, limit),
    policyVersion: policy.version,
  };
}
