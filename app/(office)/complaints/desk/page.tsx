import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/app/_ui/forbidden";
import { canClassify, canReadDesk } from "@/domain/complaints/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { OfficeLinks } from "../_parts/office-links";
import { DeskScreen } from "./_parts/desk-screen";

/** The complaints desk (客户服务部): every Customer Complaint/Inquiry Form and key customer's request, by deadline. */
export default async function ComplaintsDeskPage() {
  const user = await requireUser();
  if (!canReadDesk(user)) return <Forbidden />;
  const t = await getTranslations("complaintsDesk");
  return (
    <div data-testid="complaints-desk">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      {canClassify(user) && (
        <Link className="btn block" href="/complaints/desk/new" data-testid="desk-new" style={{ marginBottom: 14 }}>
          {t("new")}
        </Link>
      )}
      <Prefetched queries={(trpc) => [trpc.complaints.categories.queryOptions()]}>
        <Suspense>
          <DeskScreen />
        </Suspense>
      </Prefetched>
      <OfficeLinks current="desk" />
    </div>
  );
}
