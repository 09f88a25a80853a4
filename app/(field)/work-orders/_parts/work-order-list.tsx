"use client";
import type { ReactNode } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { groupWorkOrderList, isSummaryOverdue } from "@/client/work-orders/list";
import { workOrderSummaries, type WorkOrderSummary } from "@/client/work-orders/read-model";
import { operatorDay } from "@/domain/work-orders/desk";
import { canCheckEquipment } from "@/domain/work-orders/status";
import { openWithCamera } from "@/client/work-orders/pending-check";

/**
 * The lineman's work orders from the phone's own cache (opens with no signal): today's and overdue first (overdue
 * leads, key customers first within a day), then later days, then what was finished today. Each card shows the
 * status as predicted with the lineman's queued steps, and whether something waits to be sent. `after` is shown below
 * the list once the list is known (orders, or none after a whole pull), not below the loading line or "not loaded
 * yet": on a fresh phone the first pull fills the list, which pushed it down (CLS 0.115 on the lineman's home).
 */
export function WorkOrderList({ after }: { after?: ReactNode } = {}) {
  const t = useTranslations("workOrders");
  // whether the phone has pulled to the end is read with the list, from the same store: the provider's lastSyncAt
  // turns non-null before the list is read again, which showed "no work orders" for a moment before the orders
  const { data, loading } = useReadCache("work-order-list", async (store, deviceId) => ({
    list: await workOrderSummaries(store, deviceId),
    synced: await store.pulledAll(deviceId),
  }));
  const now = new Date();
  const today = operatorDay(now);
  if (loading || !data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (data.list.length === 0) {
    return (
      <>
        <p className="empty" data-testid={data.synced ? "work-orders-empty" : "work-orders-not-loaded"}>
          {data.synced ? t("list.empty") : t("list.notLoaded")}
        </p>
        {data.synced && after}
      </>
    );
  }
  const g = groupWorkOrderList(data.list, today);
  return (
    <>
      <div data-testid="work-order-list">
        {g.today.length === 0 ? <p className="empty">{t("list.nothingToday")}</p> : <Cards list={g.today} now={now} />}
        {g.later.length > 0 && (
          <>
            <h2>{t("list.later")}</h2>
            <Cards list={g.later} now={now} />
          </>
        )}
        {g.finished.length > 0 && (
          <>
            <h2>{t("list.finished")}</h2>
            <Cards list={g.finished} now={now} />
          </>
        )}
      </div>
      {after}
    </>
  );
}

function Cards({ list, now }: { list: WorkOrderSummary[]; now: Date }) {
  const t = useTranslations("workOrders");
  const tk = useTranslations("workOrderKind");
  const format = useFormatter();
  const today = operatorDay(now);
  return (
    <ul className="list wo-list">
      {list.map((summary) => {
        const { workOrder: wo, status, pending } = summary;
        return (
          <li
            key={wo.id}
            className={`link-card${canCheckEquipment(status) ? " has-scan" : ""}`}
            data-testid={`wo-card-${wo.code}`}
            data-status={status}
            data-pending={pending > 0}
          >
            <HashLink path="/work-orders" hash={wo.id} data-testid={`open-${wo.code}`}>
              <div className="title-row">
                <strong className="mono">{wo.code}</strong>
                <StatusBadge kind="workOrder" status={status} />
              </div>
              <div className="row wo-tags">
                <span className="badge" data-tone="info">
                  {tk(wo.kind)}
                </span>
                {wo.keyCustomer && (
                  <span className="badge" data-tone="bad" data-testid="key-customer">
                    {t("keyCustomer")}
                  </span>
                )}
                {isSummaryOverdue(summary, now) && (
                  <span className="badge" data-tone="warn">
                    {t("overdue")}
                  </span>
                )}
                {pending > 0 && (
                  <span className="pending-mark small" data-testid="wo-not-synced">
                    <Icon name="upload" size={16} />
                    {t("notSynced")}
                  </span>
                )}
              </div>
              <div className="wo-customer">{wo.customerName}</div>
              <div className="muted">{wo.address}</div>
              <div className="muted small">
                {wo.service} · {wo.scheduledFor === today ? t("today") : t("scheduled", { date: wo.scheduledFor })}
                {wo.dueAt &&
                  ` · ${t("dueBy", { time: format.dateTime(new Date(wo.dueAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) })}`}
              </div>
            </HashLink>
            {canCheckEquipment(status) && (
              // at the customer's: open the order with the camera on (the first check also says "on site")
              <HashLink
                path="/work-orders"
                hash={wo.id}
                className="btn secondary wo-card-scan"
                onClick={() => openWithCamera(wo.id)}
                aria-label={t("list.scanHere")}
                data-testid={`scan-${wo.code}`}
              >
                <Icon name="scan" size={28} />
                <span>{t("list.scan")}</span>
              </HashLink>
            )}
          </li>
        );
      })}
    </ul>
  );
}
