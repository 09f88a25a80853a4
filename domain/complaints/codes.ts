/**
 * The form numbers: TS-YYYYMMDD-NNNN (投诉 TS), by the operator's day the customer asked; numbered by the server
 * when the record arrives (a phone offline cannot know the day's sequence), so the phone shows "number on sync".
 */
import { isIsoDate } from "@/domain/time/calendar";

export const COMPLAINT_CODE_RE = /^TS-(20\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export function complaintCode(day: string, n: number): string {
  if (!/^20\d{2}-\d{2}-\d{2}$/.test(day) || !isIsoDate(day)) throw new RangeError(`not a day: ${day}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a sequence number: ${n}`);
  return `TS-${day.replaceAll("-", "")}-${String(n).padStart(4, "0")}`;
}

/**
 * Digits of a phone number as typed ("138-0013 8000 王先生" → "13800138000"): search and key-customer matching, and
 * the contact's "at least 7 digits". Full-width digits (a Chinese input method in full-width mode: "１３８") count
 * as the digits they are.
 */
export function phoneDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, "");
}
