"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useDeskNow } from "@/app/_ui/work-orders/deadline";
import { useTRPC } from "@/client/trpc";
import { ComplaintCard } from "../../_parts/complaint-card";
import { DeskFilters } from "./desk-filters";
import { filterFromParams, paramsFromFilter, type TDeskFilter } from "./filter-params";

/** The complaints desk: its counts, the filters, and the forms by deadline, a keyset page at a time ("more"). */
export function DeskScreen() {
  const t = useTranslations("complaintsDesk");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFromParams(new URLSearchParams(useSearchParams().toString()));
  const now = useDeskNow();
  const desk = useInfiniteQuery({
    ...trpc.complaints.desk.infiniteQueryOptions({ ...filter, limit: 30 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const categories = useQuery(trpc.complaints.categories.queryOptions());
  const setFilter = (next: Partial<TDeskFilter>) => router.replace(`${pathname}${paramsFromFilter({ ...filter, ...next })}`, { scroll: false });
  const counts = desk.data?.pages[0]?.counts;
  const rows = desk.data?.pages.flatMap((p) => p.rows) ?? [];
  const countButton = (n: number, label: string, tone: string, state: TDeskFilter["state"], testId: string, extra?: Partial<TDeskFilter>) =>
    n > 0 && (
      <button
        type="button"
        className="badge"
        data-tone={tone}
        onClick={() => setFilter({ state, ...extra })}
        style={{ cursor: "pointer", minHeight: 48 }}
        data-testid={testId}
      >
        {label}
      </button>
    );

  return (
    <div className="stack">
      {counts && (
        <div className="row" data-testid="desk-counts" aria-live="polite">
          <span className="badge" data-tone="info">
            {t("counts.open", { n: counts.open })}
          </span>
          {countButton(counts.overdue, t("counts.overdue", { n: counts.overdue }), "bad", "overdue", "count-overdue")}
          {countButton(counts.escalated, t("counts.escalated", { n: counts.escalated }), "warn", "escalated", "count-escalated")}
          {counts.unclassified > 0 && (
            <span className="badge" data-tone="warn" data-testid="count-unclassified">
              {t("counts.unclassified", { n: counts.unclassified })}
            </span>
          )}
        </div>
      )}
      <DeskFilters filter={filter} categories={categories.data ?? []} onChange={setFilter} />
      <QueryState isPending={desk.isPending} isError={desk.isError} isEmpty={rows.length === 0} empty={t("list.empty")} onRetry={() => void desk.refetch()}>
        <ul className="list" data-testid="complaint-list" aria-busy={desk.isFetching}>
          {rows.map((c) => (
            <ComplaintCard key={c.id} c={c} now={now} />
          ))}
        </ul>
        <p className="muted small">{t("list.shown", { n: rows.length })}</p>
        {desk.hasNextPage && (
          <button
            type="button"
            className="btn secondary block"
            disabled={desk.isFetchingNextPage}
            onClick={() => void desk.fetchNextPage()}
            data-testid="desk-more"
          >
            {t("list.more")}
          </button>
        )}
      </QueryState>
    </div>
  );
}
