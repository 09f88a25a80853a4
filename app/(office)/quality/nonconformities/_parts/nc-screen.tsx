"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { NC_SOURCES, NC_STATUSES } from "@/domain/quality/model";
import { ZNcFilter, type TNcFilter } from "@/domain/quality/schemas";
import type { TNcRow } from "./types";
import { ageTone, AGE_BANDS, ageBand } from "./age";

const PAGE_SIZE = 50;

/** The filters live in the URL (back from a record returns to the same list); a bad value shows the default list. */
function filterFrom(params: URLSearchParams): TNcFilter {
  const parsed = ZNcFilter.safeParse({
    status: params.get("status") || null,
    department: params.get("department") || null,
    source: params.get("source") || null,
    page: Number(params.get("page") ?? 1) || 1,
  });
  return parsed.success ? parsed.data : ZNcFilter.parse({});
}

function paramsOf(f: TNcFilter): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.department) p.set("department", f.department);
  if (f.source) p.set("source", f.source);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The list of nonconformities with its filters, the ages of those still open, and paging. */
export function NcScreen({ readsAll }: { readsAll: boolean }) {
  const t = useTranslations("qualityOffice.nc");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFrom(new URLSearchParams(useSearchParams().toString()));
  const list = useQuery(trpc.quality.nonconformities.queryOptions(filter));
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const go = (next: Partial<TNcFilter>) => router.replace(`${pathname}${paramsOf({ ...filter, page: 1, ...next })}`, { scroll: false });
  const open = rows.filter((r) => r.status !== "closed");
  const select = (name: "department" | "source", options: readonly string[], label: (v: string) => string) => (
    <label className="field">
      <span>{t(`filters.${name}`)}</span>
      <select className="input" value={filter[name] ?? ""} onChange={(e) => go({ [name]: e.target.value || null })} data-testid={`filter-${name}`}>
        <option value="">{t("filters.any")}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="stack">
      <section className="card stack" aria-label={t("filters.label")} data-testid="nc-filters">
        <div className="seg" role="group" aria-label={t("filters.status")} style={{ display: "flex", flexWrap: "wrap" }}>
          {[null, ...NC_STATUSES].map((s) => (
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
          {readsAll && select("department", DEPARTMENTS, (d) => tr(`departments.${d}`))}
          {select("source", NC_SOURCES, (s) => t(`source.${s}`))}
        </div>
      </section>
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <p className="row" aria-live="polite" data-testid="nc-counts">
          <span className="badge" data-tone="info">
            {t("count", { n: total })}
          </span>
          {AGE_BANDS.map((b) => {
            const n = open.filter((r) => ageBand(r.ageDays) === b).length;
            return n === 0 ? null : (
              <span key={b} className="badge" data-tone={b === "old" ? "bad" : b === "week" ? "warn" : "muted"} data-testid={`ageing-${b}`}>
                {t(`ageing.${b}`, { n })}
              </span>
            );
          })}
        </p>
        <ul className="list" data-testid="nc-list">
          {rows.map((r) => (
            <NcCard key={r.id} r={r} />
          ))}
        </ul>
        {pages > 1 && (
          <div className="row" style={{ justifyContent: "space-between" }}>
            <button type="button" className="btn secondary" disabled={filter.page <= 1} onClick={() => go({ page: filter.page - 1 })} data-testid="page-prev">
              {t("prev")}
            </button>
            <span className="muted">{t("page", { page: filter.page, pages })}</span>
            <button
              type="button"
              className="btn secondary"
              disabled={filter.page >= pages}
              onClick={() => go({ page: filter.page + 1 })}
              data-testid="page-next"
            >
              {t("next")}
            </button>
          </div>
        )}
      </QueryState>
    </div>
  );
}

const STATUS_TONE = { open: "warn", action: "info", closed: "ok" } as const;

function NcCard({ r }: { r: TNcRow }) {
  const t = useTranslations("qualityOffice.nc");
  const tr = useTranslations();
  const when = useDateTime();
  const tone = r.status === "closed" ? "muted" : ageTone(r.ageDays);
  return (
    <li
      className="link-card"
      data-testid={`nc-${r.code}`}
      data-status={r.status}
      data-age={r.ageDays}
      style={{ borderLeft: `8px solid var(--${r.status === "closed" ? "ok" : tone === "bad" ? "bad" : "warn"})` }}
    >
      <Link href={`/quality/nonconformities/${r.id}`} aria-label={t("open", { code: r.code })}>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <strong className="mono">{r.code}</strong>
          <span className="badge" data-tone={STATUS_TONE[r.status]}>
            {t(`status.${r.status}`)}
          </span>
        </div>
        <div style={{ fontWeight: 700, margin: "4px 0" }}>
          {t(`finding.${r.finding}`)} · {tr(`departments.${r.department}`)}
        </div>
        <p className="small" style={{ margin: "2px 0", whiteSpace: "pre-wrap" }}>
          {r.description}
        </p>
        <div className="row small" style={{ justifyContent: "space-between", flexWrap: "wrap" }}>
          <span className="muted">
            {t(`source.${r.source}`)}
            {r.sourceRef && ` · ${r.sourceRef}`}
            {r.tag && (
              <>
                {" · "}
                <span className="mono">{r.tag}</span>
              </>
            )}
            {" · "}
            {when(r.raisedAt)}
          </span>
          {r.status !== "closed" && (
            <span className="badge" data-tone={tone} data-testid="age">
              {t("age", { n: r.ageDays })}
            </span>
          )}
        </div>
        {r.actionCode && (
          <div className="small" style={{ marginTop: 4 }}>
            {t("actionCode", { code: r.actionCode })}
          </div>
        )}
      </Link>
    </li>
  );
}
