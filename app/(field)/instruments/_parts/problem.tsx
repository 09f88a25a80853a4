"use client";
import { useTranslations } from "next-intl";
import type { TInstrumentQueueProblem } from "@/client/instruments/enqueue";
import { useRefusalText } from "@/app/_ui/instruments/refusal";

/** A change the phone refused to queue, in words: the rule that refused it, or the fields to fix. */
export function ProblemText({ problem, testId = "instrument-problem" }: { problem: TInstrumentQueueProblem | "save_failed" | null; testId?: string }) {
  const t = useTranslations("instrumentsUi");
  const refusal = useRefusalText();
  if (!problem) return null;
  const text =
    problem === "save_failed"
      ? t("saveFailed")
      : problem.kind === "refused"
        ? refusal(problem.code, problem.details)
        : Object.values(problem.fields).every((k) => k === "validation.required")
          ? t("fillRequired")
          : t("checkFields");
  return (
    <div
      className="alert"
      data-tone="bad"
      role="alert"
      data-testid={testId}
      data-code={problem !== "save_failed" && problem.kind === "refused" ? problem.code : undefined}
    >
      {text}
    </div>
  );
}
