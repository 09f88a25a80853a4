"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import type { ZoneBoard } from "@/client/items/read-model";
import { isQuarantined } from "@/domain/warehouse/model";
import { isAgeing, quarantineAgeDays } from "@/domain/warehouse/stock";

/**
 * Quarantine ageing on the keeper's home: each quarantine zone's items with their age in operator days, oldest first;
 * over 30 days highlighted (domain/warehouse/stock.ts). From the phone's copy, so it shows with no signal.
 */
export function WarehouseAgeing({ board }: { board: ZoneBoard }) {
  const t = useTranslations("warehouseCount.home");
  const locale = useLocale();
  const [now] = useState(() => Date.now());
  const zones = board.zones
    .filter((z) => z.kind === "quarantine")
    .map((z) => {
      const items = (board.byZone.get(z.code) ?? [])
        .filter((p) => isQuarantined(p.predicted.status))
        .map((p) => {
          const since = p.item.quarantinedAt;
          return { p, age: since ? quarantineAgeDays(since, now) : null, ageing: since ? isAgeing(since, now) : false };
        })
        .sort((a, b) => (b.age ?? -1) - (a.age ?? -1));
      return { z, items };
    })
    .filter((g) => g.items.length > 0);
  const ageing = zones.reduce((n, g) => n + g.items.filter((i) => i.ageing).length, 0);
  return (
    <section aria-labelledby="ageing-title" data-testid="quarantine-ageing" data-ageing={ageing}>
      <div className="title-row">
        <h2 id="ageing-title">{t("ageingTitle")}</h2>
        {ageing > 0 && (
          <span className="badge" data-tone="bad">
            {t("ageingCount", { count: ageing })}
          </span>
        )}
      </div>
      {zones.length === 0 ? (
        <p className="empty">{t("ageingEmpty")}</p>
      ) : (
        <ul className="list">
          {zones.map(({ z, items }) => (
            <li key={z.code} data-zone={z.code}>
              <div className="title-row">
                <strong>{locale === "en" ? z.nameEn : z.nameZh}</strong>
                <span className="muted small">{t("zoneCount", { count: items.length })}</span>
              </div>
              <ul className="list" style={{ marginTop: 6 }}>
                {items.slice(0, 5).map(({ p, age, ageing: old }) => (
                  <li
                    key={p.item.id}
                    className="link-card"
                    data-tag={p.item.tagCode}
                    data-ageing={old}
                    style={old ? { borderColor: "var(--bad)", background: "var(--bad-bg)" } : undefined}
                  >
                    <HashLink path="/items" hash={p.item.tagCode}>
                      <div className="title-row">
                        <span className="grow">{p.item.name}</span>
                        <span className="badge" data-tone={old ? "bad" : "warn"} data-testid="ageing-days">
                          {age === null ? t("ageUnknown") : t("days", { count: age })}
                        </span>
                      </div>
                      <span className="mono small muted">{p.item.tagCode}</span>
                    </HashLink>
                  </li>
                ))}
                {items.length > 5 && <li className="muted small">{t("more", { count: items.length - 5 })}</li>}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
