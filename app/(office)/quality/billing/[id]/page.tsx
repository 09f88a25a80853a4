import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadAllQuality, mayRecordBilling } from "@/domain/quality/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { MonthScreen } from "./_parts/month-screen";

/** One exchange's month: the recorded result (with its nonconformity), or the record form for the switching office. */
export default async function BillingMonthPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const records = mayRecordBilling(user);
  if (!mayReadAllQuality(user.role) && !records && user.role !== "operations" && user.role !== "department_head") return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("qualityOffice.billing.detail");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/quality/billing" className="back-link" data-testid="back-to-billing">
        ← {t("back")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.billing.months.queryOptions({})]}>
          <MonthScreen id={id} records={records} />
        </Prefetched>
      ) : (
        <p className="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
