"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import { scrapDecisionNeedsReason } from "@/domain/instruments/scrap";
import type { TDecision, TScrapReason } from "@/domain/instruments/names";
import { OnlineError } from "../../instruments/_parts/online-error";
import { DecisionReason } from "./decision-reason";

/**
 * Scrapping waiting for this head (the instrument's department): confirmed by the custodian, decided here with a
 * reason. An approved scrapping is final: the instrument can never be lent again.
 */
export function ScrapApprovals({ onDone }: { onDone: (d: TDecision) => void }) {
  const t = useTranslations("instrumentsUi.approvals");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.pendingScraps.queryOptions());
  return (
    <>
      <h2>{t("scrapsTitle")}</h2>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("noScraps")} onRetry={() => void q.refetch()}>
        <ul className="list" data-testid="scrap-requests">
          {q.data?.map((r) => (
            <ScrapRequest key={r.requestId} r={r} onDone={onDone} />
          ))}
        </ul>
      </QueryState>
    </>
  );
}

interface TScrapRow {
  requestId: string;
  reason: TScrapReason;
  note: string;
  requestedAt: Date | string;
  requestedByName: string | null;
  assetTag: string;
  name: string;
  model: string;
}

function ScrapRequest({ r, onDone }: { r: TScrapRow; onDone: (d: TDecision) => void }) {
  const tu = useTranslations("instrumentsUi.approvals");
  const when = useWhen();
  const trpc = useTRPC();
  const client = useQueryClient();
  const { flush } = useSync();
  const [decision, setDecision] = useState<TDecision | null>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const m = useMutation(
    trpc.instruments.decideScrap.mutationOptions({
      onSuccess: async (_data, vars) => {
        onDone(vars.decision);
        await client.invalidateQueries({ queryKey: trpc.instruments.pendingScraps.queryKey() });
        flush();
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!decision) return;
    if (scrapDecisionNeedsReason() && !reason.trim()) return setMissing(true);
    m.mutate({ requestId: r.requestId, decision, reason });
  };
  return (
    <li data-testid="scrap-request" data-tag={r.assetTag}>
      <div className="title-row">
        <strong>{r.name}</strong>
        <span className="mono small">{r.assetTag}</span>
      </div>
      <p style={{ fontWeight: 800, margin: "8px 0 2px" }}>{tu(`scrapReason.${r.reason}`)}</p>
      {r.note && <p className="request-purpose">“{r.note}”</p>}
      <p className="muted small">{tu("confirmedBy", { name: r.requestedByName ?? "—", time: when(r.requestedAt instanceof Date ? r.requestedAt.toISOString() : r.requestedAt) })}</p>
      {decision === null ? (
        <div className="decision">
          <button type="button" className="btn danger big-action" onClick={() => setDecision("approve")} data-testid="scrap-approve">
            {tu("approveScrap")}
          </button>
          <button type="button" className="btn secondary big-action" onClick={() => setDecision("reject")} data-testid="scrap-reject">
            {tu("rejectScrap")}
          </button>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack" data-decision={decision}>
          {decision === "approve" && <p className="alert" data-tone="bad">{tu("scrapFinal")}</p>}
          <DecisionReason required={scrapDecisionNeedsReason()} value={reason} onChange={setReason} missing={missing} testId="scrap-reason" />
          <OnlineError error={m.error} testId="scrap-error" />
          <div className="decision">
            <button type="submit" className="btn danger big-action" disabled={m.isPending} data-testid="scrap-save">
              {decision === "approve" ? tu("confirmScrap") : tu("confirmReject")}
            </button>
            <button type="button" className="btn secondary big-action" disabled={m.isPending} onClick={() => (setDecision(null), setMissing(false), m.reset())}>
              {tu("back")}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
