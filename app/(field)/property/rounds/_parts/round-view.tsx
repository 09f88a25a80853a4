"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useSync } from "@/client/sync/provider";
import type { RoundDraft } from "@/client/property/round";
import { openRound } from "@/client/property/round-store";
import { RoundLive } from "./round-live";
import { RoundSent } from "./round-sent";

/**
 * One round: from the phone's copy of my rounds, with the draft kept on this phone. An open round not yet submitted
 * here is recorded (RoundLive); a submitted one, or one the server has decided, shows where it stands (RoundSent).
 */
export function RoundView({ roundId }: { roundId: string }) {
  const t = useTranslations("propertyPhone");
  const { store, deviceId, lastSyncAt } = useSync();
  const row = useReadCache(`property-round:${roundId}`, (s) => s.get("propertyRounds", roundId));
  const [draft, setDraft] = useState<RoundDraft | null>(null);
  useEffect(() => {
    if (!store || !deviceId) return;
    let alive = true;
    void openRound(store, deviceId, roundId).then((d) => {
      if (alive) setDraft(d);
    });
    return () => {
      alive = false;
    };
  }, [store, deviceId, roundId]);

  if (row.loading || !draft)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const round = row.data;
  if (!round) {
    const notLoaded = lastSyncAt === null;
    return (
      <div className="stack" data-testid={notLoaded ? "round-not-loaded" : "round-unknown"}>
        <div className="alert" data-tone={notLoaded ? "info" : "bad"} role="alert">
          {notLoaded ? t("notLoaded") : t("unknown")}
        </div>
        <HashLink path="/property/rounds" hash="" className="btn secondary block">
          {t("allRounds")}
        </HashLink>
      </div>
    );
  }
  if (draft.submittedAt !== null || round.status !== "scheduled") return <RoundSent round={round} draft={draft} onReopen={setDraft} />;
  return <RoundLive round={round} initial={draft} onSubmitted={setDraft} />;
}
