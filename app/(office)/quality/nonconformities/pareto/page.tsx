import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { QualityNav } from "../_parts/quality-nav";
import { ParetoScreen } from "./_parts/pareto-screen";

/** The Pareto of nonconformities by finding, department and cause (人机料法环测): quality's and the general manager's. */
export default async function ParetoPage() {
  const user = await requireUser();
  if (!mayReadAllQuality(user.role)) return <Forbidden />;
  const t = await getTranslations("qualityOffice.nc.pareto");
  return (
    <div data-testid="quality-pareto">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <QualityNav current="pareto" />
      <Suspense>
        <ParetoScreen />
      </Suspense>
    </div>
  );
}
