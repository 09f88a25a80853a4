"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useTRPC } from "@/client/trpc";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";

export type TInstrumentFile = inferRouterOutputs<AppRouter>["instruments"]["get"];

/**
 * The usage file as the server keeps it (newest 50 entries: loans, returns, hand-overs, care, faults, repairs,
 * calibrations, scrapping) with the calibration certificates. With no signal: the user's own loans of it, from
 * the phone, and a word that the rest comes when online.
 */
export function ServerUsage({ view }: { view: InstrumentView }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.instruments.get.queryOptions({ assetTag: view.row.assetTag }), retry: false });
  const { refetch } = q;
  // once a change of this phone is synced (or the register moved), the server's file has it: read it again
  useEffect(() => {
    void refetch();
  }, [refetch, view.pending, view.row.status, view.row.holderId]);
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (q.isError || !q.data) {
    return (
      <div data-testid="usage-offline">
        <p className="muted">{t("usage.offline")}</p>
        {view.myLoans.length > 0 && (
          <ol className="list timeline">
            {view.myLoans.map((l) => (
              <li key={l.id} data-testid="usage-my-loan">
                <p className="event-reason">
                  {tn(`loanTerm.${l.term}`)} · {tn(`loanStatus.${l.status}`)}
                </p>
                <p className="muted small">
                  {l.borrowedOn ?? "—"} → {l.endedOn ?? l.dueOn ?? "—"}
                  {l.returnCondition && ` · ${tn(`condition.${l.returnCondition}`)}`}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    );
  }
  return <UsageList data={q.data} />;
}

/** What a check found missing (issue and return entries, issue 16), from an entry's details. */
function missingIn(details: unknown): string[] {
  const m = (details as { missing?: unknown } | null)?.missing;
  return Array.isArray(m) ? m.filter((x): x is string => typeof x === "string") : [];
}

/** Open faults, the usage file (newest first) and the calibration certificates of one instrument. */
export function UsageList({ data: d }: { data: TInstrumentFile }) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  return (
    <div data-testid="usage-file">
      {d.faults.length > 0 && (
        <ul className="list" data-testid="open-faults">
          {d.faults.map((f) => (
            <li key={f.id} className="rejection">
              <p className="event-reason">
                {tn(`faultStatus.${f.status}`)}
                {f.repairer && ` · ${f.repairer}`}
              </p>
              <p className="event-note">“{f.description}”</p>
            </li>
          ))}
        </ul>
      )}
      {d.usage.length === 0 ? (
        <p className="empty">{t("usage.empty")}</p>
      ) : (
        <ol className="list timeline" data-testid="usage-entries">
          {d.usage.map((u) => (
            <li key={u.id} data-testid="usage-entry" data-kind={u.kind}>
              <p className="event-reason">
                {tn(`usageKind.${u.kind}`)}
                {u.condition && ` · ${tn(`condition.${u.condition}`)}`}
              </p>
              {u.note && <p className="event-note">“{u.note}”</p>}
              {missingIn(u.details).length > 0 && u.kind !== "accessories_missing" && (
                <p className="small" data-testid="usage-missing">
                  {t("facts.missing", { items: missingIn(u.details).join(t("listSeparator")) })}
                </p>
              )}
              <p className="muted small">
                {u.onDate}
                {u.actorName && ` · ${u.actorName}`}
                {u.holderName && u.holderName !== u.actorName && ` → ${u.holderName}`}
              </p>
            </li>
          ))}
        </ol>
      )}
      {d.calibrations.length > 0 && (
        <>
          <h3 className="usage-sub">{t("usage.calibrations")}</h3>
          <ul className="list" data-testid="calibrations">
            {d.calibrations.map((c) => (
              <li key={c.id}>
                <div className="title-row">
                  <strong className="mono">{c.certificateNo}</strong>
                  <span className="badge" data-tone={c.result === "passed" ? "ok" : "bad"}>
                    {tn(`calibrationResult.${c.result}`)}
                  </span>
                </div>
                <p className="muted small">
                  {c.calibratedOn} · {c.lab} · {t("usage.nextDue", { date: c.nextDue })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
