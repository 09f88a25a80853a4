import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { mayReadMaintenance, mayRecordMaintenance } from "@/server/property/maintenance";
import { PropertyNav } from "../_parts/property-nav";
import { MaintenanceList } from "./_parts/maintenance-list";

/** The equipment maintenance agreements (设备代维协议): in force first, by their end; search by name, phone or number. */
export default async function MaintenancePage({ searchParams }: { searchParams: Promise<{ q?: string; status?: string }> }) {
  const user = await requireUser();
  if (!mayReadMaintenance(user)) return <Forbidden />;
  const t = await getTranslations("propertyOffice.maintenance");
  const sp = await searchParams;
  const status = sp.status === "active" || sp.status === "ended" || sp.status === "cancelled" ? sp.status : null;
  return (
    <div data-testid="property-maintenance">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <PropertyNav current="maintenance" />
      {mayRecordMaintenance(user) && (
        <Link className="btn block" href="/property/maintenance/new" data-testid="maintenance-new" style={{ marginBottom: 14 }}>
          {t("new")}
        </Link>
      )}
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <Prefetched queries={(trpc) => [trpc.maintenance.list.queryOptions({ q: (sp.q ?? "").slice(0, 100), status, page: 1 })]}>
          <Suspense>
            <MaintenanceList />
          </Suspense>
        </Prefetched>
      </PageMessages>
    </div>
  );
}
