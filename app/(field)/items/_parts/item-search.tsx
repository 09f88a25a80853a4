"use client";
import { useLocale, useTranslations } from "next-intl";
import { useDeferredValue, useMemo, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { loadSearchIndex, searchStock } from "@/client/warehouse/search";
import type { TItemStatus } from "@/domain/items/labels";
import { useZoneName } from "./use-zone-name";

/**
 * Search the phone's copy of the stock (works with no signal): tag, material (code or name), lot, zone, label,
 * delivery note or receipt number. Results show the label and the zone; each opens the item's page.
 */
export function ItemSearch() {
  const t = useTranslations("warehouseCount.search");
  const ts = useTranslations("status.item");
  const locale = useLocale();
  const zoneName = useZoneName();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const index = useReadCache("stock-search", (store, deviceId) => loadSearchIndex(store, deviceId));
  const result = useMemo(
    () => (index.data ? searchStock(index.data, deferred, (s: TItemStatus) => [ts(s)]) : null),
    // ts is stable for a locale
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index.data, deferred, locale],
  );
  return (
    <section className="card" aria-labelledby="item-search-title" data-testid="item-search">
      <h1 id="item-search-title">{t("title")}</h1>
      <label className="field">
        <span>{t("label")}</span>
        <input
          className="input big-input"
          type="search"
          name="q"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t("placeholder")}
          data-testid="item-search-input"
        />
        <p className="help">{t("help")}</p>
      </label>
      {index.loading && deferred.trim() && (
        <p className="muted" aria-busy="true">
          {t("loading")}
        </p>
      )}
      {result && deferred.trim() && (
        <>
          <p className="muted small" role="status" data-testid="item-search-count" data-total={result.total}>
            {result.total > result.hits.length ? t("countMore", { shown: result.hits.length, total: result.total }) : t("count", { count: result.total })}
          </p>
          <ul className="list" data-testid="item-search-results">
            {result.hits.map((row) => (
              <li key={row.item.id} className="link-card" data-tag={row.item.tagCode}>
                <HashLink path="/items" hash={row.item.tagCode} data-testid={`search-hit-${row.item.tagCode}`}>
                  <div className="title-row">
                    <strong className="grow">{row.materialName ? (locale === "en" ? row.materialName.en : row.materialName.zh) : row.item.name}</strong>
                    <Icon name="chevron" size={22} />
                  </div>
                  <div className="row small" style={{ marginTop: 4 }}>
                    <span className="mono">{row.item.tagCode}</span>
                    <StatusBadge kind="item" status={row.status} />
                    {row.item.quantity !== 1 && <strong>× {row.item.quantity}</strong>}
                  </div>
                  <div className="row muted small" style={{ marginTop: 4 }}>
                    <Icon name="pin" size={16} />
                    <span>{row.zoneCode ? `${zoneName(row.zoneCode)} · ${row.zoneCode}` : t("noZone")}</span>
                  </div>
                  {row.receipt && (
                    <p className="muted small" style={{ margin: "4px 0 0" }}>
                      {t("receipt", { code: row.receipt.code, note: row.receipt.deliveryNote })}
                    </p>
                  )}
                </HashLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
