"use client";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import { loanDecisionNeedsReason } from "@/domain/instruments/loans";
import type { TDecision } from "@/domain/instruments/names";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import { DecisionDone, type TDone } from "./decision-done";
import { DecisionReason } from "./decision-reason";
import { InstrumentRecords } from "./instrument-records";
import { ScrapApprovals } from "./scrap-approvals";

/**
 * The department head's approvals on the phone (Procedure 4: long-term loans need the head's signature): each
 * request with who asks, for what instrument and why; approve or reject with a reason (required to reject).
 * Decided online: the server re-checks every lending rule (permit, availability, dispatch reserve) at that moment.
 */
function Approvals() {
  const t = useTranslations("instrumentsUi.approvals");
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.pendingApprovals.queryOptions());
  // the outcome of the last decision, said for what was decided (a loan or a scrapping); cleared when the head
  // starts the next decision, so no earlier message stays beside it
  const [done, setDone] = useState<TDone | null>(null);
  const start = () => setDone(null);
  return (
    <div className="stack" data-testid="approvals-home">
      <DecisionDone done={done} />
      <h2>{t("loansTitle")}</h2>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("noLoans")} onRetry={() => void q.refetch()}>
        <ul className="list" data-testid="loan-requests">
          {q.data?.map((r) => (
            <LoanRequest key={r.loanId} r={r} onStart={start} onDone={(decision) => setDone({ kind: "loan", decision, tag: r.assetTag })} />
          ))}
        </ul>
      </QueryState>
      <ScrapApprovals onStart={start} onDone={setDone} />
      <Link className="btn secondary block" href="/instruments/register">
        {t("register")}
      </Link>
    </div>
  );
}

interface TRequestRow {
  loanId: string;
  purpose: string;
  requestedAt: Date | string;
  borrowerName: string | null;
  assetTag: string;
  name: string;
  model: string;
  category: "special" | "public";
}

function LoanRequest({ r, onStart, onDone }: { r: TRequestRow; onStart: () => void; onDone: (d: TDecision) => void }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi.approvals");
  const when = useWhen();
  const trpc = useTRPC();
  const client = useQueryClient();
  const { flush } = useSync();
  const [decision, setDecision] = useState<TDecision | null>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const m = useMutation(
    trpc.instruments.decideLoan.mutationOptions({
      onSuccess: async (_data, vars) => {
        onDone(vars.decision);
        await client.invalidateQueries({ queryKey: trpc.instruments.pendingApprovals.queryKey() });
        // the register on this phone follows at once (the instrument is now on loan)
        flush();
      },
    }),
  );
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!decision) return;
    if (loanDecisionNeedsReason(decision) && !reason.trim()) {
      setMissing(true);
      return;
    }
    m.mutate({ loanId: r.loanId, decision, reason });
  };
  return (
    <li data-testid="loan-request" data-tag={r.assetTag} data-loan={r.loanId}>
      <div className="title-row">
        <strong>{r.name}</strong>
        <span className="mono small">{r.assetTag}</span>
      </div>
      <p className="muted small">
        {r.model} · {t(`instrumentCategory.${r.category}`)}
      </p>
      <p style={{ fontWeight: 800, margin: "8px 0 2px" }}>{tu("asks", { name: r.borrowerName ?? "—" })}</p>
      <p className="request-purpose">“{r.purpose}”</p>
      <p className="muted small">{tu("requestedAt", { time: when(r.requestedAt instanceof Date ? r.requestedAt.toISOString() : r.requestedAt) })}</p>
      <InstrumentRecords assetTag={r.assetTag} />
      {decision === null ? (
        <div className="decision">
          <button
            type="button"
            className="btn big-action"
            onClick={() => {
              onStart();
              setDecision("approve");
            }}
            data-testid="approve"
          >
            {tu("approve")}
          </button>
          <button
            type="button"
            className="btn danger big-action"
            onClick={() => {
              onStart();
              setDecision("reject");
            }}
            data-testid="reject"
          >
            {tu("reject")}
          </button>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack" data-testid="decision-form" data-decision={decision}>
          <DecisionReason required={loanDecisionNeedsReason(decision)} value={reason} onChange={setReason} missing={missing} testId="decision-reason" />
          <OnlineError error={m.error} testId="decision-error" />
          <div className="decision">
            <button
              type="submit"
              className={decision === "approve" ? "btn big-action" : "btn danger big-action"}
              disabled={m.isPending}
              data-testid="decision-save"
            >
              {decision === "approve" ? tu("confirmApprove") : tu("confirmReject")}
            </button>
            <button
              type="button"
              className="btn secondary big-action"
              disabled={m.isPending}
              onClick={() => {
                setDecision(null);
                setMissing(false);
                m.reset();
              }}
              data-testid="decision-cancel"
            >
              {tu("back")}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** The department head's home: a customer's complaint recorded in one tap (first-asker), then the approvals. */
export function ApprovalsHome() {
  const t = useTranslations("complaintsDesk.links");
  return (
    <>
      <RecordComplaintLink />
      {/* the department's complaint forms (the desk shows a head only their department's and those it concerns) */}
      <Link className="btn secondary block" href="/complaints/desk" data-testid="head-complaints" style={{ marginTop: 12 }}>
        {t("desk")}
      </Link>
      <Approvals />
    </>
  );
}
