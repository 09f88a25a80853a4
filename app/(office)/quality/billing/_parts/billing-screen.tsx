"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { BillingAdmin } from "./billing-admin";
import { Trend } from "./trend";
import type { TBillingRow } from "./types";

/** Months (newest first) × exchanges: each cell the month's state or accuracy, overdue in red, a link to the month. */
export function BillingScreen({ manages }: { manages: boolean }) {
  const t = useTranslations("qualityOffice.billing");
  const trpc = useTRPC();
  const locale = useLocale();
  const nameOf = (x: { nameZh: string; nameEn: string }) => (locale.startsWith("zh") ? x.nameZh : x.nameEn);
  const q = useQuery(trpc.billing.months.queryOptions({}));
  const data = q.data;
  const rows = data?.rows ?? [];
  const exchanges = data?.exchanges ?? [];
  const months = [...new Set(rows.map((r) => r.month))].sort().reverse();
  const cell = new Map(rows.map((r) => [`${r.exchangeCode} ${r.month}`, r]));
  return (
    <div className="stack">
      {data && (
        <p className="small" data-testid="billing-threshold" data-pct={data.thresholdPct}>
          {t("threshold.current", { pct: data.thresholdPct })}
        </p>
      )}
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
        <div className="table-wrap">
          <table className="register" data-testid="billing-table">
            <caption className="sr-only">{t("table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("month")}</th>
                {exchanges.map((x) => (
                  <th key={x.code} scope="col" style={{ whiteSpace: "normal" }}>
                    <span className="mono">{x.code}</span>
                    <div className="muted small" style={{ fontWeight: 400 }}>
                      {nameOf(x)}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m}>
                  <th scope="row" className="mono">
                    {m}
                  </th>
                  {exchanges.map((x) => (
                    <td key={x.code} style={{ whiteSpace: "normal", padding: 4 }}>
                      <MonthCell row={cell.get(`${x.code} ${m}`)} exchange={x.code} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      {data && rows.length > 0 && (
        <section aria-labelledby="trend-title">
          <h2 id="trend-title">{t("trend.title")}</h2>
          {exchanges.map((x) => (
            <Trend
              key={x.code}
              exchange={{ code: x.code, name: nameOf(x) }}
              rows={rows.filter((r) => r.exchangeCode === x.code)}
              thresholdPct={data.thresholdPct}
            />
          ))}
        </section>
      )}
      {manages && data && <BillingAdmin thresholdPct={data.thresholdPct} />}
    </div>
  );
}

function MonthCell({ row, exchange }: { row: TBillingRow | undefined; exchange: string }) {
  const t = useTranslations("qualityOffice.billing");
  if (!row) return <span className="muted">—</span>;
  const state = row.status === "recorded" ? (row.passed ? "passed" : "failed") : row.overdue ? "overdue" : "open";
  const tone = state === "passed" ? "ok" : state === "open" ? "warn" : "bad";
  return (
    <Link
      href={`/quality/billing/${row.id}`}
      className="tap-link"
      aria-label={t("view", { exchange, month: row.month })}
      data-testid={`billing-cell-${exchange}-${row.month}`}
      data-state={state}
      style={{ display: "block", margin: 0, minHeight: 48, padding: "6px 8px", borderLeft: `6px solid var(--${tone})`, textDecoration: "none" }}
    >
      {row.status === "recorded" ? (
        <>
          <strong style={{ color: row.passed ? undefined : "var(--bad)" }}>{t("accuracy", { pct: row.accuracyPct ?? 0 })}</strong>
          <div className="small">{row.passed ? t("passed") : t("failed")}</div>
          {row.ncCode && <div className="small mono">{t("nc", { code: row.ncCode })}</div>}
        </>
      ) : (
        <>
          <span className="badge" data-tone={row.overdue ? "bad" : "warn"}>
            {row.overdue ? t("status.overdue") : t("status.open")}
          </span>
          <div className="small" style={{ color: row.overdue ? "var(--bad)" : undefined }}>
            {t("due", { day: row.dueOn })}
          </div>
        </>
      )}
    </Link>
  );
}
