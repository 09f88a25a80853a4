"use client";
import { useFormatter, useTranslations } from "next-intl";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { byUrgency, isOpenWorkOrder } from "@/domain/work-orders/status";

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Today's and overdue work orders, from the phone's own cache: the list opens with no signal. */
export function LinemanHome() {
  const t = useTranslations();
  const format = useFormatter();
  const { data, loading } = useReadCache("work-orders", async (store) => (await store.workOrders()).filter((w) => isOpenWorkOrder(w.status)).sort(byUrgency));
  const today = todayIso();
  if (loading) return <p className="muted" aria-busy="true">{t("home.loading")}</p>;
  if (!data || data.length === 0) return <p className="empty">{t("home.lineman.empty")}</p>;
  return (
    <ul className="list" data-testid="work-order-list">
      {data.map((wo) => (
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
            {wo.dueAt && ` · ${t("home.lineman.dueBy", { time: format.dateTime(new Date(wo.dueAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) })}`}
          </div>
        </li>
      ))}
    </ul>
  );
}
