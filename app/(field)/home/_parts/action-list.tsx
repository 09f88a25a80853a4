"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";
import { ActionCard } from "@/app/_ui/quality/action-card";

/**
 * The open Corrective/Preventive Action Records (《纠正预防措施记录表》) on a home: a department head's department's
 * (and any they own), quality's all; the step due and by when (overdue in red), soonest first (the server sorts).
 */
export function ActionList({ all = false }: { all?: boolean }) {
  const t = useTranslations("qualityHome.home");
  const trpc = useTRPC();
  // a head: their department's and their own (actions.mine, by due day); quality: every open one (the list puts closed last)
  const mine = useQuery({ ...trpc.actions.mine.queryOptions(), enabled: !all });
  const every = useQuery({ ...trpc.actions.list.queryOptions({}), enabled: all });
  const q = all ? every : mine;
  const rows = all ? (every.data?.rows ?? []).filter((r) => r.status !== "closed") : (mine.data?.rows ?? []);
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <section className="stack" aria-labelledby="home-actions-title" data-testid="home-actions" data-count={rows.length}>
      <div className="title-row">
        <h2 id="home-actions-title" style={{ margin: 0 }}>
          {t(all ? "titleAll" : "title")}
        </h2>
        {overdue > 0 && (
          <span className="badge" data-tone="bad" data-testid="home-actions-overdue">
            {t("overdue", { n: overdue })}
          </span>
        )}
      </div>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
        <ul className="list">
          {rows.map((a) => (
            <ActionCard key={a.id} a={a} showDepartment={all} />
          ))}
        </ul>
      </QueryState>
      <div className="row">
        <Link className="btn secondary grow" href="/quality/actions" data-testid="home-actions-all">
          {t("allActions")}
        </Link>
        {all && (
          <Link className="btn secondary grow" href="/quality/nonconformities" data-testid="home-nonconformities">
            {t("nonconformities")}
          </Link>
        )}
      </div>
    </section>
  );
}
