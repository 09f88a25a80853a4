import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { mayReadRegisters } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { CountScreen } from "./_parts/count-screen";

/** One stock-take of a zone: its figures and each difference, confirmed one by one with a resolution and a reason. */
export default async function CountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!mayReadRegisters(user)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("warehouseOffice.count");
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/warehouse/counts" className="back-link" data-testid="back-to-counts">
        ← {t("back")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.warehouse.count.queryOptions({ id })]}>
          <CountScreen id={id} />
        </Prefetched>
      ) : (
        <p className="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
