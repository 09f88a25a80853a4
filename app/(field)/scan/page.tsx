import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { ManualEntry } from "./_parts/manual-entry";

/** The scan entry point every field screen links to; the camera scanner plugs in here (issue 4). */
export default async function ScanPage() {
  await requireUser();
  const t = await getTranslations("scan");
  return (
    <div className="stack" data-testid="scan-page">
      <h1>{t("title")}</h1>
      <div className="alert" data-tone="info" role="status">
        {t("cameraComing")}
      </div>
      <ManualEntry />
    </div>
  );
}
