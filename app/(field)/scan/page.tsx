import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { ScanScreen } from "./_parts/scan-screen";
import { PageMessages } from "@/app/_ui/page-messages";

/** The scan entry point every field screen links to (issue 4): camera, what was read, its action, manual entry. */
export default async function ScanPage() {
  await requireUser();
  const t = await getTranslations("scan");
  return (
    <div className="stack" data-testid="scan-page">
      <h1 className="sr-only">{t("title")}</h1>
      <PageMessages namespaces={["instrumentsUi"]}>
        <ScanScreen />
      </PageMessages>
    </div>
  );
}
