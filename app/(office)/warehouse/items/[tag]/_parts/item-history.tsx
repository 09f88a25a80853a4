"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useDateTime } from "@/app/_ui/use-when";
import type { TItemDetail } from "../../../_parts/types";

type TEntry = TItemDetail["history"][number];

/** The item's history, newest first: label changes (from → to, why) and warehouse steps (what, how many, to whom, where). */
export function ItemHistory({ history }: { history: TEntry[] }) {
  const t = useTranslations("warehouseOffice.item");
  const tr = useTranslations();
  const when = useDateTime();
  const status = (s: string | null) => (s ? tr(`status.item.${s}`) : "");
  const title = (e: TEntry) => {
    if (e.source === "label") return e.fromStatus ? t("labelled", { from: status(e.fromStatus), to: status(e.toStatus) }) : status(e.toStatus);
    return tr.has(`warehouse.event.${e.kind}`) ? tr(`warehouse.event.${e.kind}`) : e.kind;
  };
  const details = (e: TEntry) =>
    [
      e.source === "label" && e.reason && tr.has(`labelReason.${e.reason}`) ? tr(`labelReason.${e.reason}`) : null,
      e.resolution ? tr(`warehouse.resolution.${e.resolution}`) : null,
      e.quantity !== null ? t("units", { n: e.quantity }) : null,
      e.personName ?? (e.department ? tr(`departments.${e.department}`) : null),
      e.toZone ? (e.fromZone && e.fromZone !== e.toZone ? `${e.fromZone} → ${e.toZone}` : e.toZone) : null,
    ].filter(Boolean);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("history")}</h2>
      {history.length === 0 ? (
        <p className="empty">{t("noHistory")}</p>
      ) : (
        <ul className="list" data-testid="item-history">
          {[...history].reverse().map((e, i) => (
            <li key={`${e.source}-${i}`} data-kind={e.kind} data-source={e.source}>
              <strong>{title(e)}</strong>
              {details(e).length > 0 && (
                <p className="small" style={{ margin: "2px 0" }}>
                  {details(e).join(" · ")}
                </p>
              )}
              {e.note && <p className="event-note">“{e.note}”</p>}
              <p className="muted small" style={{ margin: 0 }}>
                {when(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ""}
                <Ref e={e} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a step came from: a count opens its page; a code (form, split tag) is shown; a bare id (a move) is not. */
function Ref({ e }: { e: TEntry }) {
  const t = useTranslations("warehouseOffice.item");
  if (!e.ref) return null;
  if ((e.kind === "counted" || e.kind === "adjusted") && UUID.test(e.ref))
    return (
      <>
        {" · "}
        <Link href={`/warehouse/counts/${e.ref}`}>{t("count")}</Link>
      </>
    );
  if (UUID.test(e.ref)) return null;
  return <span className="mono"> · {e.ref}</span>;
}
