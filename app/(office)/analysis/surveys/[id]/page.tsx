import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { SURVEY_ROLES } from "@/domain/analysis/targets";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { SurveyScreen } from "./_parts/survey-screen";

/** One year-end survey: the sample, its response rate, the letters, the call list and the answers (customer service and quality). */
export default async function SurveyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!SURVEY_ROLES.includes(user.role)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("analysisSurvey.survey");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/analysis/surveys" className="back-link" data-testid="back-to-surveys">
        ← {t("back")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.survey.get.queryOptions({ id })]}>
          <SurveyScreen id={id} canWork canClose={user.role === "quality"} />
        </Prefetched>
      ) : (
        <p className="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
