"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";
import { CALIBRATION_TONE } from "@/app/_ui/instruments/tones";
import { UsageList } from "@/app/_ui/instruments/server-usage";

/**
 * What a head looks at before deciding (issue 10, defect 10): the instrument's calibration state and permit, who
 * holds it, its calibration certificates and its usage file (loans, returns, faults, repairs), opened in place
 * on the approval card.
 */
export function InstrumentRecords({ assetTag }: { assetTag: string }) {
  const tu = useTranslations("instrumentsUi");
  const [open, setOpen] = useState(false);
  return (
    <div className="instrument-records" data-testid="instrument-records" data-open={open}>
      <button type="button" className="btn secondary block" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="open-records">
        {open ? tu("approvals.hideRecords") : tu("approvals.showRecords")}
      </button>
      {open && <Records assetTag={assetTag} />}
    </div>
  );
}

function Records({ assetTag }: { assetTag: string }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi");
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.instruments.get.queryOptions({ assetTag }), retry: false });
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {tu("loading")}
      </p>
    );
  if (q.isError || !q.data)
    return (
      <div className="alert" data-tone="bad" role="alert" data-testid="records-error">
        {tu("approvals.recordsUnavailable")}
        <button type="button" className="btn secondary block" style={{ marginTop: 8 }} onClick={() => void q.refetch()}>
          {tu("approvals.retry")}
        </button>
      </div>
    );
  const d = q.data;
  const i = d.instrument;
  return (
    <div className="card" style={{ marginTop: 10 }} data-testid="records">
      <div className="row instrument-badges">
        <StatusBadge kind="instrument" status={i.status} />
        <span className="badge" data-tone={CALIBRATION_TONE[d.calibrationState]} data-testid="records-calibration" data-state={d.calibrationState}>
          {t(`instruments.calibrationState.${d.calibrationState}`)}
          {i.calibrationDue && ` · ${i.calibrationDue}`}
        </span>
        <span className="badge" data-tone={d.permitValid ? "ok" : "bad"}>
          {d.permitValid ? tu("permit.valid") : tu("permit.invalid")}
        </span>
      </div>
      <dl className="facts">
        <dt>{tu("register.intake")}</dt>
        <dd>
          {i.intakeDate} · {tu("register.life", { years: i.serviceLifeYears, date: d.endOfLifeOn })}
        </dd>
        {d.loan && (
          <>
            <dt>{tu("facts.holder")}</dt>
            <dd>
              {d.loan.borrowerName ?? "—"} · {t(`instruments.loanTerm.${d.loan.term}`)} · {tu("facts.due")} {d.loan.dueOn ?? "—"}
            </dd>
          </>
        )}
      </dl>
      <UsageList data={d} />
    </div>
  );
}
