/** A figure with its unit: 96.5 %, 1.25 ‰; counts and amounts bare (analysis.unit has pct and per_1000 only for these). */
export function figure(value: number | null, unit: string, tr: (k: string) => string, locale: string): string {
  if (value === null) return "—";
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return unit === "pct" || unit === "per_1000" ? `${n} ${tr(`analysis.unit.${unit}`)}` : n;
}

/** An instant as Beijing time, e.g. 2026-12-06 14:05. */
export function when(at: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
}
