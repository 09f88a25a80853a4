"use client";
import { useTranslations } from "next-intl";
import type { TTone } from "@/app/_ui/status-badge";
import type { TReceiptStatus } from "@/domain/warehouse/model";

const RECEIPT_TONE: Record<TReceiptStatus, TTone> = { awaiting_inspection: "warn", inspected: "info", labelled: "ok" };

/** A receipt's state, coloured the same on every warehouse screen. */
export function ReceiptStatusBadge({ status }: { status: TReceiptStatus }) {
  const t = useTranslations("warehouse.receiptStatus");
  return (
    <span className="badge" data-tone={RECEIPT_TONE[status]} data-status={status} data-testid="receipt-status">
      {t(status)}
    </span>
  );
}

/** "More" under a keyset-paged list, and how many rows are shown. */
export function MoreButton({ shown, hasMore, busy, onMore }: { shown: number; hasMore: boolean; busy: boolean; onMore: () => void }) {
  const t = useTranslations("warehouseOffice.list");
  return (
    <>
      <p className="muted small" data-testid="list-shown">
        {t("shown", { n: shown })}
      </p>
      {hasMore && (
        <button type="button" className="btn secondary block" disabled={busy} onClick={onMore} data-testid="list-more">
          {t("more")}
        </button>
      )}
    </>
  );
}
