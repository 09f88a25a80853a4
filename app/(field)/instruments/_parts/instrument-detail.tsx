"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { instrumentViewByTag } from "@/client/instruments/read-model";
import { useSync } from "@/client/sync/provider";
import { FindInstrument } from "./find-instrument";
import { InstrumentActions } from "./instrument-actions";
import { InstrumentHead } from "@/app/_ui/instruments/instrument-head";
import { UsageFile } from "./usage-file";
import { useMe } from "./use-instrument-queue";

/** One scan tells everything: holder, due day, calibration, permit, faults; then only the actions allowed now. */
export function InstrumentDetail({ tag }: { tag: string }) {
  const t = useTranslations("instrumentsUi");
  const me = useMe();
  const { lastSyncAt } = useSync();
  // a change queued here is read back at once (the sync engine's own refresh waits for the network)
  const [bump, setBump] = useState(0);
  const read = useReadCache(`instrument:${tag}:${me.id}:${bump}`, (store, deviceId) => instrumentViewByTag(store, deviceId, me, tag));
  // while a re-read (after a change) loads, the last view read stays on screen instead of "loading"
  const [last, setLast] = useState<typeof read.data>(undefined);
  if (!read.loading && read.data !== last) setLast(read.data);
  const view = read.loading && last ? { data: last, loading: false } : read;
  const [saved, setSaved] = useState<string | null>(null);
  if (view.loading)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (!view.data) {
    // never synced on this phone (first start, or just after sign-in): the cache is empty, not the register
    const notLoaded = lastSyncAt === null;
    return (
      <div className="stack" data-testid={notLoaded ? "instrument-not-loaded" : "instrument-unknown"}>
        <div className="alert" data-tone={notLoaded ? "info" : "bad"} role="alert">
          {notLoaded ? t("notLoaded") : t("unknown", { tag })}
        </div>
        <FindInstrument initial={tag} />
      </div>
    );
  }
  const v = view.data;
  return (
    <div data-testid="instrument-page" data-tag={v.row.assetTag} data-status={v.row.status} data-pending={v.pending > 0}>
      <InstrumentHead view={v} />
      {/* shown once the page reads back what was saved, never beside the state from before it */}
      {saved && !read.loading && (
        <div className="alert" data-tone="ok" role="status" data-testid="instrument-saved">
          {t(`saved.${saved}`)}
        </div>
      )}
      <InstrumentActions
        view={v}
        onStart={() => setSaved(null)}
        onSaved={(what) => {
          setSaved(what);
          setBump((b) => b + 1);
        }}
      />
      <UsageFile view={v} />
    </div>
  );
}
