import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { WarehouseLinks } from "../_parts/links";
import { FormsScreen } from "./_parts/forms-screen";

/** The register of Quality Acceptance Forms 《质量认可单》: every signed form, newest first. */
export default async function FormsPage() {
  const user = await requireUser();
  if (!mayReadRegisters(user)) return <Forbidden />;
  const t = await getTranslations("warehouseOffice.forms");
  return (
    <div data-testid="warehouse-forms">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="forms" />
      <FormsScreen />
    </div>
  );
}
