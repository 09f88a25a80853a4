"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { asLabelChange, itemViewById, type ItemView } from "@/client/items/read-model";
import { useSync } from "@/client/sync/provider";
import type { Rejected } from "@/client/sync/types";
import { RejectionCard, type TAttempt } from "./rejection-card";
import type { CachedZone } from "@/client/items/stores";

export interface AttentionData {
  views: Map<string, ItemView | null>;
  zones: CachedZone[];
}

/** What a refused label change tried to do, read back from the kept outbox record. */
export function attemptOf(r: Rejected): TAttempt | null {
  if (!r.original) return null;
  const change = asLabelChange(r.original);
  return change && { ...change, clientTime: r.original.clientTime };
}

export function AttentionList() {
  const t = useTranslations("attention");
  const locale = useLocale();
  const { rejections, ready } = useSync();
  const [done, setDone] = useState<"reissued" | "dismissed" | null>(null);
  const key = rejections.map((r) => r.mutationId).join(",");
  const data = useReadCache(`attention:${key}`, async (store, deviceId): Promise<AttentionData> => {
    const views = new Map<string, ItemView | null>();
    for (const r of rejections) {
      const a = attemptOf(r);
      views.set(r.mutationId, a ? await itemViewById(store, deviceId, a.args.itemId) : null);
    }
    return { views, zones: await store.getAll("zones") };
  });
  if (!ready || data.loading || !data.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  return (
    <div className="stack">
      {done && (
        <div className="alert" data-tone="ok" role="status" data-testid="attention-done">
          {t(done === "reissued" ? "reissuedDone" : "dismissedDone")}
        </div>
      )}
      {rejections.length === 0 ? (
        <p className="empty" data-testid="attention-empty">
          <Icon name="check" size={28} />
          <br />
          {t("empty")}
        </p>
      ) : (
        <ul className="list" data-testid="rejections" lang={locale}>
          {rejections.map((r) => (
            <RejectionCard
              key={r.mutationId}
              rejection={r}
              attempt={attemptOf(r)}
              view={data.data!.views.get(r.mutationId) ?? null}
              zones={data.data!.zones}
              onDone={setDone}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
