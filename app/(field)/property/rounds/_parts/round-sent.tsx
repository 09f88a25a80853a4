"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { useReadCache } from "@/app/_ui/use-read-cache";
import type { CachedPropertyRound } from "@/client/property/stores";
import { itemText, orderedItems, resultOf, roundProgress, settledDraft, type RoundDraft } from "@/client/property/round";
import { settleRound } from "@/client/property/draft-store";
import { reopenRound, roundStateOf } from "@/client/property/round-store";
import { useSync } from "@/client/sync/provider";
import { rejectionMessageKey } from "@/domain/sync/codes";
import { STATE_TONE } from "./round-list";

/**
 * A round submitted from this phone, or decided: not sent yet, sent and waiting for the sync, then the server's
 * verdict as the feed brings it; a refusal with its reason and the way back to change it.
 */
export function RoundSent({ round, draft, onReopen }: { round: CachedPropertyRound; draft: RoundDraft; onReopen: (d: RoundDraft) => void }) {
  const t = useTranslations("propertyPhone");
  const tr = useTranslations();
  const tp = useTranslations("property");
  const locale = useLocale();
  const { store, deviceId, rejections } = useSync();
  const [busy, setBusy] = useState(false);
  const st = useReadCache(`property-round-state:${round.id}:${draft.submittedAt ?? ""}`, (s, device) => roundStateOf(s, device, round, rejections));
  const state = st.data?.state ?? (draft.submittedAt ? "queued" : round.status === "scheduled" ? "none" : round.status);
  const refusal = st.data?.refusal ?? null;
  const mine = draft.submittedAt !== null;
  const decided = state === "passed" || state === "failed" || state === "cancelled";
  // decided: the server keeps the photos and signatures; the phone lets go of its copies
  useEffect(() => {
    if (decided && store && deviceId) void settleRound(store, deviceId, draft, settledDraft(draft));
  }, [decided, store, deviceId, draft]);
  const progress = roundProgress(round, draft);
  const failedItems = orderedItems(round.items).filter((i) => resultOf(draft, i.itemId).result === "fail");

  const message =
    state === "queued"
      ? t("sent.queued")
      : state === "sent"
        ? t("sent.sent")
        : state === "refused"
          ? t("sent.refused", { reason: refusal?.reasonCode ? tr(rejectionMessageKey(refusal.reasonCode)) : tr("sync.reasonUnknown") })
          : state === "passed" || state === "failed" || state === "cancelled"
            ? t(`sent.verdict.${state}`)
            : "";
  const reopen = async () => {
    if (!store || !deviceId) return;
    setBusy(true);
    onReopen(await reopenRound(store, deviceId, draft));
  };
  return (
    <div className="stack" data-testid="round-sent" data-round-id={round.id} data-state={state}>
      <h1 style={{ marginBottom: 2 }}>{mine ? t("sent.title") : t("round.title", { code: round.caseCode, n: round.roundNo })}</h1>
      <p className="muted" style={{ margin: 0 }}>
        <span className="mono">{round.caseCode}</span> · {tp("round.number", { n: round.roundNo })} · {round.customerName}
      </p>
      {!mine && round.status !== "cancelled" && <p className="small">{t("round.otherPhone")}</p>}
      <div className="alert" data-tone={STATE_TONE[state]} role="status" data-testid="round-sent-state">
        <strong>{message}</strong>
        {mine && (
          <p style={{ margin: "6px 0 0" }}>
            {t("sent.recorded", { total: progress.done, failed: progress.failed, signed: Object.keys(draft.signatures).length })}
          </p>
        )}
      </div>
      {mine && failedItems.length > 0 && (
        <section className="card" style={{ padding: "10px 14px" }}>
          <h2 style={{ margin: "0 0 6px" }}>{t("sent.failedItems")}</h2>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {failedItems.map((i) => (
              <li key={i.itemId}>
                <span className="mono small">{i.clause}</span> {itemText(i, locale)} — “{resultOf(draft, i.itemId).note}”
              </li>
            ))}
          </ul>
        </section>
      )}
      {state === "refused" && round.status === "scheduled" && (
        <button type="button" className="btn block big-action" disabled={busy} onClick={() => void reopen()} data-testid="round-reopen">
          {t("sent.reopen")}
        </button>
      )}
      <HashLink path="/property/rounds" hash="" className="btn secondary block" data-testid="round-all">
        {t("allRounds")}
      </HashLink>
    </div>
  );
}
