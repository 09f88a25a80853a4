"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import type { TOfficeTrail, TWorkOrderDetail } from "./types";

type Entry =
  | { key: string; at: number; kind: "status"; e: TWorkOrderDetail["events"][number] }
  | { key: string; at: number; kind: "assignment"; a: TOfficeTrail["assignments"][number] };

/** Traceability, newest first: every status change (with phone and server times) and every (re-)assignment. */
export function Timeline({ events, assignments }: { events: TWorkOrderDetail["events"]; assignments: TOfficeTrail["assignments"] }) {
  const t = useTranslations();
  const format = useFormatter();
  const when = (d: Date | string) => format.dateTime(new Date(d), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const entries: Entry[] = [
    ...events.map((e): Entry => ({ key: `s${e.id}`, at: new Date(e.serverTime).getTime(), kind: "status", e })),
    ...assignments.map((a): Entry => ({ key: `a${a.id}`, at: new Date(a.at).getTime(), kind: "assignment", a })),
  ].sort((x, y) => y.at - x.at || (x.kind === y.kind ? 0 : x.kind === "assignment" ? -1 : 1));
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("desk.timeline.title")}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t("desk.timeline.empty")}</p>
      ) : (
        <ol className="list timeline" data-testid="timeline">
          {entries.map((x) =>
            x.kind === "status" ? (
              <li key={x.key} data-testid="event" data-to={x.e.toStatus}>
                <div className="row">
                  {x.e.fromStatus ? (
                    <>
                      <StatusBadge kind="workOrder" status={x.e.fromStatus} />
                      <span aria-hidden="true">→</span>
                    </>
                  ) : (
                    <strong>{t("desk.timeline.created")}</strong>
                  )}
                  <StatusBadge kind="workOrder" status={x.e.toStatus} />
                </div>
                {x.e.reason && <p className="event-note">“{x.e.reason}”</p>}
                <Who name={x.e.actorName} />
                <p className="muted small">
                  {x.e.clientTime && `${t("desk.timeline.deviceTime", { time: when(x.e.clientTime) })} · `}
                  {t("desk.timeline.serverTime", { time: when(x.e.serverTime) })}
                </p>
              </li>
            ) : (
              <li key={x.key} data-testid="assignment">
                <p className="event-reason">
                  {x.a.fromName
                    ? t("desk.timeline.reassigned", { from: x.a.fromName, to: x.a.toName ?? "?" })
                    : t(x.a.atCreation ? "desk.timeline.assignedAtCreation" : "desk.timeline.assigned", { to: x.a.toName ?? "?" })}
                </p>
                <Who name={x.a.actorName} />
                <p className="muted small">{when(x.a.at)}</p>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function Who({ name }: { name: string | null }) {
  const t = useTranslations("desk.timeline");
  return (
    <p className="row muted small event-line">
      <Icon name="me" size={18} />
      <span>{t("by", { name: name ?? t("unknownActor") })}</span>
    </p>
  );
}
