import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { REGISTER_READER_ROLES } from "@/domain/instruments/roles";
import { requireUser } from "@/server/auth/current-user";
import { SettingsScreen } from "../_parts/settings-screen";

/**
 * Technology Development's instrument settings (ADR 0040): the long-term loan's term (none by default: Procedure 4 sets
 * none) and the leader who approves scrapping. Office readers see them; the custodian and the department's head keep them.
 */
export default async function InstrumentSettingsPage() {
  const user = await requireUser();
  if (!(REGISTER_READER_ROLES as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("instrumentsUi.settings");
  return (
    <div data-testid="instrument-settings">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <SettingsScreen />
    </div>
  );
}
