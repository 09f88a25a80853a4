import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { ItemScreen } from "./_parts/item-screen";

/**
 * An item at the office: where it is, its label and quantity, what it came in on and its form line, who holds it or is
 * responsible, and its whole history (received, inspected, labelled, moved, issued, counted). The registers' readers
 * read any item; anyone else one they hold or are responsible for (the server decides).
 */
export default async function WarehouseItemPage({ params }: { params: Promise<{ tag: string }> }) {
  await requireUser();
  const tag = decodeURIComponent((await params).tag)
    .trim()
    .toUpperCase()
    .slice(0, 40);
  const t = await getTranslations("warehouseOffice.item");
  return (
    <div>
      <Link href="/warehouse/search" className="back-link" data-testid="back-to-search">
        ← {t("back")}
      </Link>
      <Prefetched queries={(trpc) => [trpc.warehouse.item.queryOptions({ tag })]}>
        <ItemScreen tag={tag} />
      </Prefetched>
    </div>
  );
}
