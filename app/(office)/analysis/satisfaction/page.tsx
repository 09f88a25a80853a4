import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { YearPicker } from "@/app/(office)/analysis/_parts/pickers";
import { Forbidden } from "@/app/_ui/forbidden";
import { ZYear } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES, SURVEY_ROLES } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { Prefetched } from "@/server/prefetch";
import { SatisfactionCharts } from "./_parts/charts";
import { SatisfactionScreen } from "./_parts/satisfaction-screen";

/**
 * Customer satisfaction (顾客满意度, P5): the year's item weights in versions (quality sets them) and the index with its
 * items, elements, sources, customer categories, departments, the survey's sample and interval, and last year's index.
 */
export default async function SatisfactionPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const t = await getTranslations("analysisSurvey");
  const thisYear = Number(operatorToday(now()).slice(0, 4));
  const asked = ZYear.safeParse(Number((await searchParams).year));
  const year = asked.success ? asked.data : thisYear;
  const canEdit = user.role === "quality";
  return (
    <div data-testid="satisfaction-page" data-year={year}>
      <Link href="/analysis" className="back-link">
        ← {t("back")}
      </Link>
      <h1>{t("satisfaction.title")}</h1>
      <p className="subtitle">{t("satisfaction.subtitle")}</p>
      <div className="row" style={{ justifyContent: "space-between", alignItems: "end" }}>
        <YearPicker value={year} years={Array.from({ length: 7 }, (_, i) => thisYear - 5 + i)} label={t("year")} />
        {SURVEY_ROLES.includes(user.role) && (
          <Link href="/analysis/surveys" className="btn secondary" style={{ marginBottom: 14 }} data-testid="to-surveys">
            {t("satisfaction.surveys")}
          </Link>
        )}
      </div>
      {!canEdit && (
        <p className="alert" data-tone="info" data-testid="read-only">
          {t("satisfaction.readOnly")}
        </p>
      )}
      <Prefetched
        queries={(trpc) => [...(canEdit ? [trpc.satisfaction.weights.queryOptions({ year })] : []), trpc.satisfaction.results.queryOptions({ year })]}
      >
        <SatisfactionScreen
          year={year}
          canEdit={canEdit}
          surveyLinks={SURVEY_ROLES.includes(user.role)}
          charts={
            <Suspense fallback={null}>
              <SatisfactionCharts year={year} />
            </Suspense>
          }
        />
      </Prefetched>
    </div>
  );
}
