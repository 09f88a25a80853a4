"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { errorCode, useTRPC } from "@/client/trpc";
import { Refusal } from "../../surveys/_parts/refusal";
import { ResultsView } from "./results-view";
import { WeightsForm } from "./weights-form";

/** The weights (quality edits them) and the year's results; the charts come drawn from the server. */
export function SatisfactionScreen({ year, canEdit, surveyLinks, charts }: { year: number; canEdit: boolean; surveyLinks: boolean; charts?: ReactNode }) {
  const t = useTranslations("analysisSurvey.results");
  const trpc = useTRPC();
  const weights = useQuery({ ...trpc.satisfaction.weights.queryOptions({ year }), enabled: canEdit });
  const results = useQuery(trpc.satisfaction.results.queryOptions({ year }));
  return (
    <div className="stack">
      {canEdit && (
        <QueryState isPending={weights.isPending} isError={weights.isError} isEmpty={false} empty="" onRetry={() => void weights.refetch()}>
          {weights.data && (
            <WeightsForm
              key={year}
              year={year}
              versions={weights.data.history.map((v) => ({ version: v.version, weights: v.weights, note: v.note, setAt: v.setAt, setBy: v.setByName }))}
            />
          )}
        </QueryState>
      )}
      <h2 style={{ marginBottom: 0 }}>{t("title", { year })}</h2>
      {results.isError && errorCode(results.error) === "rule_violation" ? (
        <Refusal error={results.error} />
      ) : (
        <QueryState isPending={results.isPending} isError={results.isError} isEmpty={false} empty="" onRetry={() => void results.refetch()}>
          {results.data && <ResultsView year={year} r={results.data} surveyLinks={surveyLinks} charts={charts} />}
        </QueryState>
      )}
    </div>
  );
}
