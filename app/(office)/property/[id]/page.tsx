import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { PageMessages } from "@/app/_ui/page-messages";
import { mayReadCases } from "@/domain/property/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { CaseScreen } from "./_parts/case-screen";

/**
 * One case (a PBX application or a customer-built works project): its details, documents, every inspection round
 * with each item's result and each inspector's signature, the rectification letters, the steps the viewer may take
 * now (property.get's allowedSteps) and the printable forms.
 */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!mayReadCases(user)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("propertyOffice.case");
  if (!z.uuid().safeParse(id).success) return <p className="empty">{t("notFound")}</p>;
  return (
    <div data-testid="property-case">
      <PageMessages namespaces={["property", "propertyOffice", "home", "desk"]}>
        <Prefetched queries={(trpc) => [trpc.property.get.queryOptions({ id })]}>
          <Suspense>
            <CaseScreen id={id} />
          </Suspense>
        </Prefetched>
      </PageMessages>
    </div>
  );
}
