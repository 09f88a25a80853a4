"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import type { CachedItem, CachedZone } from "@/client/items/stores";
import type { IdbSyncStore } from "@/client/sync/idb-store";
import { useSync } from "@/client/sync/provider";
import { newWalk, walkKeyString, type TWalkKey, type WalkDraft } from "@/client/quality/walk";
import { forgetSubmitted, loadSubmittedWalk, loadWalk, queuedCheckOf, WalkWriter, type SubmittedWalk } from "@/client/quality/walk-store";
import { WalkLive } from "./walk-live";
import { WalkSubmitted } from "./walk-submitted";

/** What a walk reads from the phone's copy: the zone walked (if any), every item by tag, the plan's note. */
export interface WalkFacts {
  zone: CachedZone | null;
  byTag: Map<string, CachedItem>;
  planNote: string;
}

type TPhase =
  | { kind: "loading" }
  | { kind: "missing"; notLoaded: boolean; what: "check" | "zone" }
  | { kind: "submitted"; submitted: SubmittedWalk; facts: WalkFacts }
  | { kind: "live"; draft: WalkDraft; facts: WalkFacts; writer: WalkWriter };

async function loadFacts(store: IdbSyncStore, zoneCode: string | null, planNote: string): Promise<WalkFacts | null> {
  const [zone, items] = await Promise.all([zoneCode ? store.get("zones", zoneCode) : Promise.resolve(undefined), store.getAll("items")]);
  if (zoneCode && !zone) return null;
  return { zone: zone ?? null, byTag: new Map(items.map((i) => [i.tagCode, i])), planNote };
}

/**
 * One walk: a planned check (from the phone's copy of my checks) or an unplanned walk of a zone. The draft, if any,
 * continues; a walk just submitted shows whether it has been sent.
 */
export function WalkView({ walkKey }: { walkKey: TWalkKey }) {
  const t = useTranslations("qualityPhone");
  const { store, deviceId, lastSyncAt, version } = useSync();
  const [phase, setPhase] = useState<TPhase>({ kind: "loading" });
  const key = walkKeyString(walkKey);
  const waiting = phase.kind === "loading" || (phase.kind === "missing" && phase.notLoaded);
  const retry = waiting ? version : -1;
  useEffect(() => {
    if (!store || !deviceId || retry < 0) return;
    let alive = true;
    void (async () => {
      const [draft, submitted] = await Promise.all([loadWalk(store, deviceId, key), loadSubmittedWalk(store, deviceId, key)]);
      const check = walkKey.planned ? await store.get("spotChecks", walkKey.checkId) : undefined;
      if (!alive) return;
      if (walkKey.planned && !check && !draft && !submitted) {
        setPhase({ kind: "missing", notLoaded: lastSyncAt === null, what: "check" });
        return;
      }
      const zoneCode = walkKey.planned ? (check?.zoneCode ?? draft?.zoneCode ?? submitted?.zoneCode ?? null) : walkKey.zoneCode;
      const facts = await loadFacts(store, zoneCode, check?.note ?? "");
      if (!alive) return;
      if (!facts) {
        setPhase({ kind: "missing", notLoaded: lastSyncAt === null, what: "zone" });
        return;
      }
      // a draft whose submit is already queued (the app closed in between): it was submitted
      if (submitted && (!draft || (submitted.id === draft.id && (await queuedCheckOf(store, deviceId, draft.id))))) {
        if (alive) setPhase({ kind: "submitted", submitted, facts });
        return;
      }
      const writer = new WalkWriter(store, deviceId, key);
      const live = draft ?? newWalk(walkKey, { code: check?.code ?? null, zoneCode });
      // the id is made when the walk opens, and kept: a reopened app continues the same walk
      if (!draft) await writer.save(live);
      if (alive) setPhase({ kind: "live", draft: live, facts, writer });
    })();
    return () => {
      alive = false;
    };
  }, [store, deviceId, key, walkKey, lastSyncAt, retry]);

  if (phase.kind === "loading")
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (phase.kind === "missing")
    return (
      <div className="stack" data-testid={phase.notLoaded ? "walk-not-loaded" : "walk-unknown"}>
        <div className="alert" data-tone={phase.notLoaded ? "info" : "bad"} role="alert">
          {phase.notLoaded ? t("notLoaded") : phase.what === "check" ? t("checkUnknown") : t("zoneUnknown", { code: walkKey.planned ? "" : walkKey.zoneCode })}
        </div>
        <HashLink path="/quality/check" hash="" className="btn secondary block">
          {t("allChecks")}
        </HashLink>
      </div>
    );
  if (phase.kind === "submitted")
    return (
      <WalkSubmitted
        submitted={phase.submitted}
        facts={phase.facts}
        onAgain={
          walkKey.planned
            ? null
            : () => {
                if (!store || !deviceId) return;
                const writer = new WalkWriter(store, deviceId, key);
                const draft = newWalk(walkKey);
                void forgetSubmitted(store, deviceId, key)
                  .then(() => writer.save(draft))
                  .then(() => setPhase({ kind: "live", draft, facts: phase.facts, writer }));
              }
        }
      />
    );
  return (
    <WalkLive
      walkKey={key}
      initial={phase.draft}
      facts={phase.facts}
      writer={phase.writer}
      onSubmitted={(submitted) => setPhase({ kind: "submitted", submitted, facts: phase.facts })}
    />
  );
}
