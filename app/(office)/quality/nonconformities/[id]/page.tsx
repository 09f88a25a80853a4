import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality, mayRunQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { QualityNav } from "../_parts/quality-nav";
import { NcDetail } from "./_parts/nc-detail";

/** One nonconformity: what was found, where, the evidence; quality decides (send the record, or close with a reason). */
export default async function NonconformityPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!mayReadAllQuality(user.role) && user.role !== "department_head") return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("qualityOffice.nc");
  if (!z.uuid().safeParse(id).success) return <p className="empty">{t("notFound")}</p>;
  return (
    <div data-testid="quality-nonconformity">
      <QualityNav current="nonconformities" />
      <Suspense>
        <NcDetail id={id} canDecide={mayRunQuality(user.role)} />
      </Suspense>
    </div>
  );
}
