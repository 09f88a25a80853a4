"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { SCORE_SOURCES } from "@/domain/analysis/satisfaction";
import { CUSTOMER_CATEGORIES } from "@/domain/analysis/schemas";
import { BreakdownList, DepartmentList, ItemList } from "./results-lists";
import { score1, type TIndexWithN, type TSatisfactionResults } from "./results-types";

/** "Partial" with the items nobody answered and the weight the index covers (ADR 0041 §3), or nothing when whole. */
export function PartialNote({ r }: { r: TIndexWithN }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  if (r.index === null || r.missingItems.length === 0) return null;
  return (
    <p className="alert" data-tone="warn" style={{ margin: 0 }} data-testid="partial-note">
      <strong>{t("partial")}</strong> · {t("partialText", { items: r.missingItems.map((i) => tr(`analysis.item.${i}`)).join("、"), pct: r.coveragePct })}
    </p>
  );
}

/**
 * The year's results: the index large (partial said plainly), the weights version it used, last year's index; then
 * by source, the items with their elements, customer categories, departments and the survey's sample and interval.
 */
export function ResultsView({ year, r, surveyLinks, charts }: { year: number; r: TSatisfactionResults; surveyLinks: boolean; charts?: ReactNode }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  const o = r.overall;
  const partial = o.index !== null && o.missingItems.length > 0;
  const prev = r.previousYear.index;
  const diff = o.index !== null && prev !== null ? Math.round((o.index - prev) * 10) / 10 : null;
  return (
    <div className="stack" data-testid="results">
      <section className="card stack" aria-labelledby="index-title" style={{ borderWidth: 3, borderColor: partial ? "var(--warn)" : "var(--brand)" }}>
        <h2 id="index-title" style={{ margin: 0 }}>
          {t("index")}
        </h2>
        <p
          style={{ margin: 0, display: "flex", alignItems: "baseline", gap: 10, flexWrap: "wrap" }}
          data-testid="index-value"
          data-index={o.index ?? ""}
          data-partial={partial}
        >
          <span style={{ fontSize: "3.4rem", fontWeight: 900, lineHeight: 1 }}>{score1(o.index)}</span>
          <span className="muted">{t("outOf")}</span>
          {partial ? (
            <span className="badge" data-tone="warn">
              {t("partial")}
            </span>
          ) : (
            o.index !== null && (
              <span className="badge" data-tone="ok">
                {t("complete")}
              </span>
            )
          )}
        </p>
        {o.index === null && (
          <p className="muted" style={{ margin: 0 }}>
            {t("noIndex")}
          </p>
        )}
        <PartialNote r={o} />
        {r.weights && (
          <p className="small" style={{ margin: 0 }} data-testid="weights-version" data-version={r.weights.version}>
            {t("weightsVersion", { year: r.weights.year, v: r.weights.version })} · {t("answers", { n: o.n })}
          </p>
        )}
        <p className="small" style={{ margin: 0 }} data-testid="previous-year" data-index={prev ?? ""}>
          {prev === null ? t("previousNone", { year: year - 1 }) : t("previousYear", { year: year - 1, index: score1(prev) })}
          {diff !== null && ` · ${t("change", { delta: diff > 0 ? "up" : diff < 0 ? "down" : "same", diff: Math.abs(diff).toFixed(1) })}`}
        </p>
      </section>
      <section aria-labelledby="sources-title">
        <h2 id="sources-title">{t("bySource")}</h2>
        <BreakdownList rows={SCORE_SOURCES.map((s) => ({ key: s, testId: `source-${s}`, name: tr(`analysis.source.${s}`), r: r.bySource[s] }))} />
      </section>
      {charts}
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t("items")}</h2>
        <ItemList r={o} />
      </section>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t("byCategory")}</h2>
        <BreakdownList
          rows={[...CUSTOMER_CATEGORIES, ...Object.keys(r.byCategory).filter((c) => !(CUSTOMER_CATEGORIES as readonly string[]).includes(c))]
            .filter((c) => r.byCategory[c])
            .map((c) => ({ key: c, testId: `category-${c}`, name: tr.has(`analysis.category.${c}`) ? tr(`analysis.category.${c}`) : c, r: r.byCategory[c]! }))}
        />
      </section>
      <section aria-labelledby="departments-title">
        <h2 id="departments-title">{t("byDepartment")}</h2>
        <DepartmentList rows={r.byDepartment} />
      </section>
      <SurveyFacts year={year} survey={r.survey} link={surveyLinks} />
    </div>
  );
}

function SurveyFacts({ year, survey: s, link }: { year: number; survey: TSatisfactionResults["survey"]; link: boolean }) {
  const t = useTranslations("analysisSurvey.results");
  return (
    <section className="card" aria-labelledby="survey-title" data-testid="survey-facts">
      <h2 id="survey-title" style={{ marginTop: 0 }}>
        {t("survey")}
      </h2>
      {s === null ? (
        <p className="muted" style={{ margin: 0 }}>
          {t("surveyNone", { year })}
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t("sampleSize")}</dt>
            <dd data-testid="survey-sample">{s.sampleSize}</dd>
            <dt>{t("responded")}</dt>
            <dd data-testid="survey-n">{s.responded}</dd>
            <dt>{t("responseRate")}</dt>
            <dd data-testid="survey-rate" data-pct={s.responseRatePct ?? ""}>
              {s.responseRatePct === null ? "—" : `${s.responseRatePct.toFixed(1)} %`}
            </dd>
            <dt>{t("ci")}</dt>
            <dd data-testid="ci">
              {s.ci && s.ci.low !== null && s.ci.high !== null && s.ci.mean !== null
                ? t("ciText", { low: score1(s.ci.low), high: score1(s.ci.high), mean: score1(s.ci.mean), n: s.ci.n })
                : t("ciNone")}
            </dd>
          </dl>
          {link && (
            <Link className="btn secondary block" href={`/analysis/surveys/${s.surveyId}`} data-testid="open-survey">
              {t("openSurvey", { code: s.code })}
            </Link>
          )}
        </>
      )}
    </section>
  );
}
