"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import { STATUS_TONE, useDay } from "@/app/_ui/quality/action-card";
import type { TActionDetail } from "../../_parts/types";
import { ImplementForm, PlanForm, VerifyForm } from "./step-forms";
import { StepsHistory } from "./steps-history";

type TOpen = "plan" | "implement" | "verify" | null;

/** The record: head, what is due, the step the viewer may take (one button, then its form), the signed steps, the PDF. */
export function ActionScreen({ id }: { id: string }) {
  const t = useTranslations("qualityOffice.actions");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState<TOpen>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const q = useQuery(trpc.actions.get.queryOptions({ id }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.actions.get.queryKey({ id }) });
    void qc.invalidateQueries({ queryKey: trpc.actions.list.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.actions.mine.pathKey() });
  };
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (q.isError) return <ErrorText error={q.error} />;
  const a = q.data;
  const done = (step: Exclude<TOpen, null>, extra?: string) => {
    setOpen(null);
    setNotice(extra ?? t(`done.${step}`));
    refresh();
    window.scrollTo({ top: 0 });
  };
  const props = { a, onDone: done, onConflict: refresh, onBack: () => setOpen(null) };
  const can = (["plan", "implement", "verify"] as const).filter((s) => a.can[s]);
  return (
    <div className="stack" data-testid="action-detail" data-status={a.status} data-round={a.round} data-code={a.code}>
      <Head a={a} />
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {open === "plan" && <PlanForm {...props} />}
      {open === "implement" && <ImplementForm {...props} />}
      {open === "verify" && <VerifyForm {...props} />}
      {open === null && can.length > 0 && (
        <section className="card stack" data-testid="action-next">
          <h2 style={{ margin: 0 }}>{t("yourStep")}</h2>
          {can.map((s) => (
            <button
              key={s}
              type="button"
              className="btn block"
              onClick={() => {
                setNotice(null);
                setOpen(s);
              }}
              data-testid={`open-${s}`}
            >
              {t(`steps.${s}.open`)}
            </button>
          ))}
        </section>
      )}
      <StepsHistory a={a} />
      <a className="btn secondary block" href={`/api/quality/actions/${a.id}/pdf`} target="_blank" rel="noreferrer" data-testid="action-pdf">
        {t("pdf")}
      </a>
      <Link className="btn secondary block" href="/quality/actions" data-testid="back-to-list">
        {t("backToList")}
      </Link>
    </div>
  );
}

/** The record's head: code, form name, status and round, the step due and by when, the nonconformity it answers. */
function Head({ a }: { a: TActionDetail }) {
  const t = useTranslations("qualityOffice.actions");
  const tr = useTranslations();
  const day = useDay();
  return (
    <section className="card stack" aria-labelledby="action-title" style={a.overdue ? { borderLeft: "8px solid var(--bad)" } : undefined}>
      <p className="muted small" style={{ margin: 0 }}>
        {t("formName")}
      </p>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <h1 id="action-title" className="mono" style={{ margin: 0 }}>
          {a.code}
        </h1>
        <span className="badge" data-tone={STATUS_TONE[a.status]} data-testid="action-status">
          {t(`status.${a.status}`)}
          {a.round > 1 && ` · ${t("round", { n: a.round })}`}
        </span>
      </div>
      {a.due && (
        <div className="row" style={{ flexWrap: "wrap" }} data-testid="action-due" data-overdue={a.overdue}>
          <span className="badge" data-tone={a.overdue ? "bad" : "muted"}>
            {t(`dueStep.${a.due.step}`)}
          </span>
          <strong style={{ color: a.overdue ? "var(--bad)" : undefined }}>
            {a.overdue ? t("overdueSince", { day: day(a.due.dueOn) }) : t("dueOn", { day: day(a.due.dueOn) })}
          </strong>
        </div>
      )}
      <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
        <dt>{t("fields.department")}</dt>
        <dd>{tr(`departments.${a.department}`)}</dd>
        <dt>{t("fields.nc")}</dt>
        <dd>
          <span className="mono">{a.nc.code}</span> · {tr(`qualityOffice.nc.finding.${a.nc.finding}`)}
        </dd>
        <dt>{t("fields.requiredBy")}</dt>
        <dd>{day(a.requiredBy)}</dd>
        {a.ownerName && (
          <>
            <dt>{t("fields.owner")}</dt>
            <dd data-testid="action-owner">{a.actionDueOn ? t("ownerBy", { name: a.ownerName, day: day(a.actionDueOn) }) : a.ownerName}</dd>
          </>
        )}
      </dl>
      <p style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="action-description">
        {a.description}
      </p>
    </section>
  );
}
