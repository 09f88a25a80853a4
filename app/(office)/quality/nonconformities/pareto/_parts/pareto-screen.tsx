"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";

const PERIODS = ["all", "d90", "year"] as const;
type TPeriod = (typeof PERIODS)[number];

function range(p: TPeriod): { from?: string; to?: string } {
  const today = operatorToday();
  if (p === "d90") return { from: addDays(today, -89), to: today };
  if (p === "year") return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return {};
}

/** Three Paretos (plain bars with the cumulative share): by finding, by department, by cause category. */
export function ParetoScreen() {
  const t = useTranslations("qualityOffice.nc.pareto");
  const tr = useTranslations();
  const trpc = useTRPC();
  const [period, setPeriod] = useState<TPeriod>("all");
  const q = useQuery(trpc.quality.pareto.queryOptions(range(period)));
  const data = q.data;
  const empty = !data || (data.byFinding.length === 0 && data.byDepartment.length === 0);
  return (
    <div className="stack">
      <div className="seg" role="group" aria-label={t("period")} style={{ display: "flex" }}>
        {PERIODS.map((p) => (
          <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)} style={{ flex: 1 }} data-testid={`period-${p}`}>
            {t(`periods.${p}`)}
          </button>
        ))}
      </div>
      <p className="help" style={{ margin: 0 }}>
        {t("legend")}
      </p>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={empty} empty={t("empty")} onRetry={() => void q.refetch()}>
        {data && (
          <>
            <Bars id="finding" title={t("byFinding")} rows={data.byFinding} label={(k) => tr(`qualityOffice.nc.finding.${k}`)} />
            <Bars id="department" title={t("byDepartment")} rows={data.byDepartment} label={(k) => tr(`departments.${k}`)} />
            <Bars id="cause" title={t("byCause")} rows={data.byCause} label={(k) => tr(`qualityOffice.actions.cause.${k}`)} empty={t("noCauses")} />
          </>
        )}
      </QueryState>
    </div>
  );
}

/** One Pareto: a bar per key, longest first, its count, and the cumulative share (the 80 % line marked). */
function Bars({
  id,
  title,
  rows,
  label,
  empty,
}: {
  id: string;
  title: string;
  rows: readonly { key: string; count: number; cumulativePct: number }[];
  label: (key: string) => string;
  empty?: string;
}) {
  const t = useTranslations("qualityOffice.nc.pareto");
  const max = Math.max(1, ...rows.map((r) => r.count));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <section className="card stack" aria-labelledby={`pareto-${id}`} data-testid={`pareto-${id}`}>
      <h2 id={`pareto-${id}`} style={{ margin: 0 }}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="empty">{empty ?? t("empty")}</p>
      ) : (
        <>
          <ol className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {rows.map((r) => (
              <li key={r.key} data-testid={`bar-${id}-${r.key}`} data-count={r.count} data-cumulative={r.cumulativePct}>
                <div className="row small" style={{ justifyContent: "space-between", gap: 8 }}>
                  <span style={{ fontWeight: 700 }}>{label(r.key)}</span>
                  <span className="nowrap">
                    <strong>{r.count}</strong> <span className="muted">· {t("cumulative", { pct: r.cumulativePct })}</span>
                  </span>
                </div>
                <div aria-hidden="true" style={{ height: 14, background: "var(--muted-bg)", borderRadius: 7, overflow: "hidden", marginTop: 4 }}>
                  <div
                    style={{
                      width: `${(r.count / max) * 100}%`,
                      height: "100%",
                      background: r.cumulativePct - (r.count / total) * 100 < 80 ? "var(--bad)" : "var(--brand)",
                    }}
                  />
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
