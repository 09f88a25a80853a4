"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";

/** The address of this page with `params` (empty values dropped). */
function href(pathname: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${pathname}?${s}` : pathname;
}

/**
 * A year, chosen from a select (test id `year` unless told): the page reloads with `?year=` and the other parameters
 * it is given in `keep`. The page reads the year from its address on the server.
 */
export function YearPicker({
  value,
  years,
  keep = {},
  testId = "year",
  label,
  param = "year",
  pad = false,
}: {
  value: number;
  /** The years offered, e.g. the last five and the next. */
  years: readonly number[];
  keep?: Record<string, string | number | null | undefined>;
  testId?: string;
  label?: string;
  /** The address parameter it sets (`year`; `month` for a month picker with years 1–12). */
  param?: string;
  /** Two digits (months: 01–12). */
  pad?: boolean;
}) {
  const t = useTranslations("analysisOffice.picker");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const options = years.includes(value) ? years : [...years, value].sort((a, b) => a - b);
  return (
    <label className="field" style={{ maxWidth: 220 }}>
      <span>{label ?? t("year")}</span>
      <select
        className="input"
        data-testid={testId}
        value={value}
        aria-busy={pending}
        onChange={(e) => start(() => router.push(href(pathname, { ...keep, [param]: e.target.value })))}
      >
        {options.map((y) => (
          <option key={y} value={y}>
            {pad ? String(y).padStart(2, "0") : y}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A subject and a date range (operator days, from–to inclusive) for the statistical tools: the subject applies at
 * once, the dates with "Show" (or Enter). Without scripts it is a plain GET form, so the page still works.
 */
export function RangePicker({
  subject,
  subjects,
  from,
  to,
  testId,
  subjectLabel,
  quick = [],
}: {
  subject: string;
  /** Each subject's key and its translated name. */
  subjects: readonly { key: string; name: string }[];
  from: string;
  to: string;
  /** The select's test id (`pareto-subject`); the date inputs get `<testId>-from`, `-to`, the button `-apply`. */
  testId: string;
  subjectLabel: string;
  /** Ready-made ranges (this month, last month, this year) shown as links. */
  quick?: readonly { key: string; name: string; from: string; to: string }[];
}) {
  const t = useTranslations("analysisOffice.picker");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [range, setRange] = useState({ from, to });
  const go = (p: { subject?: string; from?: string; to?: string }) =>
    start(() => router.push(href(pathname, { subject: p.subject ?? subject, from: p.from ?? range.from, to: p.to ?? range.to })));
  return (
    <form
      method="get"
      action={pathname}
      className="card stack"
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        go({});
      }}
    >
      <label className="field" style={{ marginBottom: 0 }}>
        <span>{subjectLabel}</span>
        <select className="input" name="subject" data-testid={testId} value={subject} onChange={(e) => go({ subject: e.target.value })}>
          {subjects.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <div className="filters" style={{ marginBottom: 0, gridTemplateColumns: "repeat(auto-fit, minmax(190px, 1fr))" }}>
        <label className="field">
          <span>{t("from")}</span>
          <input
            className="input"
            type="date"
            name="from"
            required
            value={range.from}
            max={range.to}
            data-testid={`${testId}-from`}
            onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>{t("to")}</span>
          <input
            className="input"
            type="date"
            name="to"
            required
            value={range.to}
            min={range.from}
            data-testid={`${testId}-to`}
            onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </label>
      </div>
      <div className="row" style={{ gap: 8, flexWrap: "wrap" }}>
        <button type="submit" className="btn" disabled={pending} data-testid={`${testId}-apply`}>
          {t("show")}
        </button>
        {quick.map((q) => (
          <button
            key={q.key}
            type="button"
            className="btn secondary"
            aria-pressed={q.from === from && q.to === to}
            data-testid={`${testId}-${q.key}`}
            onClick={() => {
              setRange({ from: q.from, to: q.to });
              go({ from: q.from, to: q.to });
            }}
          >
            {q.name}
          </button>
        ))}
      </div>
    </form>
  );
}
