import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { AnalysisLink } from "@/app/_ui/analysis-link";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { mayReadAllQuality, mayRecordBilling } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";

const SCREENS = [
  { key: "checks", href: "/quality/checks" },
  { key: "nonconformities", href: "/quality/nonconformities" },
  { key: "actions", href: "/quality/actions" },
  { key: "billing", href: "/quality/billing" },
] as const;

/**
 * Quality's office index (企业管理部): spot-checks, nonconformities, corrective actions and the billing check. The
 * switching and transmission office, which records the billing check, sees only that.
 */
export default async function QualityIndexPage() {
  const user = await requireUser();
  const all = mayReadAllQuality(user.role);
  if (!all && !mayRecordBilling(user)) return <Forbidden />;
  const t = await getTranslations("qualityOffice.index");
  const shown = SCREENS.filter((s) => all || s.key === "billing");
  return (
    <div data-testid="quality-index">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <nav aria-label={t("links")}>
        <ul className="list">
          {shown.map((s) => (
            <li key={s.key} className="link-card" data-testid={`quality-link-${s.key}`}>
              <Link href={s.href}>
                <strong>{t(s.key)}</strong>
                <div className="muted small">{t(`${s.key}Help`)}</div>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {ANALYSIS_READER_ROLES.includes(user.role) && <AnalysisLink />}
    </div>
  );
}
