"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";

/** The job runner at a glance (server/jobs/admin.ts): queues, recent failures with their error and a retry, next runs. */
export function JobsAdmin() {
  const t = useTranslations("jobs");
  const format = useFormatter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const overview = useQuery({ ...trpc.jobs.overview.queryOptions(), refetchInterval: 30_000 });
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.jobs.overview.queryKey() }) }));
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const data = overview.data;
  return (
    <div className="stack">
      <button type="button" className="btn secondary block" disabled={overview.isFetching} onClick={() => void overview.refetch()}>
        {t("refresh")}
      </button>
      <QueryState isPending={overview.isPending} isError={overview.isError} isEmpty={false} empty="" onRetry={() => void overview.refetch()}>
        <section className="stack" aria-labelledby="jobs-failures">
          <h2 id="jobs-failures">{t("failuresTitle")}</h2>
          <ErrorText error={retry.error} />
          {retry.isSuccess && (
            <p className="alert" data-tone="ok" role="status">
              {t("retried")}
            </p>
          )}
          {data?.failures.length === 0 ? (
            <p className="empty">{t("failuresEmpty")}</p>
          ) : (
            <ul className="list" data-testid="job-failures">
              {data?.failures.map((f) => (
                <li key={f.id} data-testid={`job-failure-${f.id}`}>
                  <div className="title-row">
                    <strong className="mono">{f.name}</strong>
                    <span className="badge" data-tone="bad">
                      {t("attempts", { n: f.attempts })}
                    </span>
                  </div>
                  <p>
                    <strong>{f.error || t("noMessage")}</strong>
                  </p>
                  {f.failedAt && <p className="muted small">{t("failedAt", { time: when(f.failedAt) })}</p>}
                  {f.detail && (
                    <details>
                      <summary className="muted small">{t("details")}</summary>
                      <pre className="mono small" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                        {f.detail}
                      </pre>
                    </details>
                  )}
                  <button type="button" className="btn block" style={{ marginTop: 10 }} disabled={retry.isPending} onClick={() => retry.mutate({ id: f.id })}>
                    {t("retry")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="stack" aria-labelledby="jobs-upcoming">
          <h2 id="jobs-upcoming">{t("upcomingTitle")}</h2>
          {data && data.schedules.length === 0 && data.delayed.length === 0 ? (
            <p className="empty">{t("upcomingEmpty")}</p>
          ) : (
            <ul className="list" data-testid="job-upcoming">
              {data?.schedules.map((s) => (
                <li key={`${s.name}/${s.key}`}>
                  <div className="title-row">
                    <strong className="mono">{s.name}</strong>
                    {s.key && (
                      <span className="badge" data-tone="muted">
                        {t("key", { key: s.key })}
                      </span>
                    )}
                  </div>
                  <p className="muted small">{t("repeats", { cron: s.cron, zone: s.timezone })}</p>
                  <p>{t("nextRuns", { times: s.next.map(when).join(" · ") })}</p>
                </li>
              ))}
              {data?.delayed.map((d) => (
                <li key={d.id}>
                  <div className="title-row">
                    <strong className="mono">{d.name}</strong>
                    {d.key && (
                      <span className="badge" data-tone="muted">
                        {t("key", { key: d.key })}
                      </span>
                    )}
                  </div>
                  <p>{t("dueAt", { time: when(d.startAfter) })}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="stack" aria-labelledby="jobs-queues">
          <h2 id="jobs-queues">{t("queuesTitle")}</h2>
          {data?.queues.length === 0 ? (
            <p className="empty">{t("queuesEmpty")}</p>
          ) : (
            <ul className="list" data-testid="job-queues">
              {data?.queues.map((q) => (
                <li key={q.name}>
                  <strong className="mono">{q.name}</strong>
                  <div className="muted small" style={{ display: "flex", flexWrap: "wrap", gap: 8, marginTop: 6 }}>
                    <span className="badge" data-tone="muted">
                      {t("ready", { n: q.ready })}
                    </span>
                    <span className="badge" data-tone="muted">
                      {t("deferred", { n: q.deferred })}
                    </span>
                    <span className="badge" data-tone="muted">
                      {t("active", { n: q.active })}
                    </span>
                    <span className="badge" data-tone={q.failed > 0 ? "bad" : "muted"}>
                      {t("failed", { n: q.failed })}
                    </span>
                    <span className="badge" data-tone="ok">
                      {t("completed", { n: q.completed })}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </QueryState>
    </div>
  );
}
