/**
 * Calendar days as ISO strings `YYYY-MM-DD`, with explicit arithmetic: no `Date` in local time anywhere, so a
 * phone in another time zone, a server in UTC and a test machine all compute the same days.
 * An instant becomes a day only through the operator's clock (domain/time/operator.ts: `operatorDay`).
 */
export type TIsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** A real calendar day in `YYYY-MM-DD` (2023-02-29 and 2024-13-01 are not). */
export function isIsoDate(value: unknown): value is TIsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(value: TIsoDate): { y: number; m: number; d: number } {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar day: ${String(value)}`);
  return { y: Number(value.slice(0, 4)), m: Number(value.slice(5, 7)), d: Number(value.slice(8, 10)) };
}

export function formatIsoDate(y: number, m: number, d: number): TIsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil: integers only). */
export function toEpochDay(value: TIsoDate): number {
  const { y: year, m, d } = parseIsoDate(value);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The day `day` days after 1970-01-01 (civil_from_days). */
export function fromEpochDay(day: number): TIsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return formatIsoDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(value: TIsoDate, days: number): TIsoDate {
  return fromEpochDay(toEpochDay(value) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: TIsoDate, b: TIsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * Calendar months later, clamped to the month's last day: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year),
 * Feb 29 + 24 months = Feb 28, Feb 29 + 48 months = Feb 29.
 */
export function addMonths(value: TIsoDate, months: number): TIsoDate {
  if (!Number.isInteger(months)) throw new RangeError("addMonths: whole months only");
  const { y, m, d } = parseIsoDate(value);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return formatIsoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(value: TIsoDate, years: number): TIsoDate {
  return addMonths(value, years * 12);
}

export function compareDates(a: TIsoDate, b: TIsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: TIsoDate, b: TIsoDate): TIsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: TIsoDate, b: TIsoDate): TIsoDate {
  return a >= b ? a : b;
}
