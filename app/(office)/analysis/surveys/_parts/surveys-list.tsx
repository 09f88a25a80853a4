"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";

/** The surveys, newest first: code, year, title, sample size, how many responded and the response rate. */
export function SurveysList() {
  const t = useTranslations("analysisSurvey.surveys");
  const trpc = useTRPC();
  const q = useQuery(trpc.survey.list.queryOptions({}));
  const rows = q.data ?? [];
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
      <ul className="list" data-testid="survey-list">
        {rows.map((s) => (
          <li
            key={s.id}
            className="link-card"
            data-testid={`survey-${s.code}`}
            data-status={s.status}
            data-pct={s.responseRatePct ?? ""}
            style={{ borderLeft: `8px solid ${s.status === "open" ? "var(--warn)" : "var(--ok)"}` }}
          >
            <Link href={`/analysis/surveys/${s.id}`} aria-label={t("open", { code: s.code })}>
              <div className="title-row" style={{ flexWrap: "wrap" }}>
                <strong className="mono">{s.code}</strong>
                <span className="badge" data-tone={s.status === "open" ? "warn" : "ok"}>
                  {t(`status.${s.status}`)}
                </span>
              </div>
              <div style={{ fontWeight: 700 }}>{s.title}</div>
              <dl className="facts" style={{ gridTemplateColumns: "repeat(3, auto)", margin: "6px 0 0", columnGap: 16 }}>
                <dt>{t("sample")}</dt>
                <dt>{t("responded")}</dt>
                <dt>{t("rate")}</dt>
                <dd>{s.sampleSize}</dd>
                <dd>{s.responded}</dd>
                <dd>{s.responseRatePct === null ? "—" : `${s.responseRatePct.toFixed(1)} %`}</dd>
              </dl>
              <div className="muted small">{s.year}</div>
            </Link>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
