"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useHash } from "@/app/_ui/use-hash";
import { useViewer } from "@/app/_ui/viewer";
import { itemViewByTag } from "@/client/items/read-model";
import { useSync } from "@/client/sync/provider";
import { mergeHistory, stockFactsOf } from "@/client/warehouse/history";
import { normalizeTag } from "@/domain/items/tags";
import { FindByTag } from "./find-by-tag";
import { InspectionLink } from "./inspection-link";
import { ItemHeader } from "./item-header";
import { ItemSearch } from "./item-search";
import { LabelActions } from "./label-actions";
import { StockFactsCard } from "./stock-facts";
import { Timeline } from "./timeline";
import { zoneNamer } from "./zone-name";

export function ItemScreen() {
  const hash = useHash();
  const t = useTranslations("items");
  if (hash === null)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const tag = normalizeTag(hash);
  if (!tag)
    return (
      <div className="stack">
        <ItemSearch />
        <FindByTag secondary />
      </div>
    );
  return <ItemDetail key={tag} tag={tag} />;
}

function ItemDetail({ tag }: { tag: string }) {
  const t = useTranslations("items");
  const locale = useLocale();
  const view = useReadCache(`item:${tag}`, (store, deviceId) => itemViewByTag(store, deviceId, tag));
  const zones = useReadCache("zones", (store) => store.getAll("zones"));
  const me = useViewer();
  const stock = useReadCache(`stock:${tag}`, async (store) => {
    const item = await store.getFromIndex("items", "byTag", tag);
    return item ? stockFactsOf(store, item, me) : null;
  });
  const { lastSyncAt } = useSync();
  // the page's clock for quarantine ages, read once per page (not on every render)
  const [now] = useState(() => Date.now());
  const [saved, setSaved] = useState(false);
  if (view.loading || zones.loading)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (!view.data) {
    // never synced on this phone (first start, or just after sign-in): the cache is empty, not the warehouse
    const notLoaded = lastSyncAt === null;
    return (
      <div className="stack" data-testid={notLoaded ? "item-not-loaded" : "item-unknown"}>
        <div className="alert" data-tone={notLoaded ? "info" : "bad"} role="alert">
          {notLoaded ? t("notLoaded") : t("unknown", { tag })}
        </div>
        <FindByTag initial={tag} />
      </div>
    );
  }
  const zoneName = zoneNamer(zones.data ?? [], locale);
  return (
    <div data-testid="item-page" data-tag={view.data.item.tagCode}>
      <ItemHeader view={view.data} zoneName={zoneName} />
      {stock.data && <StockFactsCard view={view.data} facts={stock.data} now={now} />}
      {stock.data && <InspectionLink inspection={stock.data.inspection} />}
      {saved && (
        // what the notice says follows the outbox: "kept on this phone" while queued, "sent" once the server has it
        <div className="alert" data-tone="ok" role="status" data-testid="saved" data-sent={view.data.predicted.pending === 0}>
          {view.data.predicted.pending > 0 ? t("saved") : t("savedSent")}
        </div>
      )}
      <LabelActions view={view.data} zones={zones.data ?? []} zoneName={zoneName} onSaved={() => setSaved(true)} onStart={() => setSaved(false)} />
      <Timeline view={view.data} zoneName={zoneName} history={stock.data ? mergeHistory(view.data.events, stock.data.stockEvents) : undefined} />
    </div>
  );
}
