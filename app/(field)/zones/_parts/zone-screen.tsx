"use client";
import { useLocale, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { zoneBoard, type PredictedItem, type ZoneBoard } from "@/client/items/read-model";
import { ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import type { CachedZone } from "@/client/items/stores";

function zoneLabel(z: CachedZone, locale: string): string {
  return locale === "en" ? z.nameEn : z.nameZh;
}

/** Items grouped by their (predicted) label, in the order of the label list in domain/. */
function byLabel(items: readonly PredictedItem[]): [TItemStatus, PredictedItem[]][] {
  return ITEM_STATUSES.map((s) => [s, items.filter((i) => i.predicted.status === s)] as [TItemStatus, PredictedItem[]]).filter(([, list]) => list.length > 0);
}

export function ZoneScreen() {
  const t = useTranslations("zones");
  const hash = useHash();
  const board = useReadCache("zone-board", (store, deviceId) => zoneBoard(store, deviceId));
  if (hash === null || board.loading || !board.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const code = hash.trim().toUpperCase();
  return code ? <ZoneDetail code={code} board={board.data} /> : <ZoneList board={board.data} />;
}

function ZoneList({ board }: { board: ZoneBoard }) {
  const t = useTranslations("zones");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <ZoneCards board={board} testId="zones" />
    </div>
  );
}

/** Every zone as a card with its items counted by (predicted) label; each opens the zone. */
export function ZoneCards({ board, testId }: { board: ZoneBoard; testId: string }) {
  const t = useTranslations("zones");
  const locale = useLocale();
  if (board.zones.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <ul className="list" data-testid={testId}>
      {board.zones.map((z) => {
        const items = board.byZone.get(z.code) ?? [];
        return (
          <li key={z.code} className="link-card">
            <HashLink path="/zones" hash={z.code} data-testid={`zone-link-${z.code}`}>
              <div className="title-row">
                <strong>{zoneLabel(z, locale)}</strong>
                <span className="mono muted small">{z.code}</span>
              </div>
              <div className="row" style={{ marginTop: 8 }}>
                {z.kind === "quarantine" && (
                  <span className="badge" data-tone="bad">
                    {t("quarantine")}
                  </span>
                )}
                {items.length === 0 && <span className="muted">{t("noItems")}</span>}
                {byLabel(items).map(([s, list]) => (
                  <span key={s} className="row" style={{ gap: 4 }}>
                    <StatusBadge kind="item" status={s} />
                    <strong>×{list.length}</strong>
                  </span>
                ))}
              </div>
            </HashLink>
          </li>
        );
      })}
    </ul>
  );
}

function ZoneDetail({ code, board }: { code: string; board: ZoneBoard }) {
  const t = useTranslations();
  const locale = useLocale();
  const zone = board.zones.find((z) => z.code === code);
  if (!zone) {
    return (
      <div className="stack">
        <div className="alert" data-tone="bad" role="alert" data-testid="zone-unknown">
          {t("zones.unknown", { code })}
        </div>
        <HashLink path="/zones" hash="" className="btn secondary block">
          {t("zones.allZones")}
        </HashLink>
      </div>
    );
  }
  const groups = byLabel(board.byZone.get(zone.code) ?? []);
  return (
    <div data-testid="zone-page" data-zone={zone.code}>
      <h1>{zoneLabel(zone, locale)}</h1>
      <div className="row subtitle">
        <span className="mono">{zone.code}</span>
        <span>·</span>
        <span>{t(`zoneKind.${zone.kind}`)}</span>
        {zone.kind === "quarantine" && (
          <span className="badge" data-tone="bad">
            {t("zones.quarantine")}
          </span>
        )}
      </div>
      {groups.length === 0 && <p className="empty">{t("zones.noItems")}</p>}
      {groups.map(([status, items]) => (
        <section key={status} data-testid={`group-${status}`}>
          <h2 className="row">
            <StatusBadge kind="item" status={status} />
            <span className="muted">×{items.length}</span>
          </h2>
          <ul className="list">
            {items.map(({ item, predicted }) => (
              <li key={item.id} className="link-card">
                <HashLink path="/items" hash={item.tagCode} data-testid={`item-link-${item.tagCode}`}>
                  <div className="title-row">
                    <strong className="grow">{item.name}</strong>
                    <Icon name="chevron" size={22} />
                  </div>
                  <div className="row muted small">
                    <span className="mono">{item.tagCode}</span>
                    {predicted.pending > 0 && (
                      <span className="pending-mark small">
                        <Icon name="upload" size={16} />
                        {t("sync.notSynced")}
                      </span>
                    )}
                  </div>
                </HashLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <HashLink path="/zones" hash="" className="btn secondary block">
        {t("zones.allZones")}
      </HashLink>
    </div>
  );
}
