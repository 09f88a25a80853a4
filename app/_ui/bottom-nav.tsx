"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAfterFirstSync } from "./use-after-first-sync";
import { Icon } from "./icons";
import type { TNavItem } from "./nav-config";
import { useUnreadNotices } from "./use-unread-notices";

export function BottomNav({ items }: { items: TNavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const router = useRouter();
  const hrefs = items.map((i) => i.href).join("|");
  const unread = useUnreadNotices();
  // The tabs' screens are prefetched (and so cached by the service worker for offline use) after this page's first
  // sync round, not as the links appear: three prefetches (each a server render) raced the home's device registration
  // and pull, and the home's list, its largest content, came seconds later (ADR 0023).
  useAfterFirstSync(hrefs, () => hrefs.split("|").forEach((href) => router.prefetch(href)));
  return (
    <nav className="bottom-nav" aria-label={t("mainNavigation")}>
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          className={item.primary ? "primary" : undefined}
          aria-current={pathname === item.href || pathname.startsWith(`${item.href}/`) ? "page" : undefined}
          data-testid={`nav-${item.key}`}
          prefetch={false}
        >
          <Icon name={item.icon} size={item.primary ? 34 : 28} />
          <span>{t(item.key)}</span>
          {item.key === "notices" && !!unread && (
            <span className="nav-count" data-testid="nav-notices-count" aria-label={t("unreadNotices", { count: unread })}>
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </Link>
      ))}
    </nav>
  );
}
