"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { noticeList, queueMarkRead, type NoticeView } from "@/client/notices/stores";
import { useSync } from "@/client/sync/provider";

/** The inbox, newest first; opening a notice marks it read (queued, so offline too) and goes to what it is about. */
export function NoticeList() {
  const t = useTranslations("notices");
  const format = useFormatter();
  const viewer = useViewer();
  const { store, deviceId, ready, flush } = useSync();
  const [allDone, setAllDone] = useState(false);
  const list = useReadCache("notices", (s, d) => noticeList(s, d));

  const markRead = async (ids: string[]) => {
    if (!store || !deviceId || ids.length === 0) return;
    await queueMarkRead({ store, userId: viewer.id, deviceId }, ids);
    flush("queued");
  };

  if (!ready || list.loading || !list.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const unread = list.data.filter((n) => !n.read);
  if (list.data.length === 0) {
    return (
      <p className="empty" data-testid="notices-empty">
        <Icon name="check" size={28} />
        <br />
        {t("empty")}
      </p>
    );
  }
  return (
    <div className="stack">
      {allDone && unread.length === 0 && (
        <div className="alert" data-tone="ok" role="status">
          {t("markedAllRead")}
        </div>
      )}
      {unread.length > 0 && (
        <button
          type="button"
          className="btn secondary block"
          data-testid="notices-mark-all"
          onClick={() => void markRead(unread.map((n) => n.id)).then(() => setAllDone(true))}
        >
          {t("markAllRead")} ({unread.length})
        </button>
      )}
      <ul className="list" data-testid="notices">
        {list.data.map((n: NoticeView) => (
          <li key={n.id} className="link-card notice" data-read={n.read} data-testid="notice">
            <Link href={n.href} prefetch={false} onClick={() => void (n.read ? undefined : markRead([n.id]))}>
              <span className="notice-text">
                {!n.read && (
                  <span className="badge" data-tone="info">
                    {t("new")}
                  </span>
                )}{" "}
                {t.has(`kind.${n.kind}`) ? t(`kind.${n.kind}`, n.params) : t("unknownKind")}
                <time dateTime={n.createdAt}>{format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
              </span>
              <Icon name="chevron" size={24} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
