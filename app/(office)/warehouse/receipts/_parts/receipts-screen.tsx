"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { RECEIPT_STATUSES, type TReceiptStatus } from "@/domain/warehouse/model";
import { MoreButton, ReceiptStatusBadge } from "../../_parts/badges";
import { ExportLinks } from "../../_parts/exports";
import type { TReceiptRow } from "../../_parts/types";

interface TFilter {
  status?: TReceiptStatus;
  department?: TDepartment;
  q?: string;
}

/** The filters live in the URL (back from a receipt returns to the same list); a hand-edited bad value is dropped. */
function filterFrom(params: URLSearchParams): TFilter {
  const status = params.get("status");
  const department = params.get("department");
  const q = params.get("q")?.trim().slice(0, 60);
  return {
    status: (RECEIPT_STATUSES as readonly string[]).includes(status ?? "") ? (status as TReceiptStatus) : undefined,
    department: (DEPARTMENTS as readonly string[]).includes(department ?? "") ? (department as TDepartment) : undefined,
    q: q || undefined,
  };
}

function paramsOf(f: TFilter): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.department) p.set("department", f.department);
  if (f.q) p.set("q", f.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The receipts register: state and department filters, search by receipt, delivery note or supplier, a keyset page at a time. */
export function ReceiptsScreen() {
  const t = useTranslations("warehouseOffice.receipts");
  const td = useTranslations("departments");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFrom(new URLSearchParams(useSearchParams().toString()));
  const [q, setQ] = useState(filter.q ?? "");
  const list = useInfiniteQuery({
    ...trpc.warehouse.receipts.infiniteQueryOptions(filter, { getNextPageParam: (page) => page.next ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (next: Partial<TFilter>) => router.replace(`${pathname}${paramsOf({ ...filter, ...next })}`, { scroll: false });
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    setFilter({ q: q.trim() || undefined });
  };
  return (
    <div className="stack">
      <section className="card stack" aria-label={t("filters")} data-testid="receipts-filters">
        <div className="seg" role="group" aria-label={t("status")} style={{ display: "flex", flexWrap: "wrap" }}>
          {[undefined, ...RECEIPT_STATUSES].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={filter.status === s}
              onClick={() => setFilter({ status: s })}
              style={{ flex: "1 0 auto" }}
              data-testid={`status-${s ?? "all"}`}
            >
              {s ? t(`state.${s}`) : t("state.all")}
            </button>
          ))}
        </div>
        <label className="field">
          <span>{t("department")}</span>
          <select
            className="input"
            value={filter.department ?? ""}
            onChange={(e) => setFilter({ department: (e.target.value || undefined) as TDepartment | undefined })}
            data-testid="filter-department"
          >
            <option value="">{t("any")}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {td(d)}
              </option>
            ))}
          </select>
        </label>
        <form role="search" onSubmit={search} className="row" style={{ alignItems: "stretch" }}>
          <label className="grow">
            <span className="sr-only">{t("search")}</span>
            <input
              className="input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("searchPlaceholder")}
              maxLength={60}
              data-testid="filter-q"
            />
          </label>
          <button type="submit" className="btn secondary" data-testid="filter-search">
            {t("searchSubmit")}
          </button>
        </form>
      </section>
      <ExportLinks register="receipts" params={{ status: filter.status, department: filter.department, q: filter.q }} />
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <ul className="list" data-testid="receipt-list" aria-busy={list.isFetching}>
          {rows.map((r) => (
            <ReceiptCard key={r.id} r={r} />
          ))}
        </ul>
        <MoreButton shown={rows.length} hasMore={list.hasNextPage} busy={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </QueryState>
    </div>
  );
}

function ReceiptCard({ r }: { r: TReceiptRow }) {
  const t = useTranslations();
  const when = useDateTime();
  return (
    <li
      className="link-card"
      data-testid={`receipt-row-${r.code}`}
      data-status={r.status}
      style={r.status === "awaiting_inspection" ? { borderLeft: "8px solid var(--warn)" } : undefined}
    >
      <Link href={`/warehouse/receipts/${r.id}`} aria-label={t("warehouseOffice.receipts.open", { code: r.code })}>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <strong className="mono">{r.code}</strong>
          <ReceiptStatusBadge status={r.status} />
        </div>
        <div style={{ fontWeight: 700 }}>{r.supplier}</div>
        <div className="muted small">
          {when(r.receivedAt)} · {t(`departments.${r.department}`)}
        </div>
        <div className="small">
          {t("warehouseOffice.receipts.deliveryNote", { note: r.deliveryNote })} · {t("warehouseOffice.receipts.lines", { n: r.lineCount })}
          {r.formCode && (
            <>
              {" · "}
              <span className="mono" data-testid="row-form-code">
                {r.formCode}
              </span>
            </>
          )}
        </div>
      </Link>
    </li>
  );
}
