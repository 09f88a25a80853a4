"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CA_STATUSES } from "@/domain/quality/model";
import { ZActionFilter, type TActionFilter } from "@/domain/quality/schemas";
import { ActionCard } from "@/app/_ui/quality/action-card";

const PAGE_SIZE = 50;

function filterFrom(params: URLSearchParams): TActionFilter {
  const parsed = ZActionFilter.safeParse({
    status: params.get("status") || null,
    department: params.get("department") || null,
    overdueOnly: params.get("overdue") === "1",
    page: Number(params.get("page") ?? 1) || 1,
  });
  return parsed.success ? parsed.data : ZActionFilter.parse({});
}

function paramsOf(f: TActionFilter): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.department) p.set("department", f.department);
  if (f.overdueOnly) p.set("overdue", "1");
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The records with their filters (status, department, overdue only) in the URL, the step due and its date. */
export function ActionsScreen({ readsAll }: { readsAll: boolean }) {
  const t = useTranslations("qualityOffice.actions");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFrom(new URLSearchParams(useSearchParams().toString()));
  const list = useQuery(trpc.actions.list.queryOptions(filter));
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const overdue = rows.filter((r) => r.overdue).length;
  const go = (next: Partial<TActionFilter>) => router.replace(`${pathname}${paramsOf({ ...filter, page: 1, ...next })}`, { scroll: false });
  return (
    <div className="stack">
      <section className="card stack" aria-label={t("filters.label")} data-testid="action-filters">
        <div className="seg" role="group" aria-label={t("filters.status")} style={{ display: "flex", flexWrap: "wrap" }}>
          {[null, ...CA_STATUSES].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={filter.status === s}
              onClick={() => go({ status: s })}
              style={{ flex: "1 0 auto" }}
              data-testid={`status-${s ?? "all"}`}
            >
              {s ? t(`status.${s}`) : t("filters.all")}
            </button>
          ))}
        </div>
        <div className="filters">
          {readsAll && (
            <label className="field">
              <span>{t("filters.department")}</span>
              <select
                className="input"
                value={filter.department ?? ""}
                onChange={(e) => go({ department: (e.target.value || null) as TActionFilter["department"] })}
                data-testid="filter-department"
              >
                <option value="">{t("filters.any")}</option>
                {DEPARTMENTS.map((d) => (
                  <option key={d} value={d}>
                    {tr(`departments.${d}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="scan-switch" style={{ alignSelf: "end", minHeight: 48 }}>
            <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => go({ overdueOnly: e.target.checked })} data-testid="filter-overdue" />
            {t("filters.overdueOnly")}
          </label>
        </div>
      </section>
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <p className="row" aria-live="polite" data-testid="action-counts">
          <span className="badge" data-tone="info">
            {t("count", { n: total })}
          </span>
          {overdue > 0 && (
            <span className="badge" data-tone="bad" data-testid="count-overdue">
              {t("overdueCount", { n: overdue })}
            </span>
          )}
        </p>
        <ul className="list" data-testid="action-list">
          {rows.map((a) => (
            <ActionCard key={a.id} a={a} />
          ))}
        </ul>
        {pages > 1 && (
          <div className="row" style={{ justifyContent: "space-between" }}>
            <button type="button" className="btn secondary" disabled={filter.page <= 1} onClick={() => go({ page: filter.page - 1 })} data-testid="page-prev">
              {tr("qualityOffice.nc.prev")}
            </button>
            <span className="muted">{tr("qualityOffice.nc.page", { page: filter.page, pages })}</span>
            <button
              type="button"
              className="btn secondary"
              disabled={filter.page >= pages}
              onClick={() => go({ page: filter.page + 1 })}
              data-testid="page-next"
            >
              {tr("qualityOffice.nc.next")}
            </button>
          </div>
        )}
      </QueryState>
    </div>
  );
}
