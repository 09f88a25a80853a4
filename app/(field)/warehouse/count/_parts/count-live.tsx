"use client";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/app/_ui/confirm";
import { HashLink } from "@/app/_ui/hash-link";
import { useViewer } from "@/app/_ui/viewer";
import { beep, loadSettings, vibrate } from "@/app/(field)/scan/_parts/feedback";
import { useSync } from "@/client/sync/provider";
import type { CountFacts, CountOutcome, CountSession } from "@/client/warehouse/count-session";
import { abandonDraft, submitDraft, type DraftWriter, type SubmittedCount } from "@/client/warehouse/count-store";
import { countCue, countTally } from "@/domain/warehouse/count-cue";
import { CountLists, LastScan, Tally } from "./count-lists";
import { CountScanner } from "./count-scanner";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";

/** Marked for every tag the count takes (not a repeat), with the tag: the scanning-rate bench reads these. */
const COUNTED_MARK = "count.counted";

/**
 * The count running: counters, the camera (continuous, a tap to pause) and a typed-code field, what the last scan was
 * (colour, sound, buzz), and the lists so far. Every scan is saved in the draft at once; submit queues it once.
 */
export function CountLive({
  session,
  facts,
  writer,
  onSubmitted,
}: {
  session: CountSession;
  facts: CountFacts;
  writer: DraftWriter;
  onSubmitted: (s: SubmittedCount) => void;
}) {
  const t = useTranslations("warehouseCount");
  const zoneName = useZoneName();
  const viewer = useViewer();
  const { store, deviceId, flush } = useSync();
  const [, setTick] = useState(0);
  const [last, setLast] = useState<{ outcome: CountOutcome; n: number } | null>(null);
  const [paused, setPaused] = useState(false);
  const [asking, setAsking] = useState<"submit" | "abandon" | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<"invalid" | "saveFailed" | null>(null);
  const seq = useRef(0);

  const onTag = useCallback(
    (tag: string): CountOutcome => {
      const outcome = session.scan(tag);
      const cue = countCue(outcome);
      if (cue.counted) {
        performance.mark(COUNTED_MARK, { detail: tag });
        void writer.save(session.draft);
      }
      if (cue.tone !== "none") {
        const settings = loadSettings();
        if (settings.beep) beep(cue.tone === "problem");
        if (settings.vibrate) vibrate(cue.tone === "problem");
      }
      seq.current += 1;
      setLast({ outcome, n: seq.current });
      setTick((n) => n + 1);
      return outcome;
    },
    [session, writer],
  );

  const submit = async () => {
    if (!store || !deviceId) return;
    setBusy(true);
    setProblem(null);
    try {
      await writer.flush();
      const r = await submitDraft({ store, userId: viewer.id, deviceId }, session.draft);
      if (!r.ok) {
        setProblem("invalid");
        setBusy(false);
        setAsking(null);
        return;
      }
      flush("queued");
      onSubmitted(r.submitted);
    } catch {
      setProblem("saveFailed");
      setBusy(false);
      setAsking(null);
    }
  };

  const abandon = async () => {
    if (!store || !deviceId) return;
    setBusy(true);
    await writer.flush();
    await abandonDraft(store, deviceId, session.draft.zoneCode);
    window.location.hash = "";
  };

  const tally = countTally(session.count);
  const zone = facts.zone;
  return (
    <div className="stack" data-testid="count-page" data-zone={zone.code} data-count-id={session.draft.id} data-scans={session.draft.scans.length}>
      <div>
        <h1 style={{ marginBottom: 2 }}>{t("title", { zone: zoneName(zone.code) })}</h1>
        <p className="muted small mono">{zone.code}</p>
      </div>
      <Tally tally={tally} />
      <LastScan key={last?.n ?? 0} outcome={last?.outcome ?? null} zone={zone} zoneName={zoneName} />
      <CountScanner paused={paused} onPause={setPaused} onTag={onTag} />
      <CountLists session={session} zone={zone} />
      {problem && (
        <p className="alert" data-tone="bad" role="alert" data-testid="count-problem">
          {t(problem)}
        </p>
      )}
      <button type="button" className="btn block big-action" disabled={busy || !store} onClick={() => setAsking("submit")} data-testid="count-submit">
        {t("submit", { count: session.draft.scans.length })}
      </button>
      <div className="two-actions">
        <HashLink path="/warehouse/count" hash="" className="btn secondary block">
          {t("allZones")}
        </HashLink>
        <button type="button" className="btn danger block" disabled={busy} onClick={() => setAsking("abandon")} data-testid="count-abandon">
          {t("abandon")}
        </button>
      </div>
      <ConfirmDialog
        open={asking === "submit"}
        title={t("submitTitle", { zone: zoneName(zone.code) })}
        body={t("submitBody", { missing: tally.missing, differences: tally.missing + tally.unexpected + tally.wrongLabel + tally.unknown })}
        confirmLabel={t("submitYes")}
        cancelLabel={t("back")}
        pending={busy}
        onConfirm={() => void submit()}
        onCancel={() => setAsking(null)}
        testId="count-submit-confirm"
      />
      <ConfirmDialog
        open={asking === "abandon"}
        title={t("abandonTitle")}
        body={t("abandonBody", { count: session.draft.scans.length })}
        confirmLabel={t("abandonYes")}
        cancelLabel={t("back")}
        destructive
        pending={busy}
        onConfirm={() => void abandon()}
        onCancel={() => setAsking(null)}
        testId="count-abandon-confirm"
      />
    </div>
  );
}
