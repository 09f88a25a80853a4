/**
 * The operator's clock: the one place that knows the operator's time zone (Asia/Shanghai, China Standard Time:
 * UTC+8, no daylight saving since 1991). Every day and every time a person reads — phone and office screens, PDF
 * records, CSV registers, the demo seed — comes from here, so a server in UTC, a phone set to another zone and a
 * test machine all print the same day (ADR 0020). Calendar arithmetic on days is in ./calendar.ts.
 */
import { isIsoDate, type TIsoDate } from "./calendar";

export const OPERATOR_TIME_ZONE = "Asia/Shanghai";
/** China Standard Time has no daylight saving: always UTC+8 (checked against the zone database in operator.test.ts). */
const OPERATOR_UTC_OFFSET = "+08:00";
const OFFSET_MS = 8 * 3_600_000;

/** An instant as stored or sent: a Date, an ISO string with offset, or epoch milliseconds. */
export type TInstant = Date | string | number;

function toDate(instant: TInstant): Date {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return date;
}

/**
 * The operator's wall clock of an instant, `YYYY-MM-DDTHH:mm:ss.sssZ`-shaped (the "Z" is not UTC here): the one
 * place an instant becomes the operator's day and time. Every function below reads it.
 */
function operatorWallClock(instant: TInstant): string {
  return new Date(toDate(instant).getTime() + OFFSET_MS).toISOString();
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** The operator's day (YYYY-MM-DD) of an instant: 2026-12-02T16:00Z is 2026-12-03. */
export function operatorDay(instant: TInstant): TIsoDate {
  return operatorWallClock(instant).slice(0, 10);
}

/** The operator's today. */
export function operatorToday(now: Date = new Date()): TIsoDate {
  return operatorDay(now);
}

/** The operator's wall-clock time of an instant, `YYYY-MM-DDTHH:mm` (as a datetime-local field holds it). */
export function toOperatorLocal(at: TInstant): string {
  return operatorWallClock(at).slice(0, 16);
}

/** A wall-clock time typed in the operator's zone (`YYYY-MM-DDTHH:mm`); null if not one. */
export function fromOperatorLocal(local: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const d = new Date(`${local}:00${OPERATOR_UTC_OFFSET}`);
  return Number.isNaN(d.getTime()) || toOperatorLocal(d) !== local ? null : d;
}

/** The instant the operator's day begins (00:00 in Shanghai = 16:00 UTC the day before). */
export function startOfOperatorDay(day: TIsoDate): Date {
  if (!isIsoDate(day)) throw new RangeError(`not a calendar day: ${String(day)}`);
  return new Date(`${day}T00:00:00${OPERATOR_UTC_OFFSET}`);
}

/** Noon of the operator's day: an instant that stays on that day in any zone a formatter might be set to. */
export function middayOfOperatorDay(day: TIsoDate): Date {
  return new Date(startOfOperatorDay(day).getTime() + 12 * 3_600_000);
}

// ── For records (PDF, CSV): one locale-free form, sortable ───────────────────────────────────────

/** "2026-03-02 09:30:00" (or "2026-03-02 09:30" without seconds) in the operator's zone. */
export function recordTime(at: TInstant, opts: { seconds?: boolean } = {}): string {
  const local = operatorWallClock(at);
  return `${local.slice(0, 10)} ${local.slice(11, opts.seconds === false ? 16 : 19)}`;
}

// ── For people, in their language ─────────────────────────────────────────────────────────────────

const DATE: Intl.DateTimeFormatOptions = { timeZone: OPERATOR_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" };
const TIME: Intl.DateTimeFormatOptions = { timeZone: OPERATOR_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const MONTH_DAY_TIME: Intl.DateTimeFormatOptions = { timeZone: OPERATOR_TIME_ZONE, month: "numeric", day: "numeric", ...TIME };

/** The operator's day of an instant as people read it: zh-CN "2026/12/03", en "12/03/2026". */
export function formatOperatorDate(at: TInstant, locale: string): string {
  return formatter(`date|${locale}`, locale, DATE).format(toDate(at));
}

/** A calendar day (YYYY-MM-DD, already the operator's) as people read it, like `formatOperatorDate`. */
export function formatOperatorDay(day: TIsoDate, locale: string): string {
  return formatOperatorDate(startOfOperatorDay(day), locale);
}

/** "09:30" (24-hour) in the operator's zone. */
export function formatOperatorTime(at: TInstant, locale: string): string {
  return formatter(`time|${locale}`, locale, TIME).format(toDate(at));
}

/** Date and time, always both: zh-CN "2026/12/03 09:30", en "12/03/2026 09:30". */
export function formatOperatorDateTime(at: TInstant, locale: string): string {
  return `${formatOperatorDate(at, locale)} ${formatOperatorTime(at, locale)}`;
}

/** A time as people read it on a phone: "09:30" on the operator's today, else with the day ("12/3 09:30"). */
export function formatOperatorWhen(at: TInstant, now: TInstant, locale: string): string {
  const d = toDate(at);
  return operatorDay(d) === operatorDay(now) ? formatOperatorTime(d, locale) : formatter(`mdt|${locale}`, locale, MONTH_DAY_TIME).format(d);
}
