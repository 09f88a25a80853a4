"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useViewer } from "@/app/_ui/viewer";
import type { AwaitingInspection } from "@/client/warehouse/history";
import { mayInspect } from "@/domain/warehouse/model";

/**
 * A 待检 item whose receipt waits for the requesting department's inspection: to someone who may inspect it (domain
 * mayInspect: that department's people, never a keeper) the way to the receipt's Quality Acceptance Form — so a
 * scanned lot leads to its inspection. The receipt is known here by number; its page finds it by that.
 */
export function InspectionLink({ inspection }: { inspection: AwaitingInspection | null }) {
  const t = useTranslations("warehouseCount.item");
  const me = useViewer();
  if (!inspection || !mayInspect(me, { department: inspection.department })) return null;
  return (
    <section className="card stack" data-testid="item-inspect" data-receipt={inspection.receiptCode}>
      <p className="small" style={{ margin: 0 }}>
        {t("inspectHelp")}
      </p>
      <Link className="btn block big-action" href={`/warehouse/receipts/${inspection.receiptCode}`} prefetch={false} data-testid="item-inspect-link">
        {t("inspect", { code: inspection.receiptCode })}
      </Link>
    </section>
  );
}
