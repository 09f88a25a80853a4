"use client";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode } from "@/client/trpc";
import { isRuleCode, ruleMessageKey, type TRuleCode } from "@/domain/rules/codes";

/** The rule a `rule_violation` names (`rules.<code>`), or null. */
export function refusedRule(error: unknown): TRuleCode | null {
  if (errorCode(error) !== "rule_violation" || !(error instanceof TRPCClientError)) return null;
  const rule = (error.data as { details?: { rule?: unknown } } | undefined)?.details?.rule;
  return isRuleCode(rule) ? rule : null;
}

/**
 * A refused step in words: a rule (result_required, reply_required, letter_required…) by its one message, a conflict
 * as "someone changed it, here it is now" (the caller reloads), anything else as every screen says it.
 */
export function StepError({ error }: { error: unknown }) {
  const t = useTranslations();
  if (!error) return null;
  const code = errorCode(error);
  const rule = refusedRule(error);
  if (rule === null && code !== "conflict") return <ErrorText error={error} />;
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code={rule ?? code}>
      {rule !== null ? t(ruleMessageKey(rule)) : t("complaintsDesk.steps.conflict")}
    </div>
  );
}
