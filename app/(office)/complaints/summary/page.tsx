import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";

import { ZMonth } from "@/domain/complaints/schemas";
import { operatorToday } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { monthBounds, SUMMARY_PRODUCER_ROLES, SUMMARY_READER_ROLES } from "@/server/complaints/summary";
import { Prefetched } from "@/server/prefetch";
import { OfficeLinks } from "../_parts/office-links";
import { SummaryScreen } from "./_parts/summary-screen";

/** The operator's last month, YYYY-MM (the summary is of a finished month by default). */
function lastMonth(): string {
  const [y, m] = operatorToday().split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The month's summary of forms for enterprise management: on screen, as CSV and PDF, produced on the 1st or now. */
export default async function SummaryPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const user = await requireUser();
  if (!(SUMMARY_READER_ROLES as readonly string[]).includes(user.role)) return <Forbidden />;
  const t = await getTranslations("complaintsDesk.summary");
  const asked = (await searchParams).month;
  const month = ZMonth.safeParse(asked).success ? asked! : lastMonth();
  return (
    <div data-testid="complaints-summary">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <Prefetched queries={(trpc) => [trpc.complaints.summary.queryOptions({ month })]}>
        <Suspense>
          <SummaryScreen
            month={month}
            canProduce={(SUMMARY_PRODUCER_ROLES as readonly string[]).includes(user.role)}
            monthOver={monthBounds(month).to.getTime() <= now().getTime()}
          />
        </Suspense>
      </Prefetched>
      <OfficeLinks current="summary" />
    </div>
  );
}
