"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { CASE_KINDS, CASE_STATUSES } from "@/domain/property/model";
import { CaseStatus, useDay } from "./kit";
import { filterFromParams, paramsFromFilter, type TCaseFilter } from "./filter-params";
import type { TCaseRow } from "./types";

/** The server's page of the register (property.list says its own). */
const PAGE_SIZE = 50;

/** The register's filters (kind, status, overdue letters, search) in the URL, and the cases a page at a time. */
export function RegisterScreen() {
  const t = useTranslations("propertyOffice.register");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFromParams(new URLSearchParams(useSearchParams().toString()));
  const list = useQuery({ ...trpc.property.list.queryOptions(filter), placeholderData: keepPreviousData });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (list.data?.pageSize ?? PAGE_SIZE)));
  const go = (next: Partial<TCaseFilter>) => router.replace(`${pathname}${paramsFromFilter({ ...filter, page: 1, ...next })}`, { scroll: false });
  return (
    <div className="stack">
      <Filters filter={filter} onChange={go} />
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <p className="row" aria-live="polite" data-testid="case-count">
          <span className="badge" data-tone="info">
            {t("count", { n: total })}
          </span>
        </p>
        <ul className="list" data-testid="case-list" aria-busy={list.isFetching}>
          {rows.map((c) => (
            <CaseCard key={c.id} c={c} />
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

function Filters({ filter, onChange }: { filter: TCaseFilter; onChange: (next: Partial<TCaseFilter>) => void }) {
  const t = useTranslations("propertyOffice.register.filters");
  const tp = useTranslations("property");
  const [q, setQ] = useState(filter.q);
  // the box follows the filter when it changes from outside (cleared): adjusted while rendering, not in an effect
  const [shownQ, setShownQ] = useState(filter.q);
  if (filter.q !== shownQ) {
    setShownQ(filter.q);
    setQ(filter.q);
  }
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    onChange({ q: q.trim() });
  };
  const filtered = filter.kind || filter.status || filter.overdue || filter.q;
  return (
    <section className="card stack" aria-label={t("label")} data-testid="case-filters">
      <div className="seg" role="group" aria-label={t("kind")} style={{ display: "flex" }}>
        {[null, ...CASE_KINDS].map((k) => (
          <button
            key={k ?? "all"}
            type="button"
            aria-pressed={filter.kind === k}
            onClick={() => onChange({ kind: k })}
            style={{ flex: "1 0 auto" }}
            data-testid={`kind-${k ?? "all"}`}
          >
            {k ? tp(`kindShort.${k}`) : t("all")}
          </button>
        ))}
      </div>
      <div className="filters" style={{ marginBottom: 0 }}>
        <label className="field">
          <span>{t("status")}</span>
          <select
            className="input"
            value={filter.status ?? ""}
            onChange={(e) => onChange({ status: (e.target.value || null) as TCaseFilter["status"] })}
            data-testid="filter-status"
          >
            <option value="">{t("any")}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tp(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="scan-switch" style={{ alignSelf: "end", minHeight: 48 }}>
          <input type="checkbox" checked={filter.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} data-testid="filter-overdue" />
          {t("overdue")}
        </label>
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
            data-testid="filter-q"
          />
        </label>
        <button type="submit" className="btn secondary" data-testid="filter-search">
          {t("searchSubmit")}
        </button>
      </form>
      {filtered && (
        <button
          type="button"
          className="btn secondary block"
          onClick={() => onChange({ kind: null, status: null, overdue: false, q: "" })}
          data-testid="filter-clear"
        >
          {t("clear")}
        </button>
      )}
    </section>
  );
}

/** One case: code and kind, status, customer, the next round, the open letter's deadline (red once overdue). */
function CaseCard({ c }: { c: TCaseRow }) {
  const t = useTranslations("propertyOffice.register");
  const tp = useTranslations("property");
  const day = useDay();
  const overdue = c.openLetter?.overdue ?? false;
  return (
    <li
      className="link-card"
      data-testid={`case-${c.code}`}
      data-status={c.status}
      data-overdue={overdue}
      style={overdue ? { borderLeft: "8px solid var(--bad)", background: "var(--bad-bg)" } : undefined}
    >
      <Link href={`/property/${c.id}`} aria-label={t("open", { code: c.code })}>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <strong className="mono">{c.code}</strong>
          <CaseStatus status={c.status} />
        </div>
        <div style={{ fontWeight: 700, margin: "4px 0" }}>{c.customerName}</div>
        <div className="muted small">
          {tp(`kindShort.${c.kind}`)} · {c.customerPhone} · {t("appliedOn", { day: day(c.appliedOn) })}
        </div>
        {c.nextRound && (
          <div className="small" style={{ marginTop: 4 }} data-testid="next-round">
            {t("nextRound", { n: c.nextRound.roundNo, day: day(c.nextRound.scheduledFor) })}
          </div>
        )}
        {c.openLetter && (
          <div className="row" style={{ marginTop: 6, flexWrap: "wrap" }} data-testid="letter-deadline" data-overdue={overdue}>
            <span className="badge" data-tone={overdue ? "bad" : "warn"}>
              {c.openLetter.code}
            </span>
            <strong style={{ color: overdue ? "var(--bad)" : undefined }}>
              {overdue
                ? t("letterOverdue", { day: day(c.openLetter.deadline), days: -c.openLetter.daysLeft })
                : t("letterDue", { day: day(c.openLetter.deadline), days: c.openLetter.daysLeft })}
            </strong>
          </div>
        )}
      </Link>
    </li>
  );
}
