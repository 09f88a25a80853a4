import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { REGISTER_READER_ROLES } from "@/domain/instruments/roles";
import { requireUser } from "@/server/auth/current-user";
import { RegistersScreen } from "../_parts/registers-screen";

/**
 * The records Procedure 4 keeps: 《仪器、仪表入库登记表》 (intake), 《仪器、仪表使用登记表》 (usage) and
 * 《仪器、仪表年计量状况登记表》 (annual calibration status): viewable, filterable, exportable as CSV and PDF.
 */
export default async function RegistersPage() {
  const user = await requireUser();
  if (!(REGISTER_READER_ROLES as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("instrumentsUi.registers");
  return (
    <div data-testid="instrument-registers">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <RegistersScreen />
    </div>
  );
}
