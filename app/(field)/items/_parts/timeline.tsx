"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useViewer } from "@/app/_ui/viewer";
import { useWhen } from "@/app/_ui/use-when";
import type { ItemView } from "@/client/items/read-model";
import type { HistoryEntry } from "@/client/warehouse/history";
import type { CachedStockEvent } from "@/client/warehouse/stores";
import type { TItemStatus, TLabelReason } from "@/domain/items/labels";

interface Entry {
  key: string;
  pending: boolean;
  from: TItemStatus | null;
  to: TItemStatus;
  reason: TLabelReason;
  note: string;
  fromZone: string | null;
  toZone: string | null;
  actor: string | null;
  clientTime: string | null;
  serverTime: string | null;
  /** Synced: the evidence file's hash; queued: true when a photo waits in the outbox with the change. */
  photo: string | boolean;
}

/**
 * Traceability: the item's whole history, newest first: label changes and stock events (received, inspected, split,
 * issued, returned, counted, adjusted) in one list by time; the user's queued label changes on top, not yet synced.
 * Without `history` (not read yet): the label events alone.
 */
export function Timeline({ view, zoneName, history }: { view: ItemView; zoneName: (code: string | null) => string; history?: readonly HistoryEntry[] }) {
  const t = useTranslations();
  const when = useWhen();
  const me = useViewer();
  // Queued changes predict zones and labels one after another, like predictLabel.
  const queued: Entry[] = [];
  let zone = view.item.zoneCode;
  for (const q of view.queued) {
    const fromZone = zone;
    zone = q.args.zoneCode ?? zone;
    queued.push({
      key: q.mutationId,
      pending: true,
      from: q.expected.from,
      to: q.args.to,
      reason: q.args.reason,
      note: q.args.note,
      fromZone,
      toZone: zone,
      actor: me.displayName,
      clientTime: q.clientTime,
      serverTime: null,
      photo: q.args.photo !== undefined,
    });
  }
  const labelEntry = (e: ItemView["events"][number]): Entry => ({
    key: String(e.id),
    pending: false,
    from: e.fromStatus,
    to: e.toStatus,
    reason: e.reason,
    note: e.note,
    fromZone: e.fromZone,
    toZone: e.toZone,
    actor: e.actorName,
    clientTime: e.clientTime,
    serverTime: e.serverTime,
    photo: e.photoSha256 ?? false,
  });
  const synced: (Entry | CachedStockEvent)[] = history
    ? history.map((h) => (h.source === "label" ? labelEntry(h.event) : h.event))
    : view.events.map(labelEntry);
  const entries: (Entry | CachedStockEvent)[] = [...queued.reverse(), ...synced];
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("items.timeline.title")}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t("items.timeline.empty")}</p>
      ) : (
        <ol className="list timeline" data-testid="timeline">
          {entries.map((e) =>
            "kind" in e ? (
              <StockEntry key={`s${e.id}`} e={e} zoneName={zoneName} />
            ) : (
              <li key={e.key} data-testid="event" data-pending={e.pending} data-to={e.to} className={e.pending ? "pending" : undefined}>
                <div className="row">
                  {e.from && (
                    <>
                      <StatusBadge kind="item" status={e.from} />
                      <span aria-hidden="true">→</span>
                    </>
                  )}
                  <StatusBadge kind="item" status={e.to} />
                </div>
                <p className="event-reason">{t(`labelReason.${e.reason}`)}</p>
                {e.note && <p className="event-note">“{e.note}”</p>}
                {(e.fromZone || e.toZone) && (
                  <Line icon="pin">
                    {e.fromZone && e.toZone && e.fromZone !== e.toZone ? `${zoneName(e.fromZone)} → ${zoneName(e.toZone)}` : zoneName(e.toZone ?? e.fromZone)}
                  </Line>
                )}
                <Line icon="me">{e.actor ?? t("items.timeline.unknownActor")}</Line>
                <p className="muted small">
                  {e.clientTime && t("items.timeline.deviceTime", { time: when(e.clientTime) })}
                  {e.clientTime && e.serverTime && " · "}
                  {e.serverTime && t("items.timeline.serverTime", { time: when(e.serverTime) })}
                </p>
                {typeof e.photo === "string" && (
                  <a className="event-photo" href={`/api/evidence/${e.photo}`} target="_blank" rel="noreferrer" data-testid="event-photo">
                    <img src={`/api/evidence/${e.photo}`} alt={t("photo.preview")} className="photo-thumb" loading="lazy" />
                  </a>
                )}
                {e.photo === true && (
                  <p className="muted small" data-testid="event-photo-queued">
                    {t("photo.queued")}
                  </p>
                )}
                {e.pending && (
                  <p className="pending-mark small">
                    <Icon name="upload" size={18} />
                    {t("sync.notSynced")}
                  </p>
                )}
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

/** A stock event: what happened, how many, where, who, and the receipt, form, move or count it came from. */
function StockEntry({ e, zoneName }: { e: CachedStockEvent; zoneName: (code: string | null) => string }) {
  const t = useTranslations();
  const when = useWhen();
  const person = [e.personName, e.department ? t(`departments.${e.department}`) : null].filter(Boolean).join(" · ");
  return (
    <li data-testid="event" data-source="stock" data-kind={e.kind} data-pending={false}>
      <div className="row">
        <span className="badge" data-tone="info">
          {t(`warehouse.event.${e.kind}`)}
        </span>
        {e.quantity !== null && <strong data-testid="event-quantity">× {e.quantity}</strong>}
        {e.ref && <span className="mono small muted">{e.ref}</span>}
      </div>
      {e.note && <p className="event-note">“{e.note}”</p>}
      {e.zoneCode && <Line icon="pin">{zoneName(e.zoneCode)}</Line>}
      {person && <Line icon="me">{person}</Line>}
      <p className="muted small">{t("items.timeline.serverTime", { time: when(e.at) })}</p>
    </li>
  );
}

function Line({ icon, children }: { icon: "pin" | "me"; children: ReactNode }) {
  return (
    <p className="row muted small event-line">
      <Icon name={icon} size={18} />
      <span>{children}</span>
    </p>
  );
}
