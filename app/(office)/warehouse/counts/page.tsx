import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { WarehouseLinks } from "../_parts/links";
import { CountsScreen } from "./_parts/counts-screen";

/** Stock-take results (盘点): each submitted count of a zone with its differences and how many wait to be confirmed. */
export default async function CountsPage() {
  const user = await requireUser();
  if (!mayReadRegisters(user)) return <Forbidden />;
  const t = await getTranslations("warehouseOffice.counts");
  return (
    <div data-testid="warehouse-counts">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="counts" />
      <CountsScreen />
    </div>
  );
}
