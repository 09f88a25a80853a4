"use client";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function LinemanHome() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const q = useQuery(trpc.workOrders.listMine.queryOptions());
  const today = todayIso();
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("home.lineman.empty")} onRetry={() => void q.refetch()}>
      <ul className="list" data-testid="work-order-list">
        {q.data?.map((wo) => (
          <li key={wo.id}>
            <div className="title-row">
              <strong className="mono">{wo.code}</strong>
              <StatusBadge kind="workOrder" status={wo.status} />
            </div>
            <div className="row" style={{ margin: "6px 0" }}>
              <span className="badge" data-tone="info">{t(`workOrderKind.${wo.kind}`)}</span>
              {wo.keyCustomer && <span className="badge" data-tone="bad">{t("home.lineman.keyCustomer")}</span>}
              {wo.scheduledFor < today && <span className="badge" data-tone="warn">{t("home.lineman.overdue")}</span>}
            </div>
            <div style={{ fontWeight: 700 }}>{wo.customerName}</div>
            <div className="muted">{wo.address}</div>
            <div className="muted small">
              {wo.service} ·{" "}
              {wo.scheduledFor === today ? t("home.lineman.today") : t("home.lineman.scheduled", { date: wo.scheduledFor })}
              {wo.dueAt && ` · ${t("home.lineman.dueBy", { time: format.dateTime(wo.dueAt, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) })}`}
            </div>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
