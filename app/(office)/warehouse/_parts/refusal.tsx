"use client";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode } from "@/client/trpc";
import { isRuleCode, ruleMessageKey, type TRuleCode } from "@/domain/rules/codes";

/** The rule a `rule_violation` names (`rules.<code>`), or null. */
function refusedRule(error: unknown): TRuleCode | null {
  if (errorCode(error) !== "rule_violation" || !(error instanceof TRPCClientError)) return null;
  const rule = (error.data as { details?: { rule?: unknown } } | undefined)?.details?.rule;
  return isRuleCode(rule) ? rule : null;
}

/** A refused step in words: a rule (already_inspected, quantity_mismatch…) by its one message, anything else as every screen says it. */
export function Refusal({ error }: { error: unknown }) {
  const t = useTranslations();
  if (!error) return null;
  const rule = refusedRule(error);
  if (rule === null) return <ErrorText error={error} />;
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code={rule}>
      {t(ruleMessageKey(rule))}
    </div>
  );
}
