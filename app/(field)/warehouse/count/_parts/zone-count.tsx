"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { useSync } from "@/client/sync/provider";
import { CountSession, loadCountFacts, type CountFacts } from "@/client/warehouse/count-session";
import { DraftWriter, loadDraft, loadSubmitted, newDraft, queuedSubmitOf, type SubmittedCount } from "@/client/warehouse/count-store";
import { CountLive } from "./count-live";

type TPhase =
  | { kind: "loading" }
  | { kind: "no-zone"; notLoaded: boolean }
  | { kind: "submitted"; submitted: SubmittedCount; facts: CountFacts }
  | { kind: "live"; session: CountSession; facts: CountFacts; writer: DraftWriter };

/**
 * One zone's count: the compare built once from the phone's copy, the draft (if any) replayed into it. A count just
 * submitted shows where its differences are confirmed, with a button to count the zone again.
 */
export function ZoneCountView({ code }: { code: string }) {
  const t = useTranslations("warehouseCount");
  const { store, deviceId, lastSyncAt, version } = useSync();
  const [phase, setPhase] = useState<TPhase>({ kind: "loading" });
  // until the copy has the zone (first sync still running), look again after each sync; once built, never rebuilt
  const waiting = phase.kind === "loading" || (phase.kind === "no-zone" && phase.notLoaded);
  const retry = waiting ? version : -1;
  useEffect(() => {
    if (!store || !deviceId || retry < 0) return;
    let alive = true;
    void (async () => {
      const facts = await loadCountFacts(store, deviceId, code);
      if (!alive) return;
      if (!facts) {
        setPhase({ kind: "no-zone", notLoaded: lastSyncAt === null });
        return;
      }
      const [draft, submitted] = await Promise.all([loadDraft(store, deviceId, code), loadSubmitted(store, deviceId, code)]);
      if (!alive) return;
      // a draft whose submit is already queued (the app closed in between): it was submitted
      if (draft && submitted?.id === draft.id && (await queuedSubmitOf(store, deviceId, draft.id))) {
        setPhase({ kind: "submitted", submitted, facts });
        return;
      }
      if (!draft && submitted) {
        setPhase({ kind: "submitted", submitted, facts });
        return;
      }
      const writer = new DraftWriter(store, deviceId);
      const session = new CountSession(facts, draft ?? newDraft(code));
      // the id is made when the count opens, and kept: a reopened app continues the same count
      if (!draft) await writer.save(session.draft);
      if (alive) setPhase({ kind: "live", session, facts, writer });
    })();
    return () => {
      alive = false;
    };
  }, [store, deviceId, code, lastSyncAt, retry]);

  if (phase.kind === "loading")
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (phase.kind === "no-zone")
    return (
      <div className="stack" data-testid={phase.notLoaded ? "count-not-loaded" : "count-zone-unknown"}>
        <div className="alert" data-tone={phase.notLoaded ? "info" : "bad"} role="alert">
          {phase.notLoaded ? t("notLoaded") : t("zoneUnknown", { code })}
        </div>
        <HashLink path="/warehouse/count" hash="" className="btn secondary block">
          {t("allZones")}
        </HashLink>
      </div>
    );
  if (phase.kind === "submitted")
    return (
      <Submitted
        submitted={phase.submitted}
        facts={phase.facts}
        onAgain={() => {
          if (!store || !deviceId) return;
          const writer = new DraftWriter(store, deviceId);
          const session = new CountSession(phase.facts, newDraft(code));
          void writer.save(session.draft).then(() => setPhase({ kind: "live", session, facts: phase.facts, writer }));
        }}
      />
    );
  return (
    <CountLive
      session={phase.session}
      facts={phase.facts}
      writer={phase.writer}
      onSubmitted={(submitted) => setPhase({ kind: "submitted", submitted, facts: phase.facts })}
    />
  );
}

/** A submitted count: queued or sent, and where the office confirms its differences one by one. */
function Submitted({ submitted, facts, onAgain }: { submitted: SubmittedCount; facts: CountFacts; onAgain: () => void }) {
  const t = useTranslations("warehouseCount");
  const locale = useLocale();
  const { store, deviceId, version } = useSync();
  const [queued, setQueued] = useState<boolean | null>(null);
  useEffect(() => {
    if (!store || !deviceId) return;
    void queuedSubmitOf(store, deviceId, submitted.id).then((r) => setQueued(r !== null));
  }, [store, deviceId, submitted.id, version]);
  const href = `/warehouse/counts/${submitted.id}`;
  return (
    <div className="stack" data-testid="count-submitted" data-count-id={submitted.id} data-sent={queued === false}>
      <h1>{t("submittedTitle", { zone: locale === "en" ? facts.zone.nameEn : facts.zone.nameZh })}</h1>
      <div className="alert" data-tone="ok" role="status">
        <strong>{t("submittedScans", { count: submitted.scans })}</strong>
        <p>{queued === false ? t("submittedSent") : t("submittedQueued")}</p>
      </div>
      <p>{t("differencesAt")}</p>
      <a className="btn secondary block mono" href={href} data-testid="count-office-link">
        {href}
      </a>
      <button type="button" className="btn block big-action" onClick={onAgain} data-testid="count-again">
        {t("countAgain")}
      </button>
      <HashLink path="/warehouse/count" hash="" className="btn secondary block">
        {t("allZones")}
      </HashLink>
    </div>
  );
}
