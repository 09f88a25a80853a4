import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { RESPONSIBLE_ROLES } from "@/server/warehouse/registers";
import { WarehouseLinks } from "../_parts/links";
import { QuarantineScreen } from "./_parts/quarantine-screen";

/**
 * The quarantine list: everything kept apart (退货, 报废, 待处理) with its person responsible and its age in operator
 * days, over 30 highlighted. Those who read the registers see all of it; anyone else sees what they are responsible for.
 */
export default async function QuarantinePage() {
  const user = await requireUser();
  const t = await getTranslations("warehouseOffice.quarantine");
  const readsAll = mayReadRegisters(user);
  return (
    <div data-testid="warehouse-quarantine">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <WarehouseLinks current="quarantine" />
      <Suspense>
        <QuarantineScreen readsAll={readsAll} canReassign={RESPONSIBLE_ROLES.includes(user.role)} />
      </Suspense>
    </div>
  );
}
