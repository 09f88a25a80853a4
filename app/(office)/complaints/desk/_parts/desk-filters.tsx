"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS } from "@/domain/complaints/model";
import { DESK_STATES } from "@/domain/complaints/schemas";
import type { TDeskFilter } from "./filter-params";

export interface TCategoryOption {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** State, key customers, search, and (folded) channel, kind, category, department: big targets for a thumb. */
export function DeskFilters({
  filter,
  categories,
  onChange,
}: {
  filter: TDeskFilter;
  categories: TCategoryOption[];
  onChange: (next: Partial<TDeskFilter>) => void;
}) {
  const t = useTranslations("complaintsDesk.filters");
  const tc = useTranslations("complaints");
  const td = useTranslations("departments");
  const zh = useLocale().startsWith("zh");
  const [q, setQ] = useState(filter.search ?? "");
  // the box follows the filter when it changes from outside (cleared): adjusted while rendering, not in an effect
  const [shownQ, setShownQ] = useState(filter.search ?? "");
  if ((filter.search ?? "") !== shownQ) {
    setShownQ(filter.search ?? "");
    setQ(filter.search ?? "");
  }
  const search = (e: SubmitEvent) => {
    e.preventDefault();
    onChange({ search: q.trim() || undefined });
  };
  const more = Boolean(filter.channel || filter.kind || filter.category || filter.department);
  const filtered = filter.state !== "open" || more || filter.keyCustomer || filter.search;
  const select = (name: "channel" | "kind" | "category" | "department", label: string, options: { value: string; label: string }[]) => (
    <label className="field">
      <span>{label}</span>
      <select className="input" value={filter[name] ?? ""} onChange={(e) => onChange({ [name]: e.target.value || undefined })} data-testid={`filter-${name}`}>
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="card stack" aria-label={t("label")} data-testid="desk-filters">
      <div className="seg" role="group" aria-label={t("label")} style={{ display: "flex", flexWrap: "wrap" }}>
        {DESK_STATES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={filter.state === s}
            onClick={() => onChange({ state: s })}
            style={{ flex: "1 0 auto" }}
            data-testid={`state-${s}`}
          >
            {t(`state.${s}`)}
          </button>
        ))}
      </div>
      <label className="scan-switch">
        <input
          type="checkbox"
          checked={filter.keyCustomer === true}
          onChange={(e) => onChange({ keyCustomer: e.target.checked ? true : undefined })}
          data-testid="filter-key"
        />
        {t("keyOnly")}
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
            maxLength={80}
            data-testid="filter-q"
          />
        </label>
        <button type="submit" className="btn secondary" data-testid="filter-search">
          {t("searchSubmit")}
        </button>
      </form>
      <details open={more}>
        <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 700, cursor: "pointer" }} data-testid="filter-more">
          {t("more")}
        </summary>
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))", gap: 8 }}>
          {select(
            "channel",
            t("channel"),
            COMPLAINT_CHANNELS.map((c) => ({ value: c, label: tc(`channel.${c}`) })),
          )}
          {select(
            "kind",
            t("kind"),
            COMPLAINT_KINDS.map((k) => ({ value: k, label: tc(`kind.${k}`) })),
          )}
          {select(
            "category",
            t("category"),
            categories.map((c) => ({ value: c.code, label: zh ? c.nameZh : c.nameEn })),
          )}
          {select(
            "department",
            t("department"),
            DEPARTMENTS.map((d) => ({ value: d, label: td(d) })),
          )}
        </div>
      </details>
      {filtered && (
        <button type="button" className="btn secondary block" onClick={() => onChange(CLEARED)} data-testid="filter-clear">
          {t("clear")}
        </button>
      )}
    </section>
  );
}

const CLEARED: Partial<TDeskFilter> = {
  state: "open",
  channel: undefined,
  kind: undefined,
  category: undefined,
  department: undefined,
  keyCustomer: undefined,
  search: undefined,
};
