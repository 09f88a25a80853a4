import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality, mayRunQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { ChecksScreen } from "./_parts/checks-screen";

/** Spot-checks (标识检查, 工单检查): planned and submitted, newest first; quality plans new ones. */
export default async function ChecksPage() {
  const user = await requireUser();
  if (!mayReadAllQuality(user.role)) return <Forbidden />;
  const t = await getTranslations("qualityOffice.checks");
  return (
    <div data-testid="checks-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      {mayRunQuality(user.role) && (
        <Link href="/quality/checks/new" className="btn block" data-testid="plan-check" style={{ marginBottom: 12 }}>
          {t("plan")}
        </Link>
      )}
      <ChecksScreen />
    </div>
  );
}
