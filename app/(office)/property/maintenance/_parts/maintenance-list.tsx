"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { MAINTENANCE_STATUSES, type TMaintenanceStatus } from "@/domain/property/model";
import { MAINTENANCE_TONE, useDay } from "../../_parts/kit";

/** The agreements with their status and period (days left while in force), the status filter and search in the URL. */
export function MaintenanceList() {
  const t = useTranslations("propertyOffice.maintenance");
  const tp = useTranslations("property");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const day = useDay();
  const qParam = (params.get("q") ?? "").slice(0, 100);
  const rawStatus = params.get("status");
  const status = (MAINTENANCE_STATUSES as readonly string[]).includes(rawStatus ?? "") ? (rawStatus as TMaintenanceStatus) : null;
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const [q, setQ] = useState(qParam);
  const list = useQuery({ ...trpc.maintenance.list.queryOptions({ q: qParam, status, page }), placeholderData: keepPreviousData });
  const go = (next: { q?: string; status?: TMaintenanceStatus | null; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? qParam;
    const ns = next.status === undefined ? status : next.status;
    if (nq) p.set("q", nq);
    if (ns) p.set("status", ns);
    if ((next.page ?? 1) > 1) p.set("page", String(next.page));
    const s = p.toString();
    router.replace(`${pathname}${s ? `?${s}` : ""}`, { scroll: false });
  };
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    go({ q: q.trim() });
  };
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? 50)));
  return (
    <div className="stack">
      <section className="card stack" aria-label={t("filters")} data-testid="maintenance-filters">
        <div className="seg" role="group" aria-label={t("status")} style={{ display: "flex", flexWrap: "wrap" }}>
          {[null, ...MAINTENANCE_STATUSES].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={status === s}
              onClick={() => go({ status: s })}
              style={{ flex: "1 0 auto" }}
              data-testid={`mstatus-${s ?? "all"}`}
            >
              {s ? tp(`maintenanceStatus.${s}`) : t("all")}
            </button>
          ))}
        </div>
        <form role="search" onSubmit={search} className="row" style={{ alignItems: "stretch" }}>
          <label className="grow">
            <span className="sr-only">{t("search")}</span>
            <input
              className="input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("searchPlaceholder")}
              maxLength={100}
              data-testid="maintenance-q"
            />
          </label>
          <button type="submit" className="btn secondary" data-testid="maintenance-search">
            {t("searchSubmit")}
          </button>
        </form>
      </section>
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <p className="row" aria-live="polite">
          <span className="badge" data-tone="info">
            {t("count", { n: total })}
          </span>
        </p>
        <ul className="list" data-testid="maintenance-list">
          {rows.map((a) => (
            <li key={a.id} className="link-card" data-testid={`agreement-${a.code}`} data-status={a.status}>
              <Link href={`/property/maintenance/${a.id}`} aria-label={t("open", { code: a.code })}>
                <div className="title-row" style={{ flexWrap: "wrap" }}>
                  <strong className="mono">{a.code}</strong>
                  <span className="badge" data-tone={MAINTENANCE_TONE[a.status]}>
                    {tp(`maintenanceStatus.${a.status}`)}
                  </span>
                </div>
                <div style={{ fontWeight: 700, margin: "4px 0" }}>{a.customerName}</div>
                <div className="muted small">
                  {a.customerPhone} · {t("period", { from: day(a.startsOn), to: day(a.endsOn) })}
                </div>
                <div className="small" style={{ marginTop: 4 }}>
                  {a.equipment.slice(0, 3).join(" · ")}
                  {a.equipment.length > 3 && ` · ${t("more", { n: a.equipment.length - 3 })}`}
                </div>
                {a.inForce && a.daysLeft !== null && (
                  <div className="small" style={{ marginTop: 4, fontWeight: 700 }}>
                    {t("daysLeft", { days: a.daysLeft })}
                  </div>
                )}
              </Link>
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <div className="row" style={{ justifyContent: "space-between" }}>
            <button type="button" className="btn secondary" disabled={page <= 1} onClick={() => go({ page: page - 1 })} data-testid="page-prev">
              {t("prev")}
            </button>
            <span className="muted">{t("page", { page, pages })}</span>
            <button type="button" className="btn secondary" disabled={page >= pages} onClick={() => go({ page: page + 1 })} data-testid="page-next">
              {t("next")}
            </button>
          </div>
        )}
      </QueryState>
    </div>
  );
}
