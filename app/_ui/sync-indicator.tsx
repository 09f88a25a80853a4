"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useSync } from "@/client/sync/provider";
import type { TSyncStatusName } from "@/domain/sync/protocol";
import { Icon } from "./icons";
import { useWhen } from "./use-when";

/** How long the answer to a tap stays beside the indicator. */
const TAP_RESULT_MS = 6_000;

/**
 * Always in the top bar: how many changes wait on this phone ("3 to send") and when it last synced ("synced
 * 10:42"), each with its word, so nobody has to guess what two bare numbers mean. Tap to send now; the answer
 * (sent, nothing waiting, no connection, sign in again) shows under the bar for a few seconds.
 * Until the outbox has been read the count shows "…", never a reassuring 0.
 */
export function SyncIndicator() {
  const t = useTranslations("sync");
  const { pendingCount, lastSyncAt, status, flush, tapResult } = useSync();
  const when = useWhen();
  const statusName: TSyncStatusName = status;
  const known = pendingCount !== null;
  const tone = status === "needs_login" || status === "blocked" ? "bad" : !known || pendingCount > 0 ? "warn" : "ok";
  const time = lastSyncAt ? when(lastSyncAt) : t("never");
  return (
    <>
      <button
        type="button"
        className="sync"
        data-tone={tone}
        data-status={status}
        data-ready={known ? "true" : "false"}
        onClick={() => flush("tap")}
        data-testid="sync-indicator"
        aria-label={known ? t("indicatorLabel", { count: pendingCount, time, status: t(`status.${statusName}`) }) : t("counting")}
      >
        <Icon name="upload" size={20} />
        <span className="sync-lines">
          <span className="sync-line">
            <span className="sync-count" data-testid="pending-count">
              {known ? pendingCount : "…"}
            </span>
            <span className="sync-word">{t("toSend")}</span>
          </span>
          <span className="sync-line sync-when">
            {lastSyncAt ? t("syncedAt") : null}
            <span className="sync-time" data-testid="last-sync">
              {time}
            </span>
          </span>
        </span>
      </button>
      <TapAnswer result={tapResult} />
    </>
  );
}

/** The answer to "sync now", in words, for a few seconds; screen readers hear it too. */
function TapAnswer({ result }: { result: ReturnType<typeof useSync>["tapResult"] }) {
  const t = useTranslations("sync.tap");
  // the answer whose time is up (by its `at`): a new answer shows at once, until its own timer runs out
  const [expired, setExpired] = useState<number | null>(null);
  useEffect(() => {
    if (!result || result.kind === "sending") return;
    const timer = setTimeout(() => setExpired(result.at), TAP_RESULT_MS);
    return () => clearTimeout(timer);
  }, [result]);
  const visible = result && expired !== result.at;
  return (
    <p className="sync-answer" role="status" aria-live="polite" data-testid="sync-answer" data-kind={visible ? result.kind : undefined} hidden={!visible}>
      {visible ? (result.kind === "sent" && result.pending === 0 ? t("allSent") : t(result.kind, { count: result.pending })) : null}
    </p>
  );
}

// The provider's status type and the catalogue's list of statuses must stay the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameStatuses: Same<import("@/client/sync/provider").TSyncStatus, TSyncStatusName> = true;
