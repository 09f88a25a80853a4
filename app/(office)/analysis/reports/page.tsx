import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { previousPeriod } from "@/domain/analysis/periods";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { orNull, serverCaller } from "../fishbones/_parts/caller";
import { GenerateForm } from "./_parts/generate-form";
import { ReportList } from "./_parts/report-list";

/**
 * Reports (周报, 月报 and the four monthly meetings' packs, ADR 0041 §9): quality generates one on demand, everyone who
 * reads the analysis opens and downloads them (PDF, XLSX, CSV). The list is printed on the server; generating
 * refreshes it.
 */
export default async function ReportsPage() {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const t = await getTranslations("analysisReports");
  const today = operatorToday(now());
  const caller = await serverCaller();
  const list = await orNull(caller.reports.list({ limit: 50 }));
  return (
    <div className="stack" data-testid="analysis-reports">
      <Link href="/analysis" className="back-link" data-testid="back-to-analysis">
        ← {t("back")}
      </Link>
      <h1 style={{ margin: 0 }}>{t("reports.title")}</h1>
      <p className="subtitle">{t("reports.subtitle")}</p>
      {user.role === "quality" && <GenerateForm defaults={{ week: previousPeriod("week", today).key, month: previousPeriod("month", today).key }} />}
      <h2 style={{ margin: "8px 0 0" }}>{t("reports.list")}</h2>
      <ReportList rows={list?.rows ?? []} />
    </div>
  );
}
