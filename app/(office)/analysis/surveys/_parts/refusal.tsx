"use client";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode } from "@/client/trpc";
import { isRuleCode, ruleMessageKey } from "@/domain/rules/codes";

/**
 * A refused call in words: a rule (weights_missing, survey_closed, empty_frame…) by its one message, a conflict by the
 * screen's own sentence (the caller has reloaded the record), anything else as every screen says it.
 */
export function Refusal({ error, conflict, testId = "error" }: { error: unknown; conflict?: string; testId?: string }) {
  const t = useTranslations();
  if (!error) return null;
  const code = errorCode(error);
  const rule =
    code === "rule_violation" && error instanceof TRPCClientError ? (error.data as { details?: { rule?: unknown } } | undefined)?.details?.rule : null;
  if (isRuleCode(rule) || (code === "conflict" && conflict))
    return (
      <div className="alert" data-tone="bad" role="alert" data-testid={testId} data-code={isRuleCode(rule) ? rule : code}>
        {isRuleCode(rule) ? t(ruleMessageKey(rule)) : conflict}
      </div>
    );
  return (
    <div data-testid={testId === "error" ? undefined : testId}>
      <ErrorText error={error} />
    </div>
  );
}
