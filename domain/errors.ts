import { isRuleCode, ruleMessageKey } from "@/domain/rules/codes";

/**
 * Application error codes: the contract between the server (which throws them) and the client, which shows
 * `errorMessageKey(code)` from the message catalogue: `errors.<code>`, or for a code that is also a rule code
 * (`not_found`, `invalid_transition`) the rule's one message, the words a phone shows offline. Add a code here and
 * in both catalogues.
 */
export const ERROR_CODES = [
  "unauthenticated",
  "session_expired",
  "forbidden",
  "csrf_rejected",
  "invalid_credentials",
  "user_disabled",
  "rate_limited",
  "bad_input",
  "not_found",
  "conflict",
  "username_taken",
  "cannot_change_self",
  "device_not_registered",
  "device_other_user",
  "device_revoked",
  "batch_too_large",
  "assignee_invalid",
  "invalid_transition",
  /** A domain rule refused the change; details.rule names it (a rule code: `rules.<rule>`). */
  "rule_violation",
  /** The person still holds instruments: they must return or hand them over first (details.instruments). */
  "holds_instruments",
  /** The lineman still has unfinished work orders: they must be reassigned first (details.workOrders). */
  "holds_work_orders",
  /** The session is in customer mode: only the customer's signature or refusal of that work order. */
  "customer_mode",
  /** Customer mode needs the work order done and self-checked first. */
  "work_order_not_ready",
  /** The request's body is not JSON (e.g. text/plain): 415. */
  "unsupported_media_type",
  /** The procedure was called with the wrong HTTP method (a mutation by GET, a query by POST…): 405. */
  "method_not_allowed",
  /** The instrument named for a measurement holds no valid permit-to-use (准用证) that day, or is not in use. */
  "instrument_not_usable",
  "internal",
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

/** The catalogue key of an error code's one message. */
export function errorMessageKey(code: TErrorCode): string {
  return isRuleCode(code) ? ruleMessageKey(code) : `errors.${code}`;
}

export function isErrorCode(value: unknown): value is TErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
