"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { DESK_HOME_QUERY } from "./desk-home-query";
import { DeskCard } from "@/app/_ui/work-orders/desk-card";

/** Customer service's home: what needs the office's eye, the most urgent orders, the way to the desk and to the complaints screens. */
export function DeskHome({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("desk");
  const tc = useTranslations("complaintsDesk.links");
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.workOrders.desk.queryOptions(DESK_HOME_QUERY), refetchInterval: 60_000 });
  const c = q.data?.counts;
  return (
    <section className="stack" data-testid="desk-home">
      <h2>{t("home.title")}</h2>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={false} empty="" onRetry={() => void q.refetch()}>
        {c && (
          <div className="row">
            <span className="badge" data-tone="info">
              {t("counts.open", { n: c.open })}
            </span>
            {c.pastDeadline > 0 && (
              <span className="badge" data-tone="bad">
                {t("counts.pastDeadline", { n: c.pastDeadline })}
              </span>
            )}
            {c.overdue > 0 && (
              <span className="badge" data-tone="warn">
                {t("counts.overdue", { n: c.overdue })}
              </span>
            )}
            {c.unassigned > 0 && (
              <span className="badge" data-tone="warn">
                {t("counts.unassigned", { n: c.unassigned })}
              </span>
            )}
          </div>
        )}
        {q.data && q.data.items.length > 0 ? (
          <ul className="list">
            {q.data.items.map((wo) => (
              <DeskCard key={wo.id} wo={wo} />
            ))}
          </ul>
        ) : (
          <p className="empty">{t("list.empty")}</p>
        )}
      </QueryState>
      <Link className="btn block" href="/work-orders/desk" data-testid="desk-home-open">
        {t("home.open")}
      </Link>
      {canWrite && (
        <Link className="btn secondary block" href="/work-orders/desk/new">
          {t("new")}
        </Link>
      )}
      <div className="card stack" data-testid="complaints-links">
        <Link className="btn block" href="/complaints/desk" data-testid="desk-home-complaints">
          {tc("desk")}
        </Link>
        <Link className="btn secondary block" href="/complaints/key-customers" data-testid="desk-home-key-customers">
          {tc("keyCustomers")}
        </Link>
        <Link className="btn secondary block" href="/complaints/policy">
          {tc("policy")}
        </Link>
        <Link className="btn secondary block" href="/complaints/summary" data-testid="desk-home-summary">
          {tc("summary")}
        </Link>
      </div>
    </section>
  );
}
