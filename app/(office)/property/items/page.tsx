import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { mayReadCases } from "@/domain/property/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { PropertyNav } from "../_parts/property-nav";
import { ItemsScreen } from "./_parts/items-screen";

/**
 * The two inspection item lists: the PBX checklist of 《安装用户交换机申请检验表》 (kept by customer service) and the works
 * acceptance item list 《客户自建通信工程验收项目一览表》 (kept by Technology Development), by clause group. A round
 * copies the items' words when it is scheduled, so an edit here never changes a record.
 */
export default async function ItemsPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const user = await requireUser();
  if (!mayReadCases(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.items");
  const kind = (await searchParams).kind === "works" ? "works" : "pbx";
  return (
    <div data-testid="property-items">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PropertyNav current="items" />
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <Prefetched queries={(trpc) => [trpc.property.items.queryOptions({ kind })]}>
          <Suspense>
            <ItemsScreen />
          </Suspense>
        </Prefetched>
      </PageMessages>
    </div>
  );
}
