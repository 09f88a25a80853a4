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
export default async function ComplaintDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requireUser();
  const { id } = await params;
  const t = await getTranslations("complaintsDesk");
  const valid = z.uuid().safeParse(id).success;
  // just created (a key customer's service request): its number, as the form's page opens
  const created = (await searchParams).created;
  const notice = created && /^TS-\d{8}-\d{4}$/.test(created) ? t("serviceRequest.created", { code: created }) : null;
  return (
    <div>
      <Link href="/complaints/desk" className="back-link" data-testid="back-to-desk">
        ← {t("backToDesk")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.complaints.get.queryOptions({ id })]}>
          <DetailScreen id={id} notice={notice} />
        </Prefetched>
      ) : (
        <p className="empty">{t("detail.notFound")}</p>
      )}
    </div>
  );
}
