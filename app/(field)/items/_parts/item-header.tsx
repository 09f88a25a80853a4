"use client";
import { useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import type { ItemView } from "@/client/items/read-model";

/** Name, tag, kind, zone and the current label, big: what the keeper checks against the physical label. */
export function ItemHeader({ view, zoneName }: { view: ItemView; zoneName: (code: string | null) => string }) {
  const t = useTranslations();
  const { item, predicted } = view;
  return (
    <section className="card item-head" aria-labelledby="item-name">
      <h1 id="item-name" data-testid="item-name">
        {item.name}
      </h1>
      <div className="row muted">
        <span className="mono tag" data-testid="item-tag">
          {item.tagCode}
        </span>
        <span>·</span>
        <span>{t(`itemKind.${item.kind}`)}</span>
      </div>
      <div className="row item-zone">
        <Icon name="pin" size={22} />
        {predicted.zoneCode ? (
          <HashLink path="/zones" hash={predicted.zoneCode} data-testid="item-zone">
            {zoneName(predicted.zoneCode)} <span className="mono small">{predicted.zoneCode}</span>
          </HashLink>
        ) : (
          <span className="muted">{t("items.noZone")}</span>
        )}
      </div>
      <p className="muted small label-caption">{t("items.currentLabel")}</p>
      <div className="label-big" data-testid="current-label" data-status={predicted.status} data-pending={predicted.pending > 0}>
        <StatusBadge kind="item" status={predicted.status} />
      </div>
      {predicted.pending > 0 && (
        <p className="pending-mark" data-testid="not-synced">
          <Icon name="upload" size={20} />
          {t("sync.notSyncedCount", { count: predicted.pending })}
        </p>
      )}
    </section>
  );
}
