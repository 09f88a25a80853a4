"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { DESK_STATUS_GROUPS } from "@/domain/work-orders/desk";
import { ZDay, type TDeskFilter } from "@/domain/work-orders/schemas";

/** Status group, key customers, overdue, lineman, search and scheduled-day range; big targets for a thumb. */
export function DeskFilters({
  filter,
  linemen,
  onChange,
}: {
  filter: TDeskFilter;
  linemen: { id: string; displayName: string; openOrders: number }[];
  onChange: (next: Partial<TDeskFilter>) => void;
}) {
  const t = useTranslations("desk.filters");
  const [q, setQ] = useState(filter.q);
  // the box follows the filter when it changes from outside (a search sent, the filters cleared): adjusted while
  // rendering, not in an effect after it (https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes)
  const [shownQ, setShownQ] = useState(filter.q);
  if (filter.q !== shownQ) {
    setShownQ(filter.q);
    setQ(filter.q);
  }
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    onChange({ q: q.trim() });
  };
  const day = (v: string) => (ZDay.safeParse(v).success ? v : null);
  const filtered = filter.group !== "open" || filter.assignee !== null || filter.keyOnly || filter.overdueOnly || filter.from || filter.to || filter.q;
  return (
    <section className="card stack" aria-label={t("label")} data-testid="desk-filters">
      <div className="seg" role="group" aria-label={t("label")} style={{ display: "flex" }}>
        {DESK_STATUS_GROUPS.map((g) => (
          <button key={g} type="button" aria-pressed={filter.group === g} onClick={() => onChange({ group: g })} style={{ flex: 1 }} data-testid={`group-${g}`}>
            {t(`group.${g}`)}
          </button>
        ))}
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
        <label className="scan-switch">
          <input type="checkbox" checked={filter.keyOnly} onChange={(e) => onChange({ keyOnly: e.target.checked })} data-testid="filter-key" />
          {t("keyOnly")}
        </label>
        <label className="scan-switch">
          <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => onChange({ overdueOnly: e.target.checked })} data-testid="filter-overdue" />
          {t("overdueOnly")}
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
            maxLength={60}
            data-testid="filter-q"
          />
        </label>
        <button type="submit" className="btn secondary">
          {t("searchSubmit")}
        </button>
      </form>
      <details open={Boolean(filter.assignee || filter.from || filter.to)}>
        <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 700, cursor: "pointer" }} data-testid="filter-more">
          {t("more")}
        </summary>
        <label className="field">
          <span>{t("lineman")}</span>
          <select className="input" value={filter.assignee ?? ""} onChange={(e) => onChange({ assignee: e.target.value || null })} data-testid="filter-lineman">
            <option value="">{t("everyone")}</option>
            <option value="unassigned">{t("unassigned")}</option>
            {linemen.map((l) => (
              <option key={l.id} value={l.id}>
                {l.displayName}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="choices" style={{ marginBottom: 0 }}>
          <legend>{t("dates")}</legend>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
            <label className="field">
              <span className="small">{t("from")}</span>
              <input
                className="input"
                type="date"
                value={filter.from ?? ""}
                onChange={(e) => onChange({ from: day(e.target.value) })}
                data-testid="filter-from"
              />
            </label>
            <label className="field">
              <span className="small">{t("to")}</span>
              <input className="input" type="date" value={filter.to ?? ""} onChange={(e) => onChange({ to: day(e.target.value) })} data-testid="filter-to" />
            </label>
          </div>
        </fieldset>
      </details>
      {filtered && (
        <button
          type="button"
          className="btn secondary block"
          onClick={() => onChange({ group: "open", assignee: null, keyOnly: false, overdueOnly: false, from: null, to: null, q: "" })}
          data-testid="filter-clear"
        >
          {t("clear")}
        </button>
      )}
    </section>
  );
}
