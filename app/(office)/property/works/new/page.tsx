import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { isCustomerService } from "@/domain/property/model";
import { requireUser } from "@/server/auth/current-user";
import { WorksForm } from "./_parts/works-form";

/**
 * Customer service records a customer-built works project (客户自建通信工程) with the agreement it signs with the
 * customer (《客户自建通信工程验收或管理维护协议》): the customer signs on this screen, or the scanned signed agreement is
 * uploaded on the case once recorded (with the design documents and the constructor's test report).
 */
export default async function NewWorksPage() {
  const user = await requireUser();
  if (!isCustomerService(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.worksNew");
  return (
    <div data-testid="property-works-new">
      <p className="muted small" style={{ margin: 0 }}>
        {t("formName")}
      </p>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PageMessages namespaces={["property", "propertyOffice", "workOrders", "desk"]}>
        <WorksForm />
      </PageMessages>
    </div>
  );
}
