import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality, mayRecordBilling, mayRunQuality } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { BillingScreen } from "./_parts/billing-screen";

/**
 * The monthly billing-accuracy check (P4 交换机计费准确率检测): months × exchanges with the accuracy (overdue in red), a
 * 12-month trend per exchange; quality sets the threshold and may open a month by hand.
 */
export default async function BillingPage() {
  const user = await requireUser();
  // who reads (server/quality/billing-read.ts BILLING_READER_ROLES) and who records
  const reads = mayReadAllQuality(user.role) || mayRecordBilling(user) || user.role === "operations" || user.role === "department_head";
  if (!reads) return <Forbidden />;
  const t = await getTranslations("qualityOffice.billing");
  return (
    <div data-testid="billing-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <Prefetched queries={(trpc) => [trpc.billing.months.queryOptions({})]}>
        <BillingScreen manages={mayRunQuality(user.role)} />
      </Prefetched>
    </div>
  );
}
