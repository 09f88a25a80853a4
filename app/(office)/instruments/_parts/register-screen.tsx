"use client";
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useHash } from "@/app/_ui/use-hash";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { mayPrintLabel } from "@/domain/instruments/actions";
import { CALIBRATION_STATES, type TCalibrationState } from "@/domain/instruments/calibration";
import { INSTRUMENT_CATEGORIES, INSTRUMENT_STATUSES, type TInstrumentCategory, type TInstrumentStatus } from "@/domain/instruments/status";
import { normalizeTag } from "@/domain/items/tags";
import { CALIBRATION_TONE } from "@/app/_ui/instruments/tones";
import { CsvTools } from "./csv-tools";
import { DeskDetail } from "./desk-detail";
import { InstrumentForm } from "./instrument-form";
import { LabelTools } from "./label-tools";

export interface TRegisterFilters {
  q: string;
  category: TInstrumentCategory | "";
  department: TDepartment | "";
  status: TInstrumentStatus | "";
  calibration: TCalibrationState | "";
}

const EMPTY: TRegisterFilters = { q: "", category: "", department: "", status: "", calibration: "" };

/** The server's list filters (the calibration state too: the server takes it on the operator's today). */
export function listInput(f: TRegisterFilters) {
  return {
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.department ? { department: f.department } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.calibration ? { calibration: f.calibration } : {}),
  };
}

export function RegisterScreen({ canEdit, title, subtitle }: { canEdit: boolean; title: string; subtitle: string }) {
  const hash = useHash();
  const tag = hash ? normalizeTag(hash) : "";
  if (hash === null) return null;
  if (tag) return <DeskDetail key={tag} tag={tag} canEdit={canEdit} />;
  return <RegisterList canEdit={canEdit} title={title} subtitle={subtitle} />;
}

function RegisterList({ canEdit, title, subtitle }: { canEdit: boolean; title: string; subtitle: string }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi");
  const trpc = useTRPC();
  const [filters, setFilters] = useState<TRegisterFilters>(EMPTY);
  const [adding, setAdding] = useState(false);
  // keyset pages (issue 18): "show more" asks for the page after the last one shown; a filter starts again
  const q = useInfiniteQuery(trpc.instruments.list.infiniteQueryOptions(listInput(filters), { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const rows = (q.data?.pages ?? []).flatMap((p) => p.rows);
  const set = <K extends keyof TRegisterFilters>(k: K, v: TRegisterFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  return (
    <div>
      <h1>{title}</h1>
      <p className="subtitle">{subtitle}</p>
      <div className="tabs">
        <Link className="btn secondary" href="/instruments/registers">
          {tu("register.registers")}
        </Link>
        <Link className="btn secondary" href="/instruments/settings" data-testid="open-settings">
          {tu("register.settings")}
        </Link>
      </div>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} role="search" data-testid="register-filters">
        <label className="field">
          <span>{tu("register.search")}</span>
          <input className="input" value={filters.q} onChange={(e) => set("q", e.target.value)} placeholder="IN-000301 / OTDR" data-testid="filter-q" />
        </label>
        <Select
          label={tu("register.category")}
          value={filters.category}
          onChange={(v) => set("category", v as TRegisterFilters["category"])}
          options={INSTRUMENT_CATEGORIES.map((c) => [c, t(`instrumentCategory.${c}`)])}
          testId="filter-category"
        />
        <Select
          label={tu("register.department")}
          value={filters.department}
          onChange={(v) => set("department", v as TRegisterFilters["department"])}
          options={DEPARTMENTS.map((d) => [d, t(`departments.${d}`)])}
          testId="filter-department"
        />
        <Select
          label={tu("register.status")}
          value={filters.status}
          onChange={(v) => set("status", v as TRegisterFilters["status"])}
          options={INSTRUMENT_STATUSES.map((s) => [s, t(`status.instrument.${s}`)])}
          testId="filter-status"
        />
        <Select
          label={tu("register.calibration")}
          value={filters.calibration}
          onChange={(v) => set("calibration", v as TRegisterFilters["calibration"])}
          options={CALIBRATION_STATES.map((s) => [s, t(`instruments.calibrationState.${s}`)])}
          testId="filter-calibration"
        />
      </form>
      {canEdit &&
        (adding ? (
          <InstrumentForm onCancel={() => setAdding(false)} onDone={(tag) => (window.location.hash = tag)} />
        ) : (
          <button type="button" className="btn block" style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="new-instrument">
            {tu("register.new")}
          </button>
        ))}
      <CsvTools filters={filters} canImport={canEdit} onImported={() => void q.refetch()} />
      {canEdit && rows.length > 0 && (
        <section className="card">
          <p className="muted small">{tu("labels.help")}</p>
          <LabelTools instrumentIds={rows.filter((r) => mayPrintLabel(r)).map((r) => r.id)} />
        </section>
      )}
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={rows.length === 0} empty={tu("register.empty")} onRetry={() => void q.refetch()}>
        <p className="muted small" data-testid="register-count">
          {tu(q.hasNextPage ? "register.shown" : "register.count", { n: rows.length })}
        </p>
        <ul className="list" data-testid="register-list">
          {rows.map((r) => (
            <li key={r.id} className="link-card" data-tag={r.assetTag} data-state={r.calibrationState}>
              <HashLink path="/instruments/register" hash={r.assetTag}>
                <div className="title-row">
                  <strong>{r.name}</strong>
                  <span className="mono small">{r.assetTag}</span>
                </div>
                <div className="muted small">
                  {r.model} / {r.serial} · {t(`instrumentCategory.${r.category}`)} · {t(`departments.${r.department}`)}
                  {r.keeperName && ` · ${tu("register.keeper", { name: r.keeperName })}`}
                </div>
                <div className="row" style={{ marginTop: 6 }}>
                  <StatusBadge kind="instrument" status={r.status} />
                  <span className="badge" data-tone={CALIBRATION_TONE[r.calibrationState]}>
                    {t(`instruments.calibrationState.${r.calibrationState}`)}
                    {r.calibrationDue && ` · ${r.calibrationDue}`}
                  </span>
                  {!r.permitValid && (
                    <span className="badge" data-tone="bad">
                      {tu("permit.invalid")}
                    </span>
                  )}
                  {r.faultOpen && (
                    <span className="badge" data-tone="bad">
                      {tu("facts.faultOpen")}
                    </span>
                  )}
                  {r.scrapPending && (
                    <span className="badge" data-tone="warn">
                      {tu("facts.scrapPending")}
                    </span>
                  )}
                  {r.missingAccessories.length > 0 && (
                    <span className="badge" data-tone="bad" data-testid="register-missing">
                      {tu("facts.missing", { items: r.missingAccessories.join(tu("listSeparator")) })}
                    </span>
                  )}
                  {r.category === "special" && !r.keeperId && r.status !== "scrapped" && (
                    <span className="badge" data-tone="warn">
                      {tu("register.noKeeper")}
                    </span>
                  )}
                  {r.returnRequested && (
                    <span className="badge" data-tone="info">
                      {t("instruments.loanStatus.return_requested")}
                    </span>
                  )}
                </div>
                {r.status === "on_loan" && (
                  <div className="small" style={{ marginTop: 4 }}>
                    {tu("register.heldBy", { name: r.holderName ?? "—", date: r.loanDueOn ?? "—" })}
                  </div>
                )}
              </HashLink>
            </li>
          ))}
        </ul>
        {q.hasNextPage && (
          <button
            type="button"
            className="btn secondary block"
            disabled={q.isFetchingNextPage}
            onClick={() => void q.fetchNextPage()}
            data-testid="register-more"
          >
            {q.isFetchingNextPage ? tu("register.loading") : tu("register.more")}
          </button>
        )}
      </QueryState>
    </div>
  );
}

export function Select({
  label,
  value,
  onChange,
  options,
  testId,
  all,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
  testId: string;
  all?: string;
}) {
  const t = useTranslations("instrumentsUi.register");
  return (
    <label className="field">
      <span>{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{all ?? t("all")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
