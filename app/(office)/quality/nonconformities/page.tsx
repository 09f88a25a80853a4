import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { QualityNav } from "./_parts/quality-nav";
import { NcScreen } from "./_parts/nc-screen";

/**
 * The nonconformities (不合格项): quality and the general manager see all, a department head their department's, with
 * filters (status, department, source) and each one's age in operator days; quality decides on each open one.
 */
export default async function NonconformitiesPage() {
  const user = await requireUser();
  const readsAll = mayReadAllQuality(user.role);
  if (!readsAll && user.role !== "department_head") return <Forbidden />;
  const t = await getTranslations("qualityOffice.nc");
  return (
    <div data-testid="quality-nonconformities">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t(readsAll ? "subtitle" : "subtitleDepartment")}</p>
      <QualityNav current="nonconformities" />
      <Suspense>
        <NcScreen readsAll={readsAll} />
      </Suspense>
    </div>
  );
}
