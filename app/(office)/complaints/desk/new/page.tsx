import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { canClassify } from "@/domain/complaints/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { ServiceRequestForm } from "./_parts/service-request-form";

/** A key customer's request for service (重点客户服务记录), filled by customer service; the departments are told. */
export default async function NewServiceRequestPage() {
  const user = await requireUser();
  if (!canClassify(user)) return <Forbidden />;
  const t = await getTranslations("complaintsDesk");
  return (
    <div data-testid="service-request">
      <Link href="/complaints/desk" className="back-link">
        ← {t("backToDesk")}
      </Link>
      <h1>{t("serviceRequest.title")}</h1>
      <p className="subtitle">{t("serviceRequest.subtitle")}</p>
      <Prefetched queries={(trpc) => [trpc.complaints.keyCustomers.queryOptions({})]}>
        <ServiceRequestForm />
      </Prefetched>
    </div>
  );
}
