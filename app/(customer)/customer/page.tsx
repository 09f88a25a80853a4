import { getTranslations } from "next-intl/server";
import { CustomerScreen } from "./_parts/customer-screen";
import { PageMessages } from "@/app/_ui/page-messages";

/** `/customer#<work order id>`: the customer's view of one work order (one cached page serves every order). */
export default async function CustomerPage() {
  const t = await getTranslations("customer");
  return (
    <div data-testid="customer-page">
      <h1 className="sr-only">{t("title")}</h1>
      <PageMessages namespaces={["customer", "workOrders"]}>
        <CustomerScreen />
      </PageMessages>
    </div>
  );
}
