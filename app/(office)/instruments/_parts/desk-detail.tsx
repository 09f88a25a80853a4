"use client";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import { mayPrintLabel } from "@/domain/instruments/actions";
import { CALIBRATION_TONE } from "@/app/_ui/instruments/tones";
import { UsageList } from "@/app/_ui/instruments/server-usage";
import { CalibrationForm } from "./calibration-form";
import { InstrumentForm } from "./instrument-form";
import { LabelTools } from "./label-tools";
import { RepairScrap } from "./repair-scrap";
import { ScrapVerify } from "./scrap-verify";
import { ProposeScrapForm } from "@/app/_ui/instruments/propose-scrap";

/**
 * One instrument on the office register: its register entry, holder, calibration and permit, and for the
 * custodian the desk steps (record a calibration certificate, send to the designated repairer, record the
 * repairer's result, confirm scrapping), then its usage file and certificates.
 */
export function DeskDetail({ tag, canEdit }: { tag: string; canEdit: boolean }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { flush } = useSync();
  const q = useQuery({ ...trpc.instruments.get.queryOptions({ assetTag: tag }), retry: false });
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [proposing, setProposing] = useState(false);
  const refresh = async (what: string) => {
    setDone(what);
    await qc.invalidateQueries({ queryKey: trpc.instruments.get.queryKey({ assetTag: tag }) });
    await qc.invalidateQueries({ queryKey: trpc.instruments.list.queryKey() });
    // this phone's copy of the register follows (the custodian's scans read it)
    flush();
  };
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {tu("loading")}
      </p>
    );
  if (q.isError || !q.data)
    return (
      <div className="stack">
        <div className="alert" data-tone="bad" role="alert" data-testid="desk-unknown">
          {tu("unknown", { tag })}
        </div>
        <Link className="btn secondary" href="/instruments/register">
          {tu("register.back")}
        </Link>
      </div>
    );
  const d = q.data;
  const i = d.instrument;
  return (
    <div data-testid="desk-detail" data-tag={i.assetTag}>
      <p>
        <Link href="/instruments/register" className="back-link" data-testid="back-to-register">
          ← {tu("register.back")}
        </Link>
      </p>
      <section className="card item-head">
        <h1>{i.name}</h1>
        <div className="row muted">
          <span className="mono tag">{i.assetTag}</span>
          <span>·</span>
          <span>{t(`instrumentCategory.${i.category}`)}</span>
        </div>
        <p className="muted small mono" style={{ margin: "2px 0 0" }}>
          {i.model} / {i.serial}
        </p>
        <div className="row instrument-badges">
          <StatusBadge kind="instrument" status={i.status} />
          <span className="badge" data-tone={CALIBRATION_TONE[d.calibrationState]} data-testid="desk-calibration" data-state={d.calibrationState}>
            {t(`instruments.calibrationState.${d.calibrationState}`)}
            {i.calibrationDue && ` · ${i.calibrationDue}`}
          </span>
          <span className="badge" data-tone={d.permitValid ? "ok" : "bad"} data-testid="desk-permit" data-valid={d.permitValid}>
            {d.permitValid ? tu("permit.valid") : tu("permit.invalid")}
          </span>
        </div>
        <dl className="facts">
          <dt>{tu("facts.keeper")}</dt>
          <dd>
            {i.keeperName ?? tu("facts.central")} · {t(`departments.${i.department}`)}
          </dd>
          <dt>{tu("facts.location")}</dt>
          <dd>{i.location}</dd>
          <dt>{tu("facts.accessories")}</dt>
          <dd data-testid="desk-accessories">
            {[i.manual, ...i.accessories].filter(Boolean).join(tu("listSeparator")) || tu("facts.noAccessories")}
            {i.missingAccessories.length > 0 && (
              <span className="badge" data-tone="bad" data-testid="desk-missing" style={{ marginLeft: 6 }}>
                {tu("facts.missing", { items: i.missingAccessories.join(tu("listSeparator")) })}
              </span>
            )}
          </dd>
          <dt>{tu("register.intake")}</dt>
          <dd>
            {i.intakeDate} · {tu("register.life", { years: i.serviceLifeYears, date: d.endOfLifeOn })}
          </dd>
          {d.loan && (
            <>
              <dt>{tu("facts.holder")}</dt>
              <dd data-testid="desk-loan" data-status={d.loan.status}>
                {d.loan.borrowerName ?? "—"} · {t(`instruments.loanTerm.${d.loan.term}`)} · {tu("facts.due")}{" "}
                {d.loan.dueOn ?? (d.loan.term === "long" ? tu("facts.noTerm") : "—")}
                {d.loan.term === "long" && d.loan.termMonths !== null && ` · ${tu("register.termMonths", { months: d.loan.termMonths })}`}
                {d.loan.issueMissing && d.loan.issueMissing.length > 0 && (
                  <span className="small"> · {tu("register.wentOutMissing", { items: d.loan.issueMissing.join(tu("listSeparator")) })}</span>
                )}
                {d.loan.status === "return_requested" && (
                  <span className="badge" data-tone="info" style={{ marginLeft: 6 }}>
                    {t("instruments.loanStatus.return_requested")}
                  </span>
                )}
              </dd>
            </>
          )}
          {d.pendingRequests.length > 0 && (
            <>
              <dt>{tu("register.requests")}</dt>
              <dd data-testid="desk-requests">
                {d.pendingRequests.map((r) => `${r.borrowerName ?? "—"} (${t(`instruments.loanStatus.${r.status}`)})`).join(tu("listSeparator"))}
              </dd>
            </>
          )}
        </dl>
      </section>
      {done && (
        <div className="alert" data-tone="ok" role="status" data-testid="desk-done">
          {tu(`desk.done.${done}`)}
        </div>
      )}
      {canEdit &&
        d.actions.includes("edit") &&
        (editing ? (
          <InstrumentForm
            edit={{
              id: i.id,
              version: i.version,
              keeperName: i.keeperName,
              missingAccessories: i.missingAccessories,
              draft: {
                assetTag: i.assetTag,
                name: i.name,
                model: i.model,
                serial: i.serial,
                kind: i.kind,
                category: i.category,
                department: i.department,
                keeperId: i.keeperId,
                location: i.location,
                intakeDate: i.intakeDate,
                serviceLifeYears: i.serviceLifeYears,
                manual: i.manual,
                accessories: i.accessories,
              },
            }}
            onCancel={() => setEditing(false)}
            onDone={(newTag) => {
              setEditing(false);
              if (newTag !== tag) window.location.hash = newTag;
              else void refresh("edit");
            }}
          />
        ) : (
          <button type="button" className="btn secondary block" style={{ marginBottom: 10 }} onClick={() => setEditing(true)} data-testid="edit-instrument">
            {tu("desk.edit")}
          </button>
        ))}
      {canEdit && mayPrintLabel(i) && <LabelTools instrumentIds={[i.id]} testId="desk-labels" />}
      {canEdit && d.actions.includes("record_calibration") && <CalibrationForm instrumentId={i.id} onDone={() => void refresh("calibration")} />}
      {canEdit && <ScrapVerify data={d} onDone={() => void refresh("verify_scrap")} />}
      {canEdit && <RepairScrap data={d} onDone={(what) => void refresh(what)} />}
      {d.actions.includes("propose_scrap") &&
        (proposing ? (
          <ProposeScrapForm
            instrumentId={i.id}
            onCancel={() => setProposing(false)}
            onDone={() => {
              setProposing(false);
              void refresh("propose_scrap");
            }}
          />
        ) : (
          <button type="button" className="btn secondary block" onClick={() => setProposing(true)} data-testid="desk-propose-scrap">
            {t("instruments.action.propose_scrap")}
          </button>
        ))}
      <h2>{tu("usage.title")}</h2>
      <UsageList data={d} />
    </div>
  );
}
