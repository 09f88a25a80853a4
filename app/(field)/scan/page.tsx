import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";

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
      <label className="field">
        <span>{t("manualLabel")}</span>
        <input className="input mono" name="code" inputMode="text" autoCapitalize="characters" spellCheck={false} aria-describedby="scan-help" />
        <p className="help" id="scan-help">
          {t("manualHelp")}
        </p>
      </label>
    </div>
  );
}
