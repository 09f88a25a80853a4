"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import type { TDeskFilter } from "@/domain/work-orders/schemas";
import { DeskCard } from "@/app/_ui/work-orders/desk-card";
import { DeskFilters } from "./desk-filters";
import { filterFromParams, paramsFromFilter } from "./filter-params";

/** The desk list: what needs the office's eye, the filters, and the orders most urgent first, a page at a time. */
export function DeskScreen() {
  const t = useTranslations("desk");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFromParams(new URLSearchParams(useSearchParams().toString()));
  // keyset pages (issue 18): "load more" asks for the page after the last one shown
  const desk = useInfiniteQuery({
    ...trpc.workOrders.desk.infiniteQueryOptions(filter, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const linemen = useQuery(trpc.workOrders.linemen.queryOptions());
  const setFilter = (next: Partial<TDeskFilter>) => {
    // any change starts again from the first page (the cursor is not in the URL)
    const merged = { ...filter, ...next };
    // a range typed end first is meant the right way round
    if (merged.from && merged.to && merged.from > merged.to) [merged.from, merged.to] = [merged.to, merged.from];
    router.replace(`${pathname}${paramsFromFilter(merged)}`, { scroll: false });
  };
  const pages = desk.data?.pages ?? [];
  // the counts are the newest page's
  const counts = pages.at(-1)?.counts;
  const items = pages.flatMap((p) => p.items);

  return (
    <div className="stack">
      {counts && (
        <div className="row" data-testid="desk-counts" aria-live="polite">
          <span className="badge" data-tone="info">
            {t("counts.open", { n: counts.open })}
          </span>
          {counts.pastDeadline > 0 && (
            <button
              type="button"
              className="badge"
              data-tone="bad"
              onClick={() => setFilter({ group: "open", overdueOnly: true, keyOnly: true })}
              style={{ cursor: "pointer", minHeight: 48 }}
            >
              {t("counts.pastDeadline", { n: counts.pastDeadline })}
            </button>
          )}
          {counts.overdue > 0 && (
            <button
              type="button"
              className="badge"
              data-tone="warn"
              onClick={() => setFilter({ group: "open", overdueOnly: true, keyOnly: false })}
              style={{ cursor: "pointer", minHeight: 48 }}
            >
              {t("counts.overdue", { n: counts.overdue })}
            </button>
          )}
          {counts.unassigned > 0 && (
            <button
              type="button"
              className="badge"
              data-tone="warn"
              onClick={() => setFilter({ group: "open", assignee: "unassigned" })}
              style={{ cursor: "pointer", minHeight: 48 }}
            >
              {t("counts.unassigned", { n: counts.unassigned })}
            </button>
          )}
        </div>
      )}
      <DeskFilters filter={filter} linemen={linemen.data ?? []} onChange={setFilter} />
      <QueryState
        isPending={desk.isPending}
        isError={desk.isError}
        isEmpty={desk.data !== undefined && items.length === 0}
        empty={t("list.empty")}
        onRetry={() => void desk.refetch()}
      >
        <p className="muted small" data-testid="desk-shown">
          {t("list.shown", { n: items.length })}
        </p>
        <ul className="list" data-testid="desk-list" aria-busy={desk.isFetching}>
          {items.map((wo) => (
            <DeskCard key={wo.id} wo={wo} />
          ))}
        </ul>
        {desk.hasNextPage && (
          <button
            type="button"
            className="btn secondary"
            disabled={desk.isFetchingNextPage}
            onClick={() => void desk.fetchNextPage()}
            data-testid="desk-more"
            style={{ minHeight: 48 }}
          >
            {t("list.more")}
          </button>
        )}
      </QueryState>
    </div>
  );
}
