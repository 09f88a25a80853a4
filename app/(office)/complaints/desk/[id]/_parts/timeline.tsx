"use client";
import { useTranslations } from "next-intl";
import { Icon } from "@/app/_ui/icons";
import { ComplaintStatusBadge } from "../../../_parts/complaint-card";
import { useWhen } from "../../../_parts/deadline";
import type { TComplaintDetail } from "../../../_parts/types";

/** Every step of the form, newest first: what, the state it led to, the note, who (or the system) and when. */
export function Timeline({ events }: { events: TComplaintDetail["timeline"] }) {
  const t = useTranslations();
  const when = useWhen();
  const newest = [...events].reverse();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("complaintsDesk.timeline.title")}</h2>
      {newest.length === 0 ? (
        <p className="empty">{t("complaintsDesk.timeline.empty")}</p>
      ) : (
        <ol className="list timeline" data-testid="timeline">
          {newest.map((e) => (
            <li key={e.id} data-testid="event" data-action={e.action}>
              <div className="row">
                <strong>{t(`complaints.action.${e.action}`)}</strong>
                {e.fromStatus !== e.toStatus && <ComplaintStatusBadge status={e.toStatus} />}
              </div>
              {e.note && <p className="event-note">“{e.note}”</p>}
              <p className="row muted small event-line">
                <Icon name="me" size={18} />
                <span>{e.actorName ? t("complaintsDesk.timeline.by", { name: e.actorName }) : t("complaintsDesk.timeline.system")}</span>
              </p>
              <p className="muted small">{when(e.at)}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
