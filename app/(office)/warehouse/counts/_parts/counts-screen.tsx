"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { MoreButton } from "../../_parts/badges";
import { ExportLinks } from "../../_parts/exports";

/** The counts, newest first, a keyset page at a time; a count with open differences is marked. */
export function CountsScreen() {
  const t = useTranslations("warehouseOffice.counts");
  const trpc = useTRPC();
  const when = useDateTime();
  const list = useInfiniteQuery(trpc.warehouse.counts.infiniteQueryOptions({}, { getNextPageParam: (page) => page.next ?? undefined }));
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <div className="stack">
      <ExportLinks register="counts" />
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <ul className="list" data-testid="count-list">
          {rows.map((c) => (
            <li
              key={c.id}
              className="link-card"
              data-testid={`count-row-${c.id}`}
              data-open={c.open}
              style={c.open > 0 ? { borderLeft: "8px solid var(--warn)" } : undefined}
            >
              <Link href={`/warehouse/counts/${c.id}`} aria-label={t("open", { zone: c.zoneCode })}>
                <div className="title-row" style={{ flexWrap: "wrap" }}>
                  <strong className="mono">{c.zoneCode}</strong>
                  {c.open > 0 ? (
                    <span className="badge" data-tone="warn">
                      {t("openDifferences", { n: c.open })}
                    </span>
                  ) : (
                    <span className="badge" data-tone={c.differences > 0 ? "muted" : "ok"}>
                      {c.differences > 0 ? t("settled") : t("exact")}
                    </span>
                  )}
                </div>
                <div className="small">{t("figures", { expected: c.expected, found: c.found, differences: c.differences })}</div>
                <div className="muted small">
                  {when(c.submittedAt ?? c.startedAt)} · {c.countedByName}
                </div>
              </Link>
            </li>
          ))}
        </ul>
        <MoreButton shown={rows.length} hasMore={list.hasNextPage} busy={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </QueryState>
    </div>
  );
}
