import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { WorkOrderScreen } from "./_parts/work-order-screen";
import { PageMessages } from "@/app/_ui/page-messages";

/**
 * One page for every work order of the lineman: the id is in the hash (`/work-orders#<id>`), read on the phone, so
 * the page cached once by the service worker opens offline for any order (ADR 0008). Without a hash: the list.
 */
export default async function WorkOrdersPage() {
  await requireUser();
  const t = await getTranslations("workOrders");
  return (
    <div data-testid="work-orders-page">
      <h1 className="sr-only">{t("title")}</h1>
      <PageMessages namespaces={["workOrders", "workOrderKind", "customer", "complaintsPhone"]}>
        <WorkOrderScreen />
      </PageMessages>
    </div>
  );
}
