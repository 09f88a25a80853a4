import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { isCustomerService, mayReadCases } from "@/domain/property/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { filterFromParams, toParams } from "./_parts/filter-params";
import { PropertyNav } from "./_parts/property-nav";
import { RegisterScreen } from "./_parts/register-screen";

/**
 * The customer-property register (客户财产, Procedure P2): PBX applications (《安装用户交换机申请检验表》) and
 * customer-built works (客户自建通信工程), each with its status, next inspection round and the rectification letter's
 * deadline (red once overdue). Customer service records new ones from here.
 */
export default async function PropertyRegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!mayReadCases(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.register");
  const filter = filterFromParams(toParams(await searchParams));
  const records = isCustomerService(user);
  return (
    <div data-testid="property-register">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PropertyNav current="register" />
      {records && (
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))", gap: 8, marginBottom: 14 }}>
          <Link className="btn" href="/property/pbx/new" data-testid="new-pbx">
            {t("newPbx")}
          </Link>
          <Link className="btn" href="/property/works/new" data-testid="new-works">
            {t("newWorks")}
          </Link>
        </div>
      )}
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <Prefetched queries={(trpc) => [trpc.property.list.queryOptions(filter)]}>
          <Suspense>
            <RegisterScreen />
          </Suspense>
        </Prefetched>
      </PageMessages>
    </div>
  );
}
