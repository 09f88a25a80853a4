import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { isCustodian, REGISTER_READER_ROLES } from "@/domain/instruments/roles";
import { requireUser } from "@/server/auth/current-user";
import { RegisterScreen } from "../_parts/register-screen";

/**
 * The instrument register (《仪器、仪表入库登记表》 and every instrument's state) for the office readers: filters,
 * CSV export and import, and per instrument (`#IN-000301`) its file with the custodian's desk actions.
 */
export default async function RegisterPage() {
  const user = await requireUser();
  if (!(REGISTER_READER_ROLES as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("instrumentsUi.register");
  return (
    <div data-testid="instrument-register">
      <RegisterScreen canEdit={isCustodian(user.role)} title={t("title")} subtitle={t("subtitle")} />
    </div>
  );
}
