"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { ConfirmDialog } from "@/app/_ui/confirm";
import { HashLink } from "@/app/_ui/hash-link";
import { useViewer } from "@/app/_ui/viewer";
import type { CachedPropertyRound } from "@/client/property/stores";
import {
  groupedItems,
  putResult,
  putSignature,
  resultOf,
  roundProgress,
  signBlocker,
  submitBlocker,
  type DraftSignature,
  type RoundDraft,
  type TResultPatch,
  type TSubmitBlocker,
} from "@/client/property/round";
import { RoundWriter, submitRound } from "@/client/property/round-store";
import { useSync } from "@/client/sync/provider";
import { formatOperatorDay } from "@/domain/time/operator";
import { CaseSummary } from "./case-summary";
import { ItemCard } from "./item-card";
import { Signatures } from "./signatures";

/**
 * The round being recorded: the case, the checklist grouped by its groups with the progress, the inspectors'
 * signatures, and submit (disabled, with the reason, until the domain's rules allow it). Every change is kept in the
 * draft at once; submit queues the round once, with no signal too.
 */
export function RoundLive({ round, initial, onSubmitted }: { round: CachedPropertyRound; initial: RoundDraft; onSubmitted: (d: RoundDraft) => void }) {
  const t = useTranslations("propertyPhone");
  const tr = useTranslations();
  const locale = useLocale();
  const viewer = useViewer();
  const { store, deviceId, flush } = useSync();
  const writer = useMemo(() => (store && deviceId ? new RoundWriter(store, deviceId, round.id) : null), [store, deviceId, round.id]);
  const [draft, setDraft] = useState(initial);
  const latest = useRef(initial);
  const [unsigned, setUnsigned] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const commit = useCallback(
    (next: RoundDraft) => {
      latest.current = next;
      setDraft(next);
      setProblem(null);
      void writer?.save(next);
    },
    [writer],
  );
  const onChange = useCallback(
    (itemId: string, patch: TResultPatch) => {
      const r = putResult(latest.current, itemId, patch);
      if (r.unsigned) {
        setUnsigned(true);
        setGeneration((g) => g + 1);
      }
      commit(r.draft);
    },
    [commit],
  );
  const onSign = useCallback(
    (userId: string, s: DraftSignature | null) => {
      if (s) setUnsigned(false);
      commit(putSignature(latest.current, userId, s));
    },
    [commit],
  );

  const groups = groupedItems(round.items);
  const progress = roundProgress(round, draft);
  const actor = { id: viewer.id, role: viewer.role, department: viewer.department };
  const blocker = submitBlocker(round, draft, actor);
  const clauseOf = (itemId: string) => round.items.find((i) => i.itemId === itemId)?.clause ?? "";
  const nameOf = (userId: string) => round.inspectors.find((i) => i.userId === userId)?.name ?? userId;

  const submit = async () => {
    if (!store || !deviceId || !writer) return;
    setBusy(true);
    try {
      await writer.flush();
      const r = await submitRound({ store, userId: viewer.id, deviceId }, round, latest.current);
      if (!r.ok) {
        setProblem(t("problem.invalid", { problem: tr.has(r.problem) ? tr(r.problem) : r.problem }));
        setBusy(false);
        setAsking(false);
        return;
      }
      flush("queued");
      onSubmitted(r.draft);
    } catch {
      setProblem(t("problem.saveFailed"));
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <div className="stack" data-testid="round-page" data-round-id={round.id} data-done={progress.done} data-failed={progress.failed}>
      <div>
        <h1 style={{ marginBottom: 2 }}>{t("round.title", { code: round.caseCode, n: round.roundNo })}</h1>
        <p className="muted small" style={{ margin: 0 }}>
          {t("round.scheduledFor", { day: formatOperatorDay(round.scheduledFor, locale) })}
        </p>
        {round.roundNo > 1 && (
          <p className="small" style={{ margin: "4px 0 0", fontWeight: 700 }} data-testid="round-reinspection">
            {t("round.reinspection")}
          </p>
        )}
        {round.note && <p className="small">{t("round.officeNote", { note: round.note })}</p>}
      </div>
      <CaseSummary round={round} />
      <section className="card" style={{ padding: "10px 14px" }} data-testid="round-progress" aria-live="polite">
        <p style={{ fontSize: "1.2rem", fontWeight: 800, margin: 0 }}>
          {t("items.progress", { done: progress.done, total: progress.total })} · {t("items.failedCount", { count: progress.failed })}
        </p>
        {progress.verdict && (
          <p className="small" style={{ margin: "4px 0 0" }} data-testid="round-verdict" data-verdict={progress.verdict}>
            {t(`items.verdict.${progress.verdict}`)}
          </p>
        )}
      </section>
      <h2 style={{ marginBottom: 0 }}>{t("items.title")}</h2>
      {groups.map((g) => (
        <section key={g.group} aria-label={g.group}>
          <h3 style={{ margin: "14px 0 6px" }}>{g.group}</h3>
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {g.items.map((item) => (
              <ItemCard key={item.itemId} item={item} value={resultOf(draft, item.itemId)} onChange={onChange} />
            ))}
          </ul>
        </section>
      ))}
      <label className="field">
        <span>{t("roundNote")}</span>
        <textarea
          className="input"
          rows={2}
          maxLength={1000}
          value={draft.note}
          onChange={(e) => commit({ ...latest.current, note: e.target.value })}
          data-testid="round-note"
        />
      </label>
      <Signatures
        inspectors={round.inspectors}
        signatures={draft.signatures}
        blocker={signBlocker(round, draft)}
        clauseOf={clauseOf}
        unsigned={unsigned}
        generation={generation}
        onSign={onSign}
      />
      {problem && (
        <p className="alert" data-tone="bad" role="alert" data-testid="round-problem">
          {problem}
        </p>
      )}
      {blocker && (
        <p className="muted" data-testid="round-submit-reason" data-reason={blocker.kind} role="status">
          {blockerText(blocker, t, clauseOf, nameOf)}
        </p>
      )}
      <button
        type="button"
        className="btn block big-action"
        disabled={blocker !== null || busy || !store}
        onClick={() => setAsking(true)}
        data-testid="round-submit"
      >
        {t("submit.button")}
      </button>
      <HashLink path="/property/rounds" hash="" className="btn secondary block">
        {t("allRounds")}
      </HashLink>
      <ConfirmDialog
        open={asking}
        title={t("submit.title", { code: round.caseCode, n: round.roundNo })}
        body={
          <>
            <strong>
              {progress.verdict === "failed"
                ? t("submit.failed", { count: progress.failed, code: round.caseCode })
                : t("submit.passed", { code: round.caseCode })}
            </strong>{" "}
            {t("submit.final")}
          </>
        }
        confirmLabel={t("submit.yes")}
        cancelLabel={t("submit.back")}
        pending={busy}
        onConfirm={() => void submit()}
        onCancel={() => setAsking(false)}
        testId="round-submit-confirm"
      />
    </div>
  );
}

function blockerText(
  b: TSubmitBlocker,
  t: ReturnType<typeof useTranslations<"propertyPhone">>,
  clauseOf: (id: string) => string,
  nameOf: (id: string) => string,
): string {
  switch (b.kind) {
    case "results":
      return t("submit.blocked.results", { left: b.left });
    case "failNote":
      return t("submit.blocked.failNote", { clause: clauseOf(b.itemId) });
    case "signatures":
      return t("submit.blocked.signatures", { names: b.missing.map(nameOf).join(t("submit.blocked.separator")) });
    default:
      return t(`submit.blocked.${b.kind}`);
  }
}
