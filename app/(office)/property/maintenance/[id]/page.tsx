import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { mayReadMaintenance } from "@/server/property/maintenance";
import { AgreementScreen } from "./_parts/agreement-screen";

/** One maintenance agreement (设备代维协议): customer, equipment, period, terms, signature, the PDF; ended early with a reason. */
export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!mayReadMaintenance(user)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("propertyOffice.maintenance");
  if (!z.uuid().safeParse(id).success) return <p className="empty">{t("notFound")}</p>;
  return (
    <div data-testid="property-agreement">
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <Prefetched queries={(trpc) => [trpc.maintenance.get.queryOptions({ id })]}>
          <Suspense>
            <AgreementScreen id={id} />
          </Suspense>
        </Prefetched>
      </PageMessages>
    </div>
  );
}
