import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { canReadDesk, canWriteDesk } from "@/domain/work-orders/desk";
import { requireUser } from "@/server/auth/current-user";
import { DetailScreen } from "./_parts/detail-screen";

/** One work order as the office follows it: details, progress, traceability, checks, sign-offs, PDF. */
export default async function WorkOrderDeskDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!canReadDesk(user.role)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("desk");
  return (
    <div>
      <Link href="/work-orders/desk" className="back-link" data-testid="back-to-desk">
        ← {t("backToDesk")}
      </Link>
      {z.uuid().safeParse(id).success ? <DetailScreen workOrderId={id} canWrite={canWriteDesk(user.role)} /> : <p className="empty">{t("detail.notFound")}</p>}
    </div>
  );
}
