/**
 * The green-channel policy (绿色通道) and every deadline it gives: one time limit per request type, for key customers
 * (重点客户) and for everyone else, maintained by the quality department in versions (never typed per record or per
 * work order). A limit counts either hours from receipt (a repair within 4 h) or whole operator days (an install by
 * the end of the 2nd day after the day of receipt, Asia/Shanghai), so "by tomorrow" means the operator's tomorrow.
 */
import { addDays } from "@/domain/time/calendar";
import { operatorDay, startOfOperatorDay } from "@/domain/time/operator";
import { awaitsReply, REQUEST_TYPES, type TComplaintStatus, type TRequestType } from "./model";

export const LIMIT_UNITS = ["hours", "days"] as const;
export type TLimitUnit = (typeof LIMIT_UNITS)[number];

export interface TLimit {
  unit: TLimitUnit;
  /** Hours: 1–720. Days: 0 (by the end of the day of receipt) – 60. */
  value: number;
}

export const MAX_LIMIT = { hours: 720, days: 60 } as const satisfies Record<TLimitUnit, number>;

export const TIERS = ["key", "standard"] as const;
export type TTier = (typeof TIERS)[number];

export function tierOf(keyCustomer: boolean): TTier {
  return keyCustomer ? "key" : "standard";
}

/** One policy version: a limit for every request type in both tiers. */
export type TPolicyLimits = Record<TTier, Record<TRequestType, TLimit>>;

/** The first policy (version 1) the demo and a new installation start from; quality changes it from its screen. */
export const DEFAULT_POLICY: TPolicyLimits = {
  key: {
    complaint: { unit: "hours", value: 24 },
    inquiry: { unit: "hours", value: 4 },
    install: { unit: "days", value: 1 },
    move: { unit: "days", value: 2 },
    repair: { unit: "hours", value: 4 },
    maintenance: { unit: "hours", value: 8 },
  },
  standard: {
    complaint: { unit: "days", value: 3 },
    inquiry: { unit: "days", value: 1 },
    install: { unit: "days", value: 5 },
    move: { unit: "days", value: 5 },
    repair: { unit: "hours", value: 24 },
    maintenance: { unit: "days", value: 2 },
  },
};

/** The limit is a whole number within its unit's range (and there is one: a stored version may lack a newer type). */
export function isValidLimit(l: TLimit): boolean {
  if (typeof l !== "object" || l === null || !(LIMIT_UNITS as readonly unknown[]).includes(l.unit)) return false;
  return Number.isInteger(l.value) && l.value >= (l.unit === "hours" ? 1 : 0) && l.value <= MAX_LIMIT[l.unit];
}

/** The receipts policyProblems compares limits at: each whole hour of an operator day (2026-01-15) and its last millisecond. */
const RECEIPTS: readonly Date[] = [
  ...Array.from({ length: 24 }, (_, h) => new Date(Date.parse("2026-01-14T16:00:00Z") + h * 3_600_000)),
  new Date("2026-01-15T15:59:59.999Z"),
];

/** Key customers are never given a longer limit than everyone else: that would not be a green channel. */
export function policyProblems(p: TPolicyLimits): { tier: TTier; type: TRequestType; problem: "invalid" | "key_longer" }[] {
  const out: { tier: TTier; type: TRequestType; problem: "invalid" | "key_longer" }[] = [];
  for (const type of REQUEST_TYPES) {
    for (const tier of ["key", "standard"] as const) if (!isValidLimit(p[tier][type])) out.push({ tier, type, problem: "invalid" });
    if (isValidLimit(p.key[type]) && isValidLimit(p.standard[type])) {
      // compared at every hour of a day and at its last millisecond: "1 day" against "20 hours" depends on the time of
      // receipt, and "25 hours" is longer than "1 day" only for what arrives in the day's last hour
      const longer = RECEIPTS.some((at) => deadlineFrom(at, p.key[type]).getTime() > deadlineFrom(at, p.standard[type]).getTime());
      if (longer) out.push({ tier: "key", type, problem: "key_longer" });
    }
  }
  return out;
}

/**
 * The deadline of something received at `receivedAt` under limit `l`: `hours` later, or the end of the operator's
 * day `days` after the day of receipt (the start of the next operator day, 00:00 Asia/Shanghai).
 */
export function deadlineFrom(receivedAt: Date, l: TLimit): Date {
  if (!isValidLimit(l)) throw new RangeError(`not a limit: ${JSON.stringify(l)}`);
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError("not an instant: Invalid Date");
  if (l.unit === "hours") return new Date(receivedAt.getTime() + l.value * 3_600_000);
  return startOfOperatorDay(addDays(operatorDay(receivedAt), l.value + 1));
}

/** Under this many minutes left, a deadline is near (a warning), as on the work-order desk. */
export const DEADLINE_SOON_MINUTES = 120;

export type TComplaintDeadlineState = { state: "done"; onTime: boolean } | { state: "passed" | "soon" | "ahead"; minutes: number };

/**
 * A record's deadline as every screen shows it: "done" once the customer was answered (on time or not), else
 * "passed" (overdue, red), "soon" or "ahead" with whole minutes to go or gone (rounded up).
 */
export function complaintDeadlineState(c: { status: TComplaintStatus; dueAt: Date; repliedAt: Date | null }, now: Date): TComplaintDeadlineState {
  if (!awaitsReply(c.status)) return { state: "done", onTime: c.repliedAt !== null && c.repliedAt.getTime() <= c.dueAt.getTime() };
  const ms = c.dueAt.getTime() - now.getTime();
  const minutes = Math.ceil(Math.abs(ms) / 60_000);
  if (ms < 0) return { state: "passed", minutes };
  return { state: minutes < DEADLINE_SOON_MINUTES ? "soon" : "ahead", minutes };
}

/** Overdue: still awaiting its answer after the deadline. One rule for the desk, its filters, the sweep and the summary. */
export function isComplaintOverdue(c: { status: TComplaintStatus; dueAt: Date }, now: Date): boolean {
  return awaitsReply(c.status) && c.dueAt.getTime() < now.getTime();
}

/** Answered within its limit (the month summary's on-time share): told the customer by the deadline. */
export function answeredOnTime(c: { dueAt: Date; repliedAt: Date | null }): boolean {
  return c.repliedAt !== null && c.repliedAt.getTime() <= c.dueAt.getTime();
}

/** "2 d 3 h", "3 h 5 min", "12 min": whole minutes as people read a time left or late. */
export function splitMinutes(minutes: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.round(minutes));
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}
