import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { WarehouseLinks } from "../_parts/links";
import { StockScreen } from "./_parts/stock-screen";

/** Stock on hand by zone and label: each material's tags and quantity. */
export default async function StockPage() {
  const user = await requireUser();
  if (!mayReadRegisters(user)) return <Forbidden />;
  const t = await getTranslations("warehouseOffice.stock");
  return (
    <div data-testid="warehouse-stock">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="stock" />
      <StockScreen />
    </div>
  );
}
