import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { getDb } from "@/db";
import { ZMaintenanceFormQuery } from "@/domain/property/schemas";
import { requireUser } from "@/server/auth/current-user";
import { mayRecordMaintenance } from "@/server/property/maintenance";
import { maintenancePrefillFor } from "@/server/property/maintenance-prefill";
import { MaintenanceForm } from "./_parts/maintenance-form";

/**
 * A customer's application for equipment maintenance and the agreement (《设备代维协议》), signed on screen. Opened from
 * a terminal-maintenance work order (its id the only query parameter, ZMaintenanceFormQuery), it starts with that
 * order's customer, read here from the order, and leads back to the order.
 */
export default async function NewMaintenancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!mayRecordMaintenance(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.maintenance.form");
  const { workOrderId } = ZMaintenanceFormQuery.parse(await searchParams);
  const prefill = await maintenancePrefillFor(await getDb(), user, workOrderId);
  return (
    <div data-testid="property-maintenance-new">
      <p className="muted small" style={{ margin: 0 }}>
        {t("formName")}
      </p>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["property", "propertyOffice", "workOrders", "desk"]}>
        <MaintenanceForm prefill={prefill} />
      </PageMessages>
    </div>
  );
}
