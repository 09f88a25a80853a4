"use client";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { errorCode } from "@/client/trpc";
import { errorMessageKey } from "@/domain/errors";
import { isRuleCode } from "@/domain/rules/codes";
import { useRefusalText } from "@/app/_ui/instruments/refusal";

/** An online procedure's refusal in words: a rule (`rule_violation` with `{ rule, …details }`) or an error code. */
export function useOnlineErrorText(): (error: unknown) => string {
  const t = useTranslations();
  const refusal = useRefusalText();
  return (error) => {
    const code = errorCode(error);
    if (code === "rule_violation" && error instanceof TRPCClientError) {
      const details = (error.data as { details?: Record<string, unknown> | null } | undefined)?.details ?? {};
      const rule = details.rule;
      if (isRuleCode(rule)) return refusal(rule, details);
    }
    return t(errorMessageKey(code));
  };
}

export function OnlineError({ error, testId = "online-error" }: { error: unknown; testId?: string }) {
  const text = useOnlineErrorText();
  if (!error) return null;
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid={testId} data-code={errorCode(error)}>
      {text(error)}
    </div>
  );
}
