import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { paretoChart } from "@/domain/analysis/charts";
import { PARETO_SUBJECTS } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { getDb } from "@/db";
import { paretoBlock } from "@/server/analysis/pareto";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { ChartSvg } from "../_parts/chart-svg";
import { dayFormatter, labeller } from "../_parts/labels";
import { RangePicker } from "../_parts/pickers";
import { quickRanges, readRange } from "../_parts/ranges";

/**
 * The Pareto chart (排列图) of a subject over a range of operator days: the chart is the server's SVG, the very one the
 * report PDF draws (ADR 0041), then the table behind it and its CSV.
 */
export default async function ParetoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const today = operatorToday(now());
  const { subject, from, to } = readRange(await searchParams, PARETO_SUBJECTS, today);
  const [t, ta, tp, day] = await Promise.all([
    getTranslations("analysisOffice.pareto"),
    getTranslations("analysis.paretoSubject"),
    getTranslations("analysisOffice.picker"),
    dayFormatter(),
  ]);
  const block = await paretoBlock(await getDb(), subject, from, to);
  const name = await labeller(block.keyspace, t("notClassified"));
  const labels = new Map(block.rows.map((r) => [r.key, name(r.key, r.label)]));
  const spec = paretoChart(block, (k) => labels.get(k) ?? k, { countName: t("count"), cumulativeName: t("cumulative") });
  const csv = `/api/analysis/pareto.csv?${new URLSearchParams({ subject, from, to }).toString()}`;
  return (
    <div className="stack" data-testid="pareto-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <RangePicker
        subject={subject}
        subjects={PARETO_SUBJECTS.map((s) => ({ key: s, name: ta(s) }))}
        from={from}
        to={to}
        testId="pareto-subject"
        subjectLabel={t("subject")}
        quick={quickRanges(today).map((q) => ({ ...q, name: tp(q.key) }))}
      />
      {block.rows.length === 0 ? (
        <p className="empty" data-testid="pareto-empty">
          {t("empty", { from: day(from), to: day(to) })}
        </p>
      ) : (
        <>
          <ChartSvg spec={spec} testId="pareto-chart" title={t("chart", { subject: ta(subject), from: day(from), to: day(to) })} />
          <div className="table-wrap">
            <table className="register" data-testid="pareto-table">
              <thead>
                <tr>
                  <th>{t("key")}</th>
                  <th style={{ textAlign: "right" }}>{t("count")}</th>
                  <th style={{ textAlign: "right" }}>{t("share")}</th>
                  <th style={{ textAlign: "right" }}>{t("cumulative")}</th>
                </tr>
              </thead>
              <tbody>
                {block.rows.map((r) => (
                  <tr key={r.key} data-testid="pareto-row" data-key={r.key} data-count={r.count} data-cum={r.cumulativePct} data-vital={r.vital}>
                    <td className="wrap" style={r.vital ? { fontWeight: 800 } : undefined}>
                      {labels.get(r.key)}
                      {r.vital && (
                        <>
                          {" "}
                          <span className="badge" data-tone="bad">
                            {t("vital")}
                          </span>
                        </>
                      )}
                    </td>
                    <td style={{ textAlign: "right" }}>{r.count}</td>
                    <td style={{ textAlign: "right" }}>{r.sharePct} %</td>
                    <td style={{ textAlign: "right" }}>{r.cumulativePct} %</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t("total")}</th>
                  <th style={{ textAlign: "right" }}>{block.total}</th>
                  <th />
                  <th />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      <a className="btn secondary" href={csv} data-testid="pareto-csv" download>
        {t("csv")}
      </a>
    </div>
  );
}
