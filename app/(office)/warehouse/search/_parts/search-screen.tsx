"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";
import { ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import { MoreButton } from "../../_parts/badges";

interface TFilter {
  q: string;
  zoneCode?: string;
  status?: TItemStatus;
}

function filterFrom(p: URLSearchParams): TFilter {
  const status = p.get("status");
  return {
    q: (p.get("q") ?? "").trim().slice(0, 60),
    zoneCode: p.get("zone")?.slice(0, 40) || undefined,
    status: (ITEM_STATUSES as readonly string[]).includes(status ?? "") ? (status as TItemStatus) : undefined,
  };
}

function paramsOf(f: TFilter): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.zoneCode) p.set("zone", f.zoneCode);
  if (f.status) p.set("status", f.status);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The office's search of stock (warehouse.search): the words and filters in the URL, a keyset page at a time. */
export function SearchScreen() {
  const t = useTranslations("warehouseOffice.search");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFrom(new URLSearchParams(useSearchParams().toString()));
  const [q, setQ] = useState(filter.q);
  const zones = useQuery({ ...trpc.warehouse.stock.queryOptions({}), staleTime: 5 * 60_000 });
  const zoneNames = new Map<string, string>();
  for (const r of zones.data?.rows ?? []) zoneNames.set(r.zoneCode, zh ? r.zoneNameZh : r.zoneNameEn);
  const list = useInfiniteQuery({
    ...trpc.warehouse.search.infiniteQueryOptions({ ...filter, limit: 50 }, { getNextPageParam: (page) => page.next ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (next: Partial<TFilter>) => router.replace(`${pathname}${paramsOf({ ...filter, ...next })}`, { scroll: false });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    setFilter({ q: q.trim() });
  };
  return (
    <div className="stack">
      <section className="card stack" aria-label={t("filters")}>
        <form role="search" onSubmit={search} className="row" style={{ alignItems: "stretch" }}>
          <label className="grow">
            <span className="sr-only">{t("search")}</span>
            <input
              className="input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("placeholder")}
              maxLength={60}
              autoCapitalize="characters"
              data-testid="search-q"
            />
          </label>
          <button type="submit" className="btn" data-testid="search-submit">
            {t("submit")}
          </button>
        </form>
        <div className="filters" style={{ marginBottom: 0 }}>
          <label className="field">
            <span>{t("zone")}</span>
            <select
              className="input"
              value={filter.zoneCode ?? ""}
              onChange={(e) => setFilter({ zoneCode: e.target.value || undefined })}
              data-testid="search-zone"
            >
              <option value="">{t("any")}</option>
              {[...zoneNames].map(([code, name]) => (
                <option key={code} value={code}>
                  {code} · {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("status")}</span>
            <select
              className="input"
              value={filter.status ?? ""}
              onChange={(e) => setFilter({ status: (e.target.value || undefined) as TItemStatus | undefined })}
              data-testid="search-status"
            >
              <option value="">{t("any")}</option>
              {ITEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tr(`status.item.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <ul className="list" data-testid="search-results" aria-busy={list.isFetching}>
          {rows.map((r) => (
            <li key={r.id} className="link-card" data-testid={`result-${r.tag}`}>
              <Link href={`/warehouse/items/${r.tag}`} aria-label={t("open", { tag: r.tag })}>
                <div className="title-row" style={{ flexWrap: "wrap" }}>
                  <strong className="mono">{r.tag}</strong>
                  <StatusBadge kind="item" status={r.status} />
                </div>
                <div style={{ fontWeight: 700 }}>{r.name}</div>
                <div className="muted small">
                  <span className="mono">{r.zoneCode ?? "—"}</span> · {t("quantity", { n: r.quantity })}
                  {r.materialCode && <span className="mono"> · {r.materialCode}</span>}
                  {r.receiptCode && <span className="mono"> · {r.receiptCode}</span>}
                  {r.deliveryNote && ` · ${t("deliveryNote", { note: r.deliveryNote })}`}
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
