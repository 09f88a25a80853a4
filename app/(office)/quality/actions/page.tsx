import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { mayReadAllQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { QualityNav } from "../nonconformities/_parts/quality-nav";
import { ActionsScreen } from "./_parts/actions-screen";

/**
 * The Corrective/Preventive Action Records (《纠正预防措施记录表》): quality and the general manager see all, a
 * department head their department's, anyone the ones they own; each with the step due, by when, overdue in red.
 */
export default async function ActionsPage() {
  const user = await requireUser();
  const t = await getTranslations("qualityOffice.actions");
  const readsAll = mayReadAllQuality(user.role);
  return (
    <div data-testid="quality-actions">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t(readsAll ? "subtitle" : "subtitleMine")}</p>
      <QualityNav current="actions" />
      <Suspense>
        <ActionsScreen readsAll={readsAll} />
      </Suspense>
    </div>
  );
}
