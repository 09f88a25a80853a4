import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES, SURVEY_ROLES } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { Prefetched } from "@/server/prefetch";
import { DrawForm } from "./_parts/draw-form";
import { SurveysList } from "./_parts/surveys-list";

/** The year-end sampling surveys (年终抽样调查): the list for whoever works or reads them; quality draws a new sample. */
export default async function SurveysPage() {
  const user = await requireUser();
  if (!SURVEY_ROLES.includes(user.role)) return <Forbidden />;
  const t = await getTranslations("analysisSurvey");
  return (
    <div data-testid="surveys-page">
      {ANALYSIS_READER_ROLES.includes(user.role) && (
        <Link href="/analysis" className="back-link">
          ← {t("back")}
        </Link>
      )}
      <h1>{t("surveys.title")}</h1>
      <p className="subtitle">{t("surveys.subtitle")}</p>
      <Prefetched queries={(trpc) => [trpc.survey.list.queryOptions({})]}>
        <div className="stack">
          {user.role === "quality" && <DrawForm thisYear={Number(operatorToday(now()).slice(0, 4))} />}
          <SurveysList />
        </div>
      </Prefetched>
    </div>
  );
}
