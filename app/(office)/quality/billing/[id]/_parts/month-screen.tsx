"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { RecordForm } from "./record-form";

/** A month of one exchange: open (due date, overdue in red, the form for who records) or recorded (figures, verdict, NC). */
export function MonthScreen({ id, records }: { id: string; records: boolean }) {
  const t = useTranslations("qualityOffice.billing");
  const when = useDateTime();
  const locale = useLocale();
  const trpc = useTRPC();
  const q = useQuery(trpc.billing.months.queryOptions({}));
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        …
      </p>
    );
  if (q.isError) return <ErrorText error={q.error} />;
  const row = q.data.rows.find((r) => r.id === id);
  if (!row) return <p className="empty">{t("detail.notFound")}</p>;
  const exchange = q.data.exchanges.find((x) => x.code === row.exchangeCode);
  const state = row.status === "recorded" ? (row.passed ? "passed" : "failed") : row.overdue ? "overdue" : "open";
  return (
    <div className="stack" data-testid="billing-month" data-state={state}>
      <header>
        <h1>
          <span className="mono">{row.exchangeCode}</span> · <span className="mono">{row.month}</span>
        </h1>
        <p className="muted small" style={{ margin: 0 }}>
          {exchange ? (locale.startsWith("zh") ? exchange.nameZh : exchange.nameEn) : ""}
        </p>
      </header>
      {row.status === "recorded" ? (
        <section className="card stack" style={{ borderLeft: `8px solid var(--${row.passed ? "ok" : "bad"})` }} data-testid="billing-result">
          <div className="title-row">
            <strong style={{ fontSize: "1.4rem" }}>{t("accuracy", { pct: row.accuracyPct ?? 0 })}</strong>
            <span className="badge" data-tone={row.passed ? "ok" : "bad"} data-testid="billing-verdict">
              {row.passed ? t("passed") : t("failed")}
            </span>
          </div>
          <p style={{ margin: 0 }}>{t("detail.calls", { placed: row.callsPlaced ?? 0, right: row.billedCorrectly ?? 0, errors: row.errors ?? 0 })}</p>
          <p className="small" style={{ margin: 0 }}>
            {t("detail.accuracy", { pct: row.accuracyPct ?? 0, threshold: row.thresholdPct ?? 0 })}
          </p>
          {row.instrumentTag && (
            <p className="small mono" style={{ margin: 0 }}>
              {t("detail.instrument", { tag: row.instrumentTag })}
            </p>
          )}
          <p className="muted small" style={{ margin: 0 }}>
            {t("detail.recordedBy", { name: row.recordedByName ?? "", when: when(row.recordedAt) })}
          </p>
          {row.note && <p className="event-note">“{row.note}”</p>}
          {row.attachments.length > 0 && (
            <div className="row" style={{ flexWrap: "wrap" }} data-testid="billing-attachments-shown">
              <span className="small">{t("detail.attachments")}:</span>
              {row.attachments.map((sha, i) => (
                <a key={sha} href={`/api/evidence/${sha}`} target="_blank" rel="noreferrer" className="tap-link">
                  <img src={`/api/evidence/${sha}`} alt={`${t("detail.attachments")} ${i + 1}`} className="photo-thumb" />
                </a>
              ))}
            </div>
          )}
          {row.ncCode && (
            <p className="alert" data-tone="bad" data-testid="billing-nc" data-code={row.ncCode} style={{ margin: 0 }}>
              {t("detail.nc", { code: row.ncCode })}
            </p>
          )}
        </section>
      ) : (
        <>
          <p className="badge" data-tone={row.overdue ? "bad" : "warn"} style={{ alignSelf: "start" }} data-testid="billing-open">
            {row.overdue ? t("status.overdue") : t("status.open")} · {t("due", { day: row.dueOn })}
          </p>
          {records ? <RecordForm checkId={row.id} version={row.version} thresholdPct={q.data.thresholdPct} /> : <p className="muted">{t("form.forbidden")}</p>}
        </>
      )}
    </div>
  );
}
