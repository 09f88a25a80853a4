"use client";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { ConfirmDialog } from "@/app/_ui/confirm";
import { HashLink } from "@/app/_ui/hash-link";
import { useViewer } from "@/app/_ui/viewer";
import { beep, loadSettings, vibrate } from "@/app/(field)/scan/_parts/feedback";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";
import { CountScanner } from "@/app/(field)/warehouse/count/_parts/count-scanner";
import { useSync } from "@/client/sync/provider";
import { lookUp, putMark, removeMark, walkTally, type TScanned, type WalkDraft, type WalkMark } from "@/client/quality/walk";
import { abandonWalk, submitWalk, type SubmittedWalk, type WalkWriter } from "@/client/quality/walk-store";
import { FreeFinding } from "./free-finding";
import { MarkList } from "./mark-list";
import { ScannedCard } from "./scanned-card";
import type { WalkFacts } from "./walk-view";

type TProblem = "noMarks" | "invalid" | "saveFailed";

/**
 * The walk running: what was marked so far, the last tag scanned with what its label should be and the four marks,
 * the scanner (the stock-take's: camera, continuous, or a typed tag), a finding without a tag, the list, and submit.
 * Every mark is kept in the draft at once; submit queues the check once, with no signal too.
 */
export function WalkLive({
  walkKey,
  initial,
  facts,
  writer,
  onSubmitted,
}: {
  walkKey: string;
  initial: WalkDraft;
  facts: WalkFacts;
  writer: WalkWriter;
  onSubmitted: (s: SubmittedWalk) => void;
}) {
  const t = useTranslations("qualityPhone");
  const zoneName = useZoneName();
  const viewer = useViewer();
  const { store, deviceId, flush } = useSync();
  const [draft, setDraft] = useState<WalkDraft>(initial);
  const [scanned, setScanned] = useState<{ s: TScanned; n: number } | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [freeOpen, setFreeOpen] = useState(false);
  const [paused, setPaused] = useState(false);
  const [asking, setAsking] = useState<"submit" | "abandon" | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ kind: TProblem; markId: string | null } | null>(null);
  const seq = useRef(0);

  const change = useCallback(
    (next: (d: WalkDraft) => WalkDraft) => {
      setDraft((d) => {
        const n = next(d);
        void writer.save(n);
        return n;
      });
      setProblem(null);
    },
    [writer],
  );

  const onTag = useCallback(
    (tag: string) => {
      const s = lookUp(tag, facts.byTag.get(tag), facts.zone);
      const settings = loadSettings();
      if (settings.beep) beep(s.kind === "unknown" || (s.kind === "item" && s.hint !== null));
      if (settings.vibrate) vibrate(s.kind === "unknown");
      seq.current += 1;
      // a new tag takes the card: a finding form left open on the last one goes with it
      setFormOpen(false);
      setScanned({ s, n: seq.current });
    },
    [facts],
  );

  const onMark = (mark: WalkMark) => change((d) => putMark(d, mark));

  const submit = async () => {
    if (!store || !deviceId) return;
    if (draft.marks.length === 0) {
      setProblem({ kind: "noMarks", markId: null });
      setAsking(null);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await writer.flush();
      const r = await submitWalk({ store, userId: viewer.id, deviceId }, walkKey, draft);
      if (!r.ok) {
        setProblem({ kind: "invalid", markId: r.markId });
        setBusy(false);
        setAsking(null);
        return;
      }
      flush("queued");
      onSubmitted(r.submitted);
    } catch {
      setProblem({ kind: "saveFailed", markId: null });
      setBusy(false);
      setAsking(null);
    }
  };

  const abandon = async () => {
    if (!store || !deviceId) return;
    setBusy(true);
    await writer.flush();
    await abandonWalk(store, deviceId, walkKey);
    window.location.hash = "";
  };

  const tally = walkTally(draft);
  const zone = facts.zone;
  const zoneItems = zone ? [...facts.byTag.values()].filter((i) => i.zoneCode === zone.code) : [];
  const marked = new Set(draft.marks.map((m) => m.tag));
  const zoneLeft = zoneItems.filter((i) => !marked.has(i.tagCode)).length;
  return (
    <div className="stack" data-testid="walk-page" data-check-id={draft.id} data-marks={draft.marks.length} data-findings={tally.findings}>
      <div>
        <h1 style={{ marginBottom: 2 }}>{draft.planned && draft.code ? t("walk.plannedTitle", { code: draft.code }) : t("walk.unplannedTitle")}</h1>
        <p className="muted small">{zone ? t("walk.where", { zone: zoneName(zone.code), code: zone.code }) : t("walk.noZone")}</p>
        {facts.planNote && <p className="small">{t("walk.planNote", { note: facts.planNote })}</p>}
      </div>
      <section className="card" style={{ padding: "10px 14px" }} data-testid="walk-tally">
        <p style={{ fontSize: "1.25rem", fontWeight: 800, margin: 0 }}>{t("walk.tally", { marks: tally.marks, findings: tally.findings })}</p>
        {zone && (
          <p className="muted small" style={{ margin: "4px 0 0" }} data-testid="walk-zone-left">
            {t("walk.zoneLeft", { count: zoneLeft })}
          </p>
        )}
      </section>
      <ScannedCard
        key={scanned?.n ?? 0}
        scanned={scanned?.s ?? null}
        existing={scanned ? draft.marks.find((m) => m.tag === scanned.s.tag) : undefined}
        onMark={onMark}
        onFormOpen={setFormOpen}
      />
      {/* while a finding's photo and note are being taken, the camera is let go (and the form is what is on screen) */}
      {!formOpen && !freeOpen && (
        <CountScanner paused={paused} onPause={setPaused} onTag={onTag} words={{ add: t("scan.add"), notTag: (kind) => t("scan.notTag", { kind }) }} />
      )}
      {!formOpen && <FreeFinding open={freeOpen} onOpen={setFreeOpen} onMark={onMark} />}
      <MarkList marks={draft.marks} problemMarkId={problem?.markId ?? null} onRemove={(id) => change((d) => removeMark(d, id))} />
      {problem && (
        <p className="alert" data-tone="bad" role="alert" data-testid="walk-problem">
          {t(`problem.${problem.kind}`)}
        </p>
      )}
      <button type="button" className="btn block big-action" disabled={busy || !store} onClick={() => setAsking("submit")} data-testid="walk-submit">
        {t("submit", { count: draft.marks.length })}
      </button>
      <div className="two-actions">
        <HashLink path="/quality/check" hash="" className="btn secondary block">
          {t("allChecks")}
        </HashLink>
        <button type="button" className="btn danger block" disabled={busy} onClick={() => setAsking("abandon")} data-testid="walk-abandon">
          {t("abandon")}
        </button>
      </div>
      <ConfirmDialog
        open={asking === "submit"}
        title={t("submitTitle")}
        body={t("submitBody", { findings: tally.findings })}
        confirmLabel={t("submitYes")}
        cancelLabel={t("back")}
        pending={busy}
        onConfirm={() => void submit()}
        onCancel={() => setAsking(null)}
        testId="walk-submit-confirm"
      />
      <ConfirmDialog
        open={asking === "abandon"}
        title={t("abandonTitle")}
        body={t("abandonBody", { count: draft.marks.length })}
        confirmLabel={t("abandonYes")}
        cancelLabel={t("back")}
        destructive
        pending={busy}
        onConfirm={() => void abandon()}
        onCancel={() => setAsking(null)}
        testId="walk-abandon-confirm"
      />
    </div>
  );
}
