"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { isOpenWorkOrder, type TWorkOrderKind, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { operatorDay } from "@/domain/work-orders/desk";
import { Deadline } from "../../_parts/deadline";
import { LinemanName } from "../../_parts/lineman-name";
import { Progress } from "../../_parts/progress";

export interface TDeskRow {
  id: string;
  code: string;
  kind: TWorkOrderKind;
  customerName: string;
  address: string;
  service: string;
  keyCustomer: boolean;
  dueAt: Date | null;
  scheduledFor: string;
  status: TWorkOrderStatus;
  assigneeName: string | null;
  assigneeActive: boolean | null;
  overdue: boolean;
}

/** One order on the desk: number, status and progress, key-customer mark with its countdown, lineman, day. */
export function DeskCard({ wo }: { wo: TDeskRow }) {
  const t = useTranslations();
  const today = operatorDay(new Date());
  return (
    <li
      className="link-card"
      data-testid={`desk-row-${wo.code}`}
      data-status={wo.status}
      data-overdue={wo.overdue}
      style={wo.overdue ? { borderLeft: "8px solid var(--bad)" } : wo.keyCustomer && isOpenWorkOrder(wo.status) ? { borderLeft: "8px solid var(--warn)" } : undefined}
    >
      <Link href={`/work-orders/desk/${wo.id}`} aria-label={t("desk.list.open", { code: wo.code })}>
        <div className="title-row">
          <strong className="mono">{wo.code}</strong>
          <StatusBadge kind="workOrder" status={wo.status} />
        </div>
        <div className="row" style={{ margin: "6px 0" }}>
          <span className="badge" data-tone="info">{t(`workOrderKind.${wo.kind}`)}</span>
          {wo.keyCustomer && <span className="badge" data-tone="bad">{t("desk.keyCustomer")}</span>}
          {wo.keyCustomer && wo.dueAt && <Deadline dueAt={wo.dueAt} status={wo.status} />}
          {wo.overdue && <span className="badge" data-tone="bad" data-testid="overdue">{t("desk.overdue")}</span>}
        </div>
        <div style={{ fontWeight: 700 }}>{wo.customerName}</div>
        <div className="muted">{wo.address}</div>
        <div className="row muted small" style={{ gap: 6, marginTop: 4 }}>
          <Icon name="me" size={18} />
          <LinemanName name={wo.assigneeName} active={wo.assigneeActive} />
          <span aria-hidden="true">·</span>
          <span>{wo.scheduledFor === today ? t("desk.list.today") : t("desk.list.scheduled", { date: wo.scheduledFor })}</span>
        </div>
        <Progress status={wo.status} />
      </Link>
    </li>
  );
}
