import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** One card on a home (quality, the general manager, a department head) and on quality's index: the way to /analysis. */
export async function AnalysisLink() {
  const t = await getTranslations("analysisOffice.hub");
  return (
    <ul className="list">
      <li className="link-card">
        <Link href="/analysis" data-testid="analysis-link">
          <strong>{t("homeCard")}</strong>
          <div className="muted small">{t("homeCardHelp")}</div>
        </Link>
      </li>
    </ul>
  );
}
