"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { isOpenWorkOrder, type TWorkOrderKind, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { isOverdue, operatorDay } from "@/domain/work-orders/desk";
import { DeskStateBadge, UrgencyBadges, useDeskNow } from "@/app/_ui/work-orders/deadline";
import { LinemanName } from "@/app/_ui/work-orders/lineman-name";
import { Progress } from "@/app/_ui/work-orders/progress";

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
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeActive: boolean | null;
}

/** One order on the desk: number, status and progress, key-customer mark with its countdown, lineman, day. */
export function DeskCard({ wo }: { wo: TDeskRow }) {
  const t = useTranslations();
  // one instant for every fact on the card: the countdown, "overdue", "today"
  const now = useDeskNow();
  const today = operatorDay(now);
  const overdue = isOverdue({ ...wo, dueAt: wo.dueAt === null ? null : new Date(wo.dueAt) }, now);
  return (
    <li
      className="link-card"
      data-testid={`desk-row-${wo.code}`}
      data-status={wo.status}
      data-overdue={overdue}
      style={
        overdue ? { borderLeft: "8px solid var(--bad)" } : wo.keyCustomer && isOpenWorkOrder(wo.status) ? { borderLeft: "8px solid var(--warn)" } : undefined
      }
    >
      <Link href={`/work-orders/desk/${wo.id}`} aria-label={t("desk.list.open", { code: wo.code })}>
        <div className="title-row">
          <strong className="mono">{wo.code}</strong>
          <DeskStateBadge status={wo.status} assignedTo={wo.assigneeId} />
        </div>
        <UrgencyBadges wo={wo} now={now} />
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
