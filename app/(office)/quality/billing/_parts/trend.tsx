"use client";
import { useTranslations } from "next-intl";
import { monthsEndingWith, type TBillingRow } from "./types";

const W = 340;
const H = 140;
const PAD = { left: 36, right: 8, top: 10, bottom: 22 };

/** One exchange's last 12 months of accuracy as a plain SVG line, with the threshold dashed; unrecorded months leave a gap. */
export function Trend({ exchange, rows, thresholdPct }: { exchange: { code: string; name: string }; rows: TBillingRow[]; thresholdPct: number }) {
  const t = useTranslations("qualityOffice.billing.trend");
  const latest = rows
    .map((r) => r.month)
    .sort()
    .at(-1);
  if (!latest)
    return (
      <p className="muted small" data-testid={`trend-${exchange.code}`}>
        {exchange.code}: {t("none")}
      </p>
    );
  const months = monthsEndingWith(latest, 12);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const values = months.map((m) => {
    const r = byMonth.get(m);
    return r && r.status === "recorded" && r.accuracyPct !== null ? r.accuracyPct : null;
  });
  const known = values.filter((v): v is number => v !== null);
  const low = Math.floor(Math.min(thresholdPct, ...known, 100) - 0.5);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (months.length - 1);
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / Math.max(0.5, 100 - low);
  // separate runs of recorded months: a missing month breaks the line
  const runs: { i: number; v: number }[][] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    const last = runs.at(-1);
    if (last && last.at(-1)!.i === i - 1) last.push({ i, v });
    else runs.push([{ i, v }]);
  });
  return (
    <figure style={{ margin: "0 0 12px" }} data-testid={`trend-${exchange.code}`} data-points={known.length}>
      <figcaption className="small">
        <strong className="mono">{exchange.code}</strong> {exchange.name}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("aria", { exchange: exchange.name })} style={{ maxWidth: 520 }}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(100)} y2={y(100)} stroke="currentColor" strokeOpacity={0.2} />
        <line x1={PAD.left} x2={W - PAD.right} y1={y(thresholdPct)} y2={y(thresholdPct)} stroke="var(--bad, #b00)" strokeDasharray="4 3" />
        <text x={2} y={y(100) + 4} fontSize={10} fill="currentColor">
          100
        </text>
        <text x={2} y={y(thresholdPct) + 4} fontSize={10} fill="var(--bad, #b00)">
          {thresholdPct}
        </text>
        <text x={2} y={y(low) + 4} fontSize={10} fill="currentColor">
          {low}
        </text>
        {runs.map((run, k) =>
          run.length > 1 ? (
            <polyline key={k} fill="none" stroke="var(--info, #036)" strokeWidth={2} points={run.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")} />
          ) : null,
        )}
        {values.map((v, i) =>
          v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={v < thresholdPct ? "var(--bad, #b00)" : "var(--info, #036)"} />,
        )}
        {months.map((m, i) =>
          i % 3 === 2 || i === months.length - 1 ? (
            <text key={m} x={x(i)} y={H - 6} fontSize={10} textAnchor={i === months.length - 1 ? "end" : "middle"} fill="currentColor">
              {m.slice(2)}
            </text>
          ) : null,
        )}
      </svg>
      {known.length === 0 && <p className="muted small">{t("none")}</p>}
    </figure>
  );
}
