"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useDeskNow } from "@/app/_ui/work-orders/deadline";
import { useTRPC } from "@/client/trpc";
import { isComplaintOverdue } from "@/domain/complaints/deadlines";

/** The forms escalated to this person's level (the general manager's, or enterprise management's), unreviewed first. */
export function EscalatedHome() {
  const t = useTranslations();
  const trpc = useTRPC();
  const format = useFormatter();
  const now = useDeskNow();
  const q = useQuery({ ...trpc.complaints.escalated.queryOptions(), refetchInterval: 60_000 });
  const rows = q.data ?? [];
  const when = (d: Date | string) => format.dateTime(new Date(d), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <section className="stack" data-testid="escalated-home">
      <h2>{t("complaintsDesk.home.escalatedTitle")}</h2>
      <QueryState
        isPending={q.isPending}
        isError={q.isError}
        isEmpty={rows.length === 0}
        empty={t("complaintsDesk.home.empty")}
        onRetry={() => void q.refetch()}
      >
        <ul className="list">
          {rows.map((c) => {
            const late = isComplaintOverdue({ status: c.status, dueAt: new Date(c.dueAt) }, now);
            return (
              <li
                key={c.id}
                className="link-card"
                data-testid={`escalated-${c.code}`}
                data-reviewed={c.reviewed}
                data-overdue={late}
                style={late ? { borderLeft: "8px solid var(--bad)" } : !c.reviewed ? { borderLeft: "8px solid var(--warn)" } : undefined}
              >
                <Link href={`/complaints/desk/${c.id}`} aria-label={t("complaintsDesk.list.open", { code: c.code })}>
                  <div className="title-row">
                    <strong className="mono">{c.code}</strong>
                    <span className="badge" data-tone={c.reviewed ? "ok" : "warn"}>
                      {c.reviewed ? t("complaintsDesk.home.reviewed") : t("complaintsDesk.home.unreviewed")}
                    </span>
                  </div>
                  <div className="row" style={{ margin: "6px 0" }}>
                    <span className="badge" data-tone="info">
                      {t(`complaints.status.${c.status}`)}
                    </span>
                    {c.severity === "serious" && (
                      <span className="badge" data-tone="bad">
                        {t("complaintsDesk.badge.serious")}
                      </span>
                    )}
                    {late && (
                      <span className="badge" data-tone="bad">
                        {t("complaintsDesk.badge.overdue")}
                      </span>
                    )}
                  </div>
                  <div style={{ fontWeight: 700 }}>{c.customerName}</div>
                  <div className="muted small">
                    {t(`complaints.escalationCause.${c.cause}`)} · {when(c.escalatedAt)}
                    {c.department && ` · ${t(`departments.${c.department}`)}`}
                  </div>
                  {c.reason && <p className="event-note">“{c.reason}”</p>}
                </Link>
              </li>
            );
          })}
        </ul>
      </QueryState>
    </section>
  );
}
