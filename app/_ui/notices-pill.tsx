"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Icon } from "./icons";
import { useUnreadNotices } from "./use-unread-notices";

/** "3 unread notices" on the home's first line (which keeps its height, so nothing moves when it appears). */
export function NoticesPill() {
  const t = useTranslations("notices");
  const unread = useUnreadNotices();
  if (!unread) return null;
  return (
    <Link href="/notices" className="notices-pill" data-testid="home-notices" prefetch={false}>
      <Icon name="notices" size={22} />
      {t("unreadBadge", { count: unread })}
    </Link>
  );
}
