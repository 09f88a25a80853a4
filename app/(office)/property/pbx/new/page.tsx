import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { isCustomerService } from "@/domain/property/model";
import { requireUser } from "@/server/auth/current-user";
import { PbxForm } from "./_parts/pbx-form";

/**
 * Customer service records a customer's written PBX application (《安装用户交换机申请检验表》) with the equipment's
 * network-access certificate: the server looks the certificate up in the license registry and refuses an expired,
 * unknown or mismatched one with the reason (nothing is recorded; the form keeps what was typed).
 */
export default async function NewPbxPage() {
  const user = await requireUser();
  if (!isCustomerService(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.pbxNew");
  return (
    <div data-testid="property-pbx-new">
      <p className="muted small" style={{ margin: 0 }}>
        {t("formName")}
      </p>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <PbxForm />
      </PageMessages>
    </div>
  );
}
