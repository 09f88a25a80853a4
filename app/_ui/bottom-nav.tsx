"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Icon } from "./icons";
import type { TNavItem } from "./nav-config";

export function BottomNav({ items }: { items: TNavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav className="bottom-nav" aria-label={t("mainNavigation")}>
      {items.map((item) => (
        <Link
          key={item.key}
          href={item.href}
          className={item.primary ? "primary" : undefined}
          aria-current={pathname === item.href || pathname.startsWith(`${item.href}/`) ? "page" : undefined}
          data-testid={`nav-${item.key}`}
        >
          <Icon name={item.icon} size={item.primary ? 34 : 28} />
          <span>{t(item.key)}</span>
        </Link>
      ))}
    </nav>
  );
}
