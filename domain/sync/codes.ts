/**
 * The codes a mutation's rejection carries, and the one message of each. No zod here: screens that show a rejection
 * import this alone, not the protocol's schemas (and through them every domain's mutation schemas).
 */
import { isRuleCode, RULE_CODES, ruleMessageKey } from "@/domain/rules/codes";

/** Rejections of the protocol itself, not of a domain rule; each has a message `sync.reason.<code>`. */
export const PROTOCOL_REJECTION_CODES = [
  "unknown_mutation",
  "unsupported_version",
  "bad_input",
  /** The phone's expected state is not the server's any more (details.current, changedBy, changedAt). */
  "stale",
  /**
   * The server failed to apply it the same way several times (a defect, not the data): stored as rejected so the
   * queue moves on; details.reference is what an administrator looks up (server/sync/poison.ts).
   */
  "server_error",
] as const;

/**
 * Why a mutation was permanently rejected: a protocol code or any rule code (domain/rules/codes.ts, the one list of
 * rule codes, shared with the online errors). Public contract: the strings travel in push results.
 */
export const REJECTION_CODES = [...PROTOCOL_REJECTION_CODES, ...RULE_CODES] as const;
export type TRejectionCode = (typeof REJECTION_CODES)[number];

/** The catalogue key of a rejection's one message: the rule's (`rules.<code>`, as online) or the protocol's. */
export function rejectionMessageKey(code: TRejectionCode): string {
  return isRuleCode(code) ? ruleMessageKey(code) : `sync.reason.${code}`;
}
