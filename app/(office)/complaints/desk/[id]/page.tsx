import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { DetailScreen } from "./_parts/detail-screen";

/**
 * One Customer Complaint/Inquiry Form (《客户投诉查询表》) as the office handles it: what the customer said, the
 * timeline, and the steps this viewer may take now (the server says which). Anyone may open the page; the server
 * answers not_found for a form that is not theirs to read (a department head's department, the person who recorded it).
 */
export default async function ComplaintDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const t = await getTranslations("complaintsDesk");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/complaints/desk" className="back-link" data-testid="back-to-desk">
        ← {t("backToDesk")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.complaints.get.queryOptions({ id })]}>
          <DetailScreen id={id} />
        </Prefetched>
      ) : (
        <p className="empty">{t("detail.notFound")}</p>
      )}
    </div>
  );
}
