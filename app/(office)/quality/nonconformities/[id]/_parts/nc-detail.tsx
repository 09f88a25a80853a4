"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import type { TNcDetail } from "../../_parts/types";
import { DecideForm } from "./decide-form";

/** The nonconformity as raised, its record (if sent) and, for quality while it is open, the decision. */
export function NcDetail({ id, canDecide }: { id: string; canDecide: boolean }) {
  const t = useTranslations("qualityOffice.nc");
  const trpc = useTRPC();
  const [notice, setNotice] = useState<string | null>(null);
  const nc = useQuery(trpc.quality.nonconformity.queryOptions({ id }));
  if (nc.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (nc.isError) return <ErrorText error={nc.error} />;
  const n = nc.data;
  return (
    <div className="stack">
      <NcFacts n={n} />
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {canDecide && n.status === "open" && <DecideForm n={n} onDone={setNotice} />}
    </div>
  );
}

const STATUS_TONE = { open: "warn", action: "info", closed: "ok" } as const;

function NcFacts({ n }: { n: TNcDetail }) {
  const t = useTranslations("qualityOffice.nc");
  const tr = useTranslations();
  const when = useDateTime();
  return (
    <section className="card stack" aria-labelledby="nc-title" data-testid="nc-detail" data-status={n.status} data-code={n.code}>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <h1 id="nc-title" className="mono" style={{ margin: 0 }}>
          {n.code}
        </h1>
        <span className="badge" data-tone={STATUS_TONE[n.status]} data-testid="nc-status">
          {t(`status.${n.status}`)}
        </span>
      </div>
      <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
        <dt>{t("fields.finding")}</dt>
        <dd>{t(`finding.${n.finding}`)}</dd>
        <dt>{t("fields.department")}</dt>
        <dd data-testid="nc-department">{tr(`departments.${n.department}`)}</dd>
        <dt>{t("fields.source")}</dt>
        <dd>
          {t(`source.${n.source}`)}
          {n.sourceRef && ` · ${n.sourceRef}`}
        </dd>
        {n.labelKind && (
          <>
            <dt>{t("fields.labelKind")}</dt>
            <dd>{t(`labelKind.${n.labelKind}`)}</dd>
          </>
        )}
        {n.tag && (
          <>
            <dt>{t("fields.tag")}</dt>
            <dd className="mono">{n.tag}</dd>
          </>
        )}
        <dt>{t("fields.raised")}</dt>
        <dd>
          {n.raisedByName} · {when(n.raisedAt)}
        </dd>
        {n.status !== "closed" && (
          <>
            <dt>{t("fields.age")}</dt>
            <dd>{t("age", { n: n.ageDays })}</dd>
          </>
        )}
        {n.causeCategory && (
          <>
            <dt>{t("fields.cause")}</dt>
            <dd>{tr(`qualityOffice.actions.cause.${n.causeCategory}`)}</dd>
          </>
        )}
      </dl>
      <p style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="nc-description">
        {n.description}
      </p>
      {n.photoUrl && (
        <a href={n.photoUrl} target="_blank" rel="noreferrer" data-testid="nc-photo">
          <img src={n.photoUrl} alt={t("photo")} style={{ display: "block", maxWidth: "100%", maxHeight: 280, objectFit: "contain", borderRadius: 8 }} />
        </a>
      )}
      {n.status === "closed" && n.closedReason && (
        <p className="event-note" data-testid="nc-closed-reason">
          {t("closedReason", { reason: n.closedReason })}
        </p>
      )}
      {n.action && (
        <Link className="btn secondary block" href={`/quality/actions/${n.action.id}`} data-testid="nc-action-link">
          {t("actionLink", { code: n.action.code, status: tr(`qualityOffice.actions.status.${n.action.status}`) })}
        </Link>
      )}
    </section>
  );
}
