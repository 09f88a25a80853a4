import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { requireUser } from "@/server/auth/current-user";
import { mayRecordMaintenance } from "@/server/property/maintenance";
import { MaintenanceForm } from "./_parts/maintenance-form";

/** A customer's application for equipment maintenance and the agreement (设备代维协议), signed on screen. */
export default async function NewMaintenancePage() {
  const user = await requireUser();
  if (!mayRecordMaintenance(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.maintenance.form");
  return (
    <div data-testid="property-maintenance-new">
      <p className="muted small" style={{ margin: 0 }}>
        {t("formName")}
      </p>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["property", "propertyOffice", "workOrders", "desk"]}>
        <MaintenanceForm />
      </PageMessages>
    </div>
  );
}
