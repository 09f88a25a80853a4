import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db";
import { RECEIPT_CODE_PATTERN } from "@/domain/warehouse/model";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { receiptIdByCode } from "@/server/warehouse/receipts";
import { ReceiptScreen } from "./_parts/receipt-screen";

/**
 * One receipt: what came in and where each tag is now, and its Quality Acceptance Form 《质量认可单》. For a person
 * of the requesting department (the server says so: `can.inspect`) this is the inspector's screen, opened from the
 * inspection notice or from a scanned lot's item page on a phone (which knows the receipt by its number: RC-… here
 * leads on to the receipt's own address). Anyone may open the page; the server answers not_found for a receipt not
 * theirs to read.
 */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const t = await getTranslations("warehouseOffice.receipt");
  if (RECEIPT_CODE_PATTERN.test(id)) {
    const found = await receiptIdByCode(await getDb(), user, id);
    if (found) redirect(`/warehouse/receipts/${found}`);
  }
  const valid = z.uuid().safeParse(id).success;
  return (
    <div>
      <Link href="/warehouse/receipts" className="back-link" data-testid="back-to-receipts">
        ← {t("back")}
      </Link>
      {valid ? (
        <Prefetched queries={(trpc) => [trpc.warehouse.receipt.queryOptions({ id })]}>
          <ReceiptScreen id={id} />
        </Prefetched>
      ) : (
        <p className="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
