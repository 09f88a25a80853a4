"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ItemView } from "@/client/items/read-model";
import type { StockFacts } from "@/client/warehouse/history";
import { isAgeing, quarantineAgeDays } from "@/domain/warehouse/stock";
import { isQuarantined } from "@/domain/warehouse/model";

/**
 * What the warehouse knows of the item besides its label: material, quantity on hand, who holds it (issued), and in
 * quarantine the person responsible and for how many operator days (over 30 highlighted).
 */
export function StockFactsCard({ view, facts, now }: { view: ItemView; facts: StockFacts; now: number }) {
  const t = useTranslations("warehouseCount.item");
  const tw = useTranslations("warehouse");
  const td = useTranslations("departments");
  const locale = useLocale();
  const { item, predicted } = view;
  const m = facts.material;
  const quarantined = isQuarantined(predicted.status) && item.quarantinedAt;
  const age = quarantined ? quarantineAgeDays(item.quarantinedAt!, now) : null;
  const ageing = quarantined ? isAgeing(item.quarantinedAt!, now) : false;
  if (!m && item.quantity === 1 && !facts.holder && !facts.responsible && age === null) return null;
  return (
    <section className="card" aria-label={t("factsLabel")} data-testid="stock-facts">
      <dl className="facts">
        {m && (
          <>
            <dt>{t("material")}</dt>
            <dd data-testid="item-material">
              {locale === "en" ? m.nameEn : m.nameZh} <span className="mono small muted">{m.code}</span>
            </dd>
          </>
        )}
        <dt>{t("onHand")}</dt>
        <dd data-testid="item-quantity" data-quantity={item.quantity}>
          {item.quantity} {m ? tw(`unit.${m.unit}`) : ""}
        </dd>
        {facts.holder && (
          <>
            <dt>{t("holder")}</dt>
            <dd data-testid="item-holder">
              {facts.holder.name ?? t("someone")}
              {facts.holder.department && ` · ${td(facts.holder.department)}`}
            </dd>
          </>
        )}
        {facts.responsible && (
          <>
            <dt>{t("responsible")}</dt>
            <dd data-testid="item-responsible">{facts.responsible.name ?? t("someone")}</dd>
          </>
        )}
        {age !== null && (
          <>
            <dt>{t("quarantineAge")}</dt>
            <dd data-testid="item-quarantine-age" data-ageing={ageing}>
              <span className="badge" data-tone={ageing ? "bad" : "warn"}>
                {t("days", { count: age })}
              </span>
              {ageing && <span className="small"> {t("ageing")}</span>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
