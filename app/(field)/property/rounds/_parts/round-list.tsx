"use client";
import { useLocale, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useSync } from "@/client/sync/provider";
import { roundStateOf } from "@/client/property/round-store";
import type { TSendState } from "@/client/property/round";
import { formatOperatorDay } from "@/domain/time/operator";

export const STATE_TONE: Record<TSendState, "ok" | "warn" | "bad" | "info" | "muted"> = {
  none: "info",
  draft: "warn",
  queued: "warn",
  sent: "info",
  refused: "bad",
  passed: "ok",
  failed: "bad",
  cancelled: "muted",
};

/**
 * My rounds, from the phone's copy: the ones still to do first (by day), then the ones done this week, each with the
 * case, the customer and where, the day, and whether this phone has sent it.
 */
export function RoundList() {
  const t = useTranslations("propertyPhone");
  const tp = useTranslations("property");
  const locale = useLocale();
  const { rejections } = useSync();
  const data = useReadCache("property-rounds", async (store, deviceId) => {
    // a cancelled round stays in the feed so the phone knows; the list shows what is to do or was done
    const rows = (await store.getAll("propertyRounds")).filter((r) => r.status !== "cancelled");
    const states = await Promise.all(rows.map((r) => roundStateOf(store, deviceId, r, rejections)));
    return rows
      .map((row, i) => ({ row, ...states[i]! }))
      .sort((a, b) => {
        const open = Number(b.row.status === "scheduled") - Number(a.row.status === "scheduled");
        if (open !== 0) return open;
        return a.row.status === "scheduled" ? a.row.scheduledFor.localeCompare(b.row.scheduledFor) : b.row.scheduledFor.localeCompare(a.row.scheduledFor);
      });
  });
  if (data.loading || !data.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const rounds = data.data;
  return (
    <div data-testid="property-rounds">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("list.help")}</p>
      {rounds.length === 0 ? (
        <p className="empty" data-testid="property-rounds-empty">
          {t("list.empty")}
        </p>
      ) : (
        <ul className="list">
          {rounds.map(({ row, state, progress }) => (
            <li key={row.id} className="link-card">
              <HashLink path="/property/rounds" hash={row.id} data-testid={`property-round-${row.caseCode}-${row.roundNo}`} data-state={state}>
                <div className="title-row">
                  <strong className="grow mono">{row.caseCode}</strong>
                  <span className="badge" data-tone={STATE_TONE[state]} data-testid="property-round-state">
                    {t(`state.${state}`, { done: progress.done, total: progress.total })}
                  </span>
                  <Icon name="chevron" size={22} />
                </div>
                <p style={{ margin: "2px 0", fontWeight: 700 }}>
                  {tp(`kind.${row.kind}`)} · {row.roundNo > 1 ? t("list.reinspection") : t("list.round", { n: row.roundNo })}
                </p>
                <p style={{ margin: "2px 0" }}>{row.customerName}</p>
                <p className="muted small" style={{ margin: "2px 0" }}>
                  {row.customerAddress}
                </p>
                <p className="row muted small" style={{ marginTop: 4 }}>
                  <span>{t("list.day", { day: formatOperatorDay(row.scheduledFor, locale) })}</span>
                  <span>·</span>
                  <span>{t("list.items", { count: row.items.length })}</span>
                </p>
              </HashLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
