"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { TIsoDate } from "@/domain/time/calendar";
import { middayOfOperatorDay } from "@/domain/time/operator";

/** What a card of a record needs (actions.list and actions.mine rows). */
export interface TActionCardRow {
  id: string;
  code: string;
  ncCode: string;
  department: string;
  description: string;
  status: "sent" | "planned" | "implemented" | "closed";
  round: number;
  due: { step: "plan" | "implement" | "verify"; dueOn: TIsoDate } | null;
  overdue: boolean;
  ownerName: string | null;
}

export const STATUS_TONE = { sent: "warn", planned: "info", implemented: "info", closed: "ok" } as const;

/** A day as people read it ("12月20日 周日"), the operator's calendar day whatever the phone's zone. */
export function useDay(): (day: TIsoDate) => string {
  const format = useFormatter();
  return (day) => format.dateTime(middayOfOperatorDay(day), { month: "short", day: "numeric", weekday: "short" });
}

/** One record in a list: code, status, the step due and by when (overdue in red), what is wrong, whose it is. */
export function ActionCard({ a, showDepartment = true }: { a: TActionCardRow; showDepartment?: boolean }) {
  const t = useTranslations("qualityHome.card");
  const tr = useTranslations();
  const day = useDay();
  return (
    <li
      className="link-card"
      data-testid={`action-${a.code}`}
      data-status={a.status}
      data-overdue={a.overdue}
      style={{
        borderLeft: `8px solid var(--${a.overdue ? "bad" : a.status === "closed" ? "ok" : "warn"})`,
        background: a.overdue ? "var(--bad-bg)" : undefined,
      }}
    >
      <Link href={`/quality/actions/${a.id}`} aria-label={t("open", { code: a.code })}>
        <div className="title-row" style={{ flexWrap: "wrap" }}>
          <strong className="mono">{a.code}</strong>
          <span className="badge" data-tone={STATUS_TONE[a.status]}>
            {t(`status.${a.status}`)}
            {a.round > 1 && ` · ${t("round", { n: a.round })}`}
          </span>
        </div>
        {a.due && (
          <div className="row" style={{ margin: "6px 0", flexWrap: "wrap" }} data-testid="due">
            <span className="badge" data-tone={a.overdue ? "bad" : "muted"}>
              {t(`dueStep.${a.due.step}`)}
            </span>
            <strong style={{ color: a.overdue ? "var(--bad)" : undefined }}>
              {a.overdue ? t("overdueSince", { day: day(a.due.dueOn) }) : t("dueOn", { day: day(a.due.dueOn) })}
            </strong>
          </div>
        )}
        <p className="small" style={{ margin: "2px 0", display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical", overflow: "hidden" }}>
          {a.description}
        </p>
        <div className="muted small">
          {a.ncCode}
          {showDepartment && ` · ${tr(`departments.${a.department}`)}`}
          {a.ownerName && ` · ${t("owner", { name: a.ownerName })}`}
        </div>
      </Link>
    </li>
  );
}
