"use client";
import { useTranslations } from "next-intl";
import { useSync } from "@/client/sync/provider";
import type { TSyncStatusName } from "@/domain/sync/protocol";
import { Icon } from "./icons";
import { useWhen } from "./use-when";

/** Always in the top bar: how many changes wait on this phone and when it last synced. Tap to send now. */
export function SyncIndicator() {
  const t = useTranslations("sync");
  const { pendingCount, lastSyncAt, status, flush } = useSync();
  const when = useWhen();
  const statusName: TSyncStatusName = status;
  const tone = status === "needs_login" || status === "blocked" ? "bad" : pendingCount > 0 ? "warn" : "ok";
  const time = lastSyncAt ? when(lastSyncAt) : t("never");
  return (
    <button
      type="button"
      className="sync"
      data-tone={tone}
      data-status={status}
      onClick={flush}
      data-testid="sync-indicator"
      aria-label={t("indicatorLabel", { count: pendingCount, time, status: t(`status.${statusName}`) })}
    >
      <Icon name="upload" size={20} />
      <span className="sync-count" data-testid="pending-count">
        {pendingCount}
      </span>
      <span className="sync-time" data-testid="last-sync">
        {time}
      </span>
    </button>
  );
}

// The provider's status type and the catalogue's list of statuses must stay the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameStatuses: Same<import("@/client/sync/provider").TSyncStatus, TSyncStatusName> = true;
void _sameStatuses;
