import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { requireUser } from "@/server/auth/current-user";

const SCREENS = [
  { key: "satisfaction", href: "/analysis/satisfaction" },
  { key: "surveys", href: "/analysis/surveys" },
  { key: "targets", href: "/analysis/targets" },
  { key: "pareto", href: "/analysis/pareto" },
  { key: "checksheets", href: "/analysis/check-sheets" },
  { key: "fishbones", href: "/analysis/fishbones" },
  { key: "reports", href: "/analysis/reports" },
] as const;

/** Data analysis (数据分析, P5, ADR 0041): quality's, the general manager's and the department heads' way in. */
export default async function AnalysisHubPage() {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const t = await getTranslations("analysisOffice.hub");
  return (
    <div data-testid="analysis-hub">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <nav aria-label={t("links")}>
        <ul className="list">
          {SCREENS.map((s) => (
            <li key={s.key} className="link-card">
              <Link href={s.href} data-testid={`hub-${s.key}`}>
                <strong>{t(s.key)}</strong>
                <div className="muted small">{t(`${s.key}Help`)}</div>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
