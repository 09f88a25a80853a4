"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useSync } from "@/client/sync/provider";
import { Icon } from "./icons";

/** Under the top bar: sign in again (nothing is lost), sending blocked, and changes that need attention. */
export function SyncBanners() {
  const t = useTranslations("sync");
  const { status, pendingCount, rejections } = useSync();
  const pathname = usePathname();
  const showAttention = rejections.length > 0 && pathname !== "/attention";
  if (status !== "needs_login" && status !== "blocked" && !showAttention) return null;
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
