"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import { scrapDecisionNeedsReason } from "@/domain/instruments/scrap";
import type { TDecision, TScrapReason } from "@/domain/instruments/names";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import { ConfirmButton } from "@/app/_ui/confirm";
import type { TDone } from "./decision-done";
import { DecisionReason } from "./decision-reason";
import { InstrumentRecords } from "./instrument-records";

/**
 * Scrapping waiting for this leader (the one named in the instrument settings, a department head or the general
 * manager; else the instrument's department head): verified by the custodian, decided here with a reason, after
 * looking at its calibration and usage records. An approved scrapping is final: the instrument can
 * never be lent again, so approving asks for confirmation first, saying so.
 */
export function ScrapApprovals({ onStart, onDone }: { onStart: () => void; onDone: (d: TDone) => void }) {
  const t = useTranslations("instrumentsUi.approvals");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.pendingScraps.queryOptions());
  return (
    <>
      <h2>{t("scrapsTitle")}</h2>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("noScraps")} onRetry={() => void q.refetch()}>
        <ul className="list" data-testid="scrap-requests">
          {q.data?.map((r) => (
            <ScrapRequest key={r.requestId} r={r} onStart={onStart} onDone={(decision) => onDone({ kind: "scrap", decision, tag: r.assetTag })} />
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

function ScrapRequest({ r, onStart, onDone }: { r: TScrapRow; onStart: () => void; onDone: (d: TDecision) => void }) {
  const tu = useTranslations("instrumentsUi.approvals");
  const when = useWhen();
  const trpc = useTRPC();
  const client = useQueryClient();
  const { flush } = useSync();
  const [decision, setDecision] = useState<TDecision | null>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const m = useMutation(
    trpc.instruments.decideScrap.mutationOptions({
      onSuccess: async (_data, vars) => {
        onDone(vars.decision);
        await client.invalidateQueries({ queryKey: trpc.instruments.pendingScraps.queryKey() });
        flush();
      },
    }),
  );
  /** The reason first (named and focused when missing); true when the decision may be sent. */
  const ready = (): boolean => {
    if (scrapDecisionNeedsReason() && !reason.trim()) {
      setMissing(true);
      return false;
    }
    setMissing(false);
    return true;
  };
  const send = () => decision && m.mutate({ requestId: r.requestId, decision, reason });
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    // approving is final: only through its confirmation
    if (decision === "reject" && ready()) send();
  };
  return (
    <li data-testid="scrap-request" data-tag={r.assetTag}>
      <div className="title-row">
        <strong>{r.name}</strong>
        <span className="mono small">{r.assetTag}</span>
      </div>
      <p style={{ fontWeight: 800, margin: "8px 0 2px" }}>{tu(`scrapReason.${r.reason}`)}</p>
      {r.note && <p className="request-purpose">“{r.note}”</p>}
      <p className="muted small">
        {tu("confirmedBy", { name: r.requestedByName ?? "—", time: when(r.requestedAt instanceof Date ? r.requestedAt.toISOString() : r.requestedAt) })}
      </p>
      <InstrumentRecords assetTag={r.assetTag} />
      {decision === null ? (
        <div className="decision">
          <button
            type="button"
            className="btn danger big-action"
            onClick={() => {
              onStart();
              setDecision("approve");
            }}
            data-testid="scrap-approve"
          >
            {tu("approveScrap")}
          </button>
          <button
            type="button"
            className="btn secondary big-action"
            onClick={() => {
              onStart();
              setDecision("reject");
            }}
            data-testid="scrap-reject"
          >
            {tu("rejectScrap")}
          </button>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack" data-decision={decision}>
          {decision === "approve" && (
            <p className="alert" data-tone="bad">
              {tu("scrapFinal")}
            </p>
          )}
          <DecisionReason required={scrapDecisionNeedsReason()} value={reason} onChange={setReason} missing={missing} testId="scrap-reason" />
          <OnlineError error={m.error} testId="scrap-error" />
          <div className="decision">
            {decision === "approve" ? (
              <ConfirmButton
                label={tu("confirmScrap")}
                title={tu("confirmScrapTitle", { name: r.name, tag: r.assetTag })}
                body={tu("confirmScrapBody")}
                confirmLabel={tu("confirmScrapYes")}
                cancelLabel={tu("back")}
                destructive
                disabled={m.isPending}
                beforeOpen={ready}
                onConfirm={send}
                onOpenChange={setConfirming}
                className="btn danger big-action"
                testId="scrap-save"
              />
            ) : (
              <button type="submit" className="btn danger big-action" disabled={m.isPending} data-testid="scrap-save">
                {tu("confirmReject")}
              </button>
            )}
            {!confirming && (
              <button
                type="button"
                className="btn secondary big-action"
                disabled={m.isPending}
                onClick={() => {
                  setDecision(null);
                  setMissing(false);
                  m.reset();
                }}
              >
                {tu("back")}
              </button>
            )}
          </div>
        </form>
      )}
    </li>
  );
}
