"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { ZMonth } from "@/domain/complaints/schemas";
import { StepError } from "../../_parts/step-error";
import { useWhen } from "../../_parts/deadline";

/** The month picker, the figures as tables, the CSV and PDF, and "produce now" (customer service, quality). */
export function SummaryScreen({ month, canProduce, monthOver }: { month: string; canProduce: boolean; monthOver: boolean }) {
  const t = useTranslations("complaintsDesk.summary");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const when = useWhen();
  const [picked, setPicked] = useState(month);
  const [notice, setNotice] = useState<string | null>(null);
  const summary = useQuery(trpc.complaints.summary.queryOptions({ month }));
  const produce = useMutation(
    trpc.complaints.produceSummary.mutationOptions({
      onSuccess: () => {
        setNotice(t("produced", { month }));
        void qc.invalidateQueries({ queryKey: trpc.complaints.summary.queryKey({ month }) });
      },
    }),
  );
  const show = (m: string) => {
    setPicked(m);
    setNotice(null);
    if (ZMonth.safeParse(m).success) router.replace(`${pathname}?month=${m}`, { scroll: false });
  };
  const s = summary.data?.data;
  const produced = summary.data?.produced;
  const share = s?.answered.share;
  const table = (title: string, testId: string, counts: Record<string, number>, name: (key: string) => string) => {
    const rows = Object.entries(counts).filter(([, n]) => n > 0);
    return (
      <section className="card" data-testid={testId} style={{ padding: 0, overflowX: "auto" }}>
        <table style={{ width: "100%", borderCollapse: "collapse" }}>
          <caption style={{ textAlign: "left", fontWeight: 700, padding: "10px 12px" }}>{title}</caption>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td className="muted" style={{ padding: "8px 12px" }}>
                  —
                </td>
              </tr>
            ) : (
              rows.map(([k, n]) => (
                <tr key={k} style={{ borderTop: "1px solid var(--line)" }}>
                  <th scope="row" style={{ textAlign: "left", padding: "8px 12px", fontWeight: 400 }}>
                    {name(k)}
                  </th>
                  <td style={{ textAlign: "right", padding: "8px 12px", fontWeight: 700 }} className="mono">
                    {n}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
    );
  };
  const unclassified = tr("complaintsDesk.list.unclassified");
  return (
    <div className="stack">
      <section className="card stack">
        <label className="field">
          <span>{t("month")}</span>
          <input className="input" type="month" value={picked} onChange={(e) => show(e.target.value)} max="2099-12" data-testid="summary-month" />
        </label>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
          <a className="btn secondary" href={`/api/complaints/summary/${month}?format=csv`} download data-testid="summary-csv">
            {t("csv")}
          </a>
          <a className="btn secondary" href={`/api/complaints/summary/${month}?format=pdf`} download data-testid="summary-pdf">
            {t("pdf")}
          </a>
        </div>
        {canProduce && !monthOver && (
          <p className="muted small" style={{ margin: 0 }} data-testid="summary-not-over">
            {t("notOver")}
          </p>
        )}
        {canProduce && monthOver && (
          <button type="button" className="btn block" disabled={produce.isPending} onClick={() => produce.mutate({ month })} data-testid="summary-produce">
            {t("produce")}
          </button>
        )}
        {notice && (
          <div className="alert" data-tone="ok" role="status" data-testid="notice">
            {notice}
          </div>
        )}
        <StepError error={produce.error} />
        <p className="muted small" style={{ margin: 0 }} data-testid="summary-produced" data-produced={Boolean(produced)}>
          {produced ? t("generatedAt", { time: when(produced.generatedAt) }) : t("none")}
        </p>
      </section>
      <QueryState isPending={summary.isPending} isError={summary.isError} isEmpty={false} empty="" onRetry={() => void summary.refetch()}>
        {s && (
          <>
            <section className="card" data-testid="summary-figures">
              <dl className="scan-fields" style={{ gridTemplateColumns: "1fr auto" }}>
                <dt>{t("total")}</dt>
                <dd className="mono" data-testid="summary-total">
                  {s.received}
                </dd>
                <dt>{t("onTime")}</dt>
                <dd className="mono">
                  {share === null || share === undefined ? "—" : `${Math.round(share * 1000) / 10}%`}
                  <span className="muted small" style={{ display: "block", fontWeight: 400 }}>
                    {s.answered.onTime}/{s.answered.count}
                  </span>
                </dd>
                <dt>{t("open")}</dt>
                <dd className="mono">{s.openAtEnd}</dd>
                <dt>{t("overdue")}</dt>
                <dd className="mono" style={s.overdueAtEnd > 0 ? { color: "var(--bad)" } : undefined} data-testid="summary-overdue">
                  {s.overdueAtEnd}
                </dd>
                <dt>{t("escalations")}</dt>
                <dd className="mono">{s.escalations.total}</dd>
              </dl>
            </section>
            {table(t("byChannel"), "summary-by-channel", s.byChannel, (k) => tr(`complaints.channel.${k}`))}
            {table(t("byKind"), "summary-by-kind", s.byKind, (k) => tr(`complaints.kind.${k}`))}
            {table(t("byCategory"), "summary-by-category", s.byCategory, (k) => {
              const names = s.categoryNames[k];
              return k === "" ? unclassified : names ? (zh ? names[0] : names[1]) : k;
            })}
            {table(t("byDepartment"), "summary-by-department", s.byDepartment, (k) => (k === "" ? unclassified : tr(`departments.${k}`)))}
            {table(t("escalations"), "summary-escalations", s.escalations.byLevel, (k) => tr(`complaints.escalationLevel.${k}`))}
          </>
        )}
      </QueryState>
    </div>
  );
}
