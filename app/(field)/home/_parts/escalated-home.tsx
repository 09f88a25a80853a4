import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { isComplaintOverdue } from "@/domain/complaints/deadlines";
import { requireUser } from "@/server/auth/current-user";
import { now as serverNow } from "@/server/clock";
import { listEscalated } from "@/server/complaints/escalated";

/**
 * The forms escalated to this person's level (the general manager's, or enterprise management's), unreviewed first.
 * Rendered on the server (no script on the home, whose JS is at its budget): opening the home again shows it anew.
 */
export async function EscalatedHome() {
  const t = await getTranslations();
  const format = await getFormatter();
  const user = await requireUser();
  const rows = await listEscalated(await getDb(), user);
  const now = serverNow();
  const when = (d: Date | string) => format.dateTime(new Date(d), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <section className="stack" data-testid="escalated-home">
      <h2>{t("complaintsDesk.home.escalatedTitle")}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t("complaintsDesk.home.empty")}</p>
      ) : (
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
                  {/* a person's own words; the automatic causes are named above */}
                  {c.cause === "decision" && c.reason && <p className="event-note">“{c.reason}”</p>}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
