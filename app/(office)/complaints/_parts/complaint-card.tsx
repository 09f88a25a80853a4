"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { TDepartment } from "@/domain/auth/roles";
import type { TComplaintChannel, TComplaintKind, TComplaintStatus, TEscalationLevel, TSeverity } from "@/domain/complaints/model";
import { ComplaintDeadline, overdue } from "./deadline";

export interface TComplaintRow {
  id: string;
  code: string;
  kind: TComplaintKind;
  channel: TComplaintChannel;
  customerName: string;
  status: TComplaintStatus;
  categoryZh: string | null;
  categoryEn: string | null;
  severity: TSeverity;
  department: TDepartment | null;
  keyCustomer: { id: string; name: string } | null;
  dueAt: Date | string;
  repliedAt: Date | string | null;
  escalation: TEscalationLevel | null;
}

/** The tone of a form's state, the same on every complaints screen. */
export const STATUS_TONE: Record<TComplaintStatus, "ok" | "warn" | "bad" | "info" | "muted"> = {
  recorded: "warn",
  classified: "info",
  accepted: "info",
  investigating: "info",
  resolved: "warn",
  replied: "ok",
  closed: "muted",
};

export function ComplaintStatusBadge({ status }: { status: TComplaintStatus }) {
  const t = useTranslations("complaints.status");
  return (
    <span className="badge" data-tone={STATUS_TONE[status]} data-status={status} data-testid="complaint-status">
      {t(status)}
    </span>
  );
}

/** One form on the desk: number and state, kind, key customer, severity, escalation, the deadline; overdue in red. */
export function ComplaintCard({ c, now }: { c: TComplaintRow; now: Date }) {
  const t = useTranslations();
  const zh = useLocale().startsWith("zh");
  const late = overdue(c, now);
  const category = zh ? c.categoryZh : c.categoryEn;
  return (
    <li
      className="link-card"
      data-testid={`complaint-row-${c.code}`}
      data-status={c.status}
      data-overdue={late}
      style={late ? { borderLeft: "8px solid var(--bad)" } : c.keyCustomer && c.status !== "closed" ? { borderLeft: "8px solid var(--warn)" } : undefined}
    >
      <Link href={`/complaints/desk/${c.id}`} aria-label={t("complaintsDesk.list.open", { code: c.code })}>
        <div className="title-row">
          <strong className="mono">{c.code}</strong>
          <ComplaintStatusBadge status={c.status} />
        </div>
        <ComplaintBadges c={c} now={now} late={late} />
        <div style={{ fontWeight: 700 }}>{c.keyCustomer ? `${c.customerName} · ${c.keyCustomer.name}` : c.customerName}</div>
        <div className="muted small">
          {t(`complaints.channel.${c.channel}`)}
          {" · "}
          {category ?? t("complaintsDesk.list.unclassified")}
          {c.department && ` · ${t(`departments.${c.department}`)}`}
        </div>
      </Link>
    </li>
  );
}

/** A form's badges, one set for the desk's cards and the form's page: kind, key customer, serious, escalated, deadline, overdue. */
export function ComplaintBadges({
  c,
  now,
  late,
}: {
  c: Pick<TComplaintRow, "kind" | "keyCustomer" | "severity" | "escalation"> & Parameters<typeof ComplaintDeadline>[0]["c"];
  now: Date;
  late: boolean;
}) {
  const t = useTranslations();
  return (
    <div className="row" style={{ margin: "6px 0" }}>
      <span className="badge" data-tone="info">
        {t(`complaints.kind.${c.kind}`)}
      </span>
      {c.keyCustomer && (
        <span className="badge" data-tone="bad" data-testid="key-customer">
          {t("complaintsDesk.badge.keyCustomer")}
        </span>
      )}
      {c.severity === "serious" && (
        <span className="badge" data-tone="bad">
          {t("complaintsDesk.badge.serious")}
        </span>
      )}
      {c.escalation && (
        <span className="badge" data-tone="warn">
          {t("complaintsDesk.badge.escalated", { level: t(`complaints.escalationLevel.${c.escalation}`) })}
        </span>
      )}
      <ComplaintDeadline c={c} now={now} />
      {late && (
        <span className="badge" data-tone="bad" data-testid="overdue">
          {t("complaintsDesk.badge.overdue")}
        </span>
      )}
    </div>
  );
}
