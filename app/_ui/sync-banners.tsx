"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { useSync } from "@/client/sync/provider";
import { failingReads, subscribeReadFailures } from "@/client/sync/read-failures";
import { Icon } from "./icons";

/**
 * Under the top bar: sign in again (nothing is lost), sending blocked, the phone's cache that cannot be read, and
 * changes that need attention.
 */
export function SyncBanners() {
  const t = useTranslations("sync");
  const { status, pendingCount, rejections } = useSync();
  const pathname = usePathname();
  const unreadable = useSyncExternalStore(subscribeReadFailures, failingReads, () => 0) > 0;
  const showAttention = rejections.length > 0 && pathname !== "/attention";
  if (status !== "needs_login" && status !== "blocked" && !unreadable && !showAttention) return null;
  return (
    <div className="banners">
      {status === "needs_login" && (
        <div className="alert banner" data-tone="bad" role="alert" data-testid="needs-login">
          <span className="grow">{t("needsLogin", { count: pendingCount ?? 0 })}</span>
          {/* a full load: the login page is rendered by the server */}
          <a className="btn" href="/login">
            {t("signIn")}
          </a>
        </div>
      )}
      {status === "blocked" && (
        <div className="alert banner" data-tone="bad" role="alert" data-testid="sync-blocked">
          <span className="grow">{t("blocked", { count: pendingCount ?? 0 })}</span>
        </div>
      )}
      {unreadable && (
        <div className="alert banner" data-tone="bad" role="alert" data-testid="read-failed">
          <span className="grow">{t("readFailed")}</span>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            {t("reload")}
          </button>
        </div>
      )}
      {showAttention && (
        <Link className="attention-bar" href="/attention" data-testid="attention-link">
          <Icon name="alert" size={24} />
          <span className="grow">{t("attention", { count: rejections.length })}</span>
          <span className="count" data-testid="attention-count">
            {rejections.length}
          </span>
          <Icon name="chevron" size={22} />
        </Link>
      )}
    </div>
  );
}
