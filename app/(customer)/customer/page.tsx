import { getTranslations } from "next-intl/server";
import { CustomerScreen } from "./_parts/customer-screen";

/** `/customer#<work order id>`: the customer's view of one work order (one cached page serves every order). */
export default async function CustomerPage() {
  const t = await getTranslations("customer");
  return (
    <div data-testid="customer-page">
      <h1 className="sr-only">{t("title")}</h1>
      <CustomerScreen />
    </div>
  );
}
