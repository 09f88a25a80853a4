"use client";
import { useTranslations } from "next-intl";
import type { TQueueProblem } from "@/client/work-orders/enqueue";
import { rejectionMessageKey } from "@/domain/sync/codes";

/** A step the phone refused to queue, in words: the rule that refused it, or the fields to fix. */
export function ProblemText({ problem, testId = "wo-problem" }: { problem: TQueueProblem | null; testId?: string }) {
  const t = useTranslations();
  if (!problem) return null;
  let text: string;
  if (problem.kind === "signature_too_large")
    text = t("workOrders.signature.tooLarge", { kb: Math.ceil(problem.bytes / 1024), max: Math.floor(problem.max / 1024) });
  else if (problem.kind === "refused") text = t(rejectionMessageKey(problem.code));
  else {
    const keys = Object.values(problem.fields);
    text = keys.length > 0 && keys.every((k) => k === "validation.required") ? t("workOrders.fillRequired") : t("workOrders.checkFields");
  }
  return (
    <div
      className="alert"
      data-tone="bad"
      role="alert"
      data-testid={testId}
      data-kind={problem.kind}
      data-code={problem.kind === "refused" ? problem.code : undefined}
    >
      {text}
    </div>
  );
}
