import "server-only";
import { getTranslations } from "next-intl/server";
import { ChartSvg } from "@/app/(office)/analysis/_parts/chart-svg";
import { getDb } from "@/db";
import { barsChart } from "@/domain/analysis/charts";
import { SCORE_SOURCES } from "@/domain/analysis/satisfaction";
import { CUSTOMER_CATEGORIES } from "@/domain/analysis/schemas";
import { satisfactionResults } from "@/server/analysis/satisfaction";

/** Drawn for a phone's width (names on the left, bars 0–100); the SVG scales up on a wider screen. */
const WIDTH = 400;

/**
 * The year's results as bar charts (items, sources, customer categories, departments), drawn on the server so the
 * page ships no chart code (ADR 0041 §7). The caller has checked the reader's role; without weights there are none.
 */
export async function SatisfactionCharts({ year }: { year: number }) {
  const t = await getTranslations("analysisSurvey.results");
  const tr = await getTranslations();
  const r = await satisfactionResults(await getDb(), { year }).catch(() => null);
  if (!r || !r.weights || r.overall.index === null) return null;
  const name = (key: string, fallback: string) => (tr.has(key) ? tr(key) : fallback);
  const categories = [...CUSTOMER_CATEGORIES, ...Object.keys(r.byCategory).filter((c) => !(CUSTOMER_CATEGORIES as readonly string[]).includes(c))];
  const bars = (rows: { name: string; value: number | null }[]) => barsChart(rows, { width: WIDTH, max: 100 });
  return (
    <section className="card stack" aria-label={t("charts")} data-testid="charts">
      <ChartSvg
        testId="chart-items"
        title={t("chartItems")}
        spec={bars(r.overall.items.map((i) => ({ name: tr(`analysis.item.${i.item}`), value: i.score })))}
        minWidth={WIDTH}
      />
      <ChartSvg
        testId="chart-sources"
        title={t("chartSources")}
        spec={bars(SCORE_SOURCES.map((s) => ({ name: tr(`analysis.source.${s}`), value: r.bySource[s].index })))}
        minWidth={WIDTH}
      />
      <ChartSvg
        testId="chart-categories"
        title={t("chartCategories")}
        spec={bars(categories.filter((c) => r.byCategory[c]).map((c) => ({ name: name(`analysis.category.${c}`, c), value: r.byCategory[c]!.index })))}
        minWidth={WIDTH}
      />
      <ChartSvg
        testId="chart-departments"
        title={t("chartDepartments")}
        spec={bars(r.byDepartment.map((d) => ({ name: name(`departments.${d.department}`, d.department), value: d.score })))}
        minWidth={WIDTH}
      />
    </section>
  );
}
