import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { WarehouseLinks } from "../_parts/links";
import { SearchScreen } from "./_parts/search-screen";

/** Find anything in stock: by tag, material, lot, zone, label or delivery note; each result opens its history. */
export default async function SearchPage() {
  const user = await requireUser();
  if (!mayReadRegisters(user)) return <Forbidden />;
  const t = await getTranslations("warehouseOffice.search");
  return (
    <div data-testid="warehouse-search">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="search" />
      <Suspense>
        <SearchScreen />
      </Suspense>
    </div>
  );
}
