import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { requireUser } from "@/server/auth/current-user";
import { WarehouseLinks } from "../_parts/links";
import { ReceiptsScreen } from "./_parts/receipts-screen";

/**
 * The receipts register: every delivery received against a purchase request, its inspection and labelling, newest
 * first. The registers' readers see every receipt; anyone else their own department's (the server decides).
 */
export default async function ReceiptsPage() {
  await requireUser();
  const t = await getTranslations("warehouseOffice.receipts");
  return (
    <div data-testid="warehouse-receipts">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="receipts" />
      <Suspense>
        <ReceiptsScreen />
      </Suspense>
    </div>
  );
}
