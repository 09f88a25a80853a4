import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { ScanScreen } from "./_parts/scan-screen";

/** The scan entry point every field screen links to (issue 4): camera, what was read, its action, manual entry. */
export default async function ScanPage() {
  await requireUser();
  const t = await getTranslations("scan");
  return (
    <div className="stack" data-testid="scan-page">
      <h1 className="sr-only">{t("title")}</h1>
      <ScanScreen />
    </div>
  );
}
