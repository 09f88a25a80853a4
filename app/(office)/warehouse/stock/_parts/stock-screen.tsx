"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";
import { ITEM_STATUSES, type TItemStatus } from "@/domain/items/labels";
import { ExportLinks } from "../../_parts/exports";
import type { TStockRow } from "../../_parts/types";

/** Stock on hand grouped by zone, then label and material; filters by zone and label (the zones come from the stock itself). */
export function StockScreen() {
  const t = useTranslations("warehouseOffice.stock");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const [zoneCode, setZone] = useState("");
  const [status, setStatus] = useState<TItemStatus | "">("");
  const all = useQuery(trpc.warehouse.stock.queryOptions({}));
  const filtered = zoneCode !== "" || status !== "";
  const shown = useQuery({
    ...trpc.warehouse.stock.queryOptions({ zoneCode: zoneCode || undefined, status: status || undefined }),
    enabled: filtered,
    placeholderData: keepPreviousData,
  });
  const list = filtered ? shown : all;
  const zones = new Map<string, string>();
  for (const r of all.data?.rows ?? []) zones.set(r.zoneCode, zh ? r.zoneNameZh : r.zoneNameEn);
  const groups = new Map<string, TStockRow[]>();
  for (const r of list.data?.rows ?? []) groups.set(r.zoneCode, [...(groups.get(r.zoneCode) ?? []), r]);
  return (
    <div className="stack">
      <form className="filters card" onSubmit={(e) => e.preventDefault()} data-testid="stock-filters">
        <label className="field">
          <span>{t("zone")}</span>
          <select className="input" value={zoneCode} onChange={(e) => setZone(e.target.value)} data-testid="filter-zone">
            <option value="">{t("any")}</option>
            {[...zones].map(([code, name]) => (
              <option key={code} value={code}>
                {code} · {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("status")}</span>
          <select className="input" value={status} onChange={(e) => setStatus(e.target.value as TItemStatus | "")} data-testid="filter-status">
            <option value="">{t("any")}</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tr(`status.item.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ExportLinks register="stock" params={{ zoneCode: zoneCode || undefined, status: status || undefined }} />
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={groups.size === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        {[...groups].map(([zone, rows]) => (
          <section key={zone} className="card" data-testid={`stock-zone-${zone}`} aria-labelledby={`zone-${zone}`}>
            <h2 id={`zone-${zone}`} style={{ margin: "0 0 8px", fontSize: "1.1rem" }}>
              <span className="mono">{zone}</span> · {zh ? rows[0]!.zoneNameZh : rows[0]!.zoneNameEn}
            </h2>
            <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {rows.map((r) => (
                <li
                  key={`${r.status}-${r.materialCode ?? r.name}`}
                  style={{ borderTop: "1px solid var(--line)", paddingTop: 8 }}
                  data-testid="stock-row"
                  data-status={r.status}
                  data-material={r.materialCode ?? ""}
                >
                  <div className="title-row" style={{ flexWrap: "wrap" }}>
                    <strong>{r.name}</strong>
                    <StatusBadge kind="item" status={r.status} />
                  </div>
                  <div className="row small" style={{ justifyContent: "space-between" }}>
                    <span className="mono muted">{r.materialCode ?? "—"}</span>
                    <span>{t("onHand", { tags: r.tags, quantity: r.quantity })}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </QueryState>
    </div>
  );
}
