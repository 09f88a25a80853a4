"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useDeskNow } from "@/app/_ui/work-orders/deadline";
import { errorCode, useTRPC } from "@/client/trpc";
import { ComplaintBadges, ComplaintStatusBadge } from "../../../_parts/complaint-card";
import { overdue, useWhen } from "../../../_parts/deadline";
import { Steps } from "./steps";
import { Timeline } from "./timeline";

/** A form's page: header facts, the customer's words and photo, the answer so far, the steps the viewer may take, the timeline. */
export function DetailScreen({ id, notice: initialNotice = null }: { id: string; notice?: string | null }) {
  const t = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const when = useWhen();
  const now = useDeskNow();
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const get = useQuery({ ...trpc.complaints.get.queryOptions({ id }), refetchInterval: 60_000 });

  if (get.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("complaintsDesk.loading")}
      </p>
    );
  if (get.isError) {
    if (errorCode(get.error) === "not_found") return <p className="empty">{t("complaintsDesk.detail.notFound")}</p>;
    return <ErrorText error={get.error} />;
  }
  const c = get.data;
  const late = overdue(c, now);
  const none = t("complaintsDesk.detail.none");
  const d = (k: string) => t(`complaintsDesk.detail.${k}`);
  return (
    <div className="stack" data-testid="complaint-detail" data-status={c.status} data-version={c.version}>
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      <header style={late ? { borderLeft: "8px solid var(--bad)", paddingLeft: 10 } : undefined} data-overdue={late}>
        <div className="title-row">
          <h1 className="mono" data-testid="detail-code">
            {c.code}
          </h1>
          <ComplaintStatusBadge status={c.status} />
        </div>
        <p className="muted small" style={{ margin: 0 }}>
          {t("complaints.formName")}
        </p>
        <ComplaintBadges c={c} now={now} late={late} />
      </header>

      <section className="card">
        <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
          <dt>{d("customer")}</dt>
          <dd data-testid="detail-customer">{c.customerName}</dd>
          <dt style={{ alignSelf: "center" }}>{d("contact")}</dt>
          <dd>
            <a className="tap-link" href={`tel:${c.contact.replace(/[^\d+]/g, "")}`} aria-label={t("complaintsDesk.detail.call", { contact: c.contact })}>
              {c.contact}
            </a>
          </dd>
          {c.address && (
            <>
              <dt>{d("address")}</dt>
              <dd style={{ fontWeight: 400 }}>{c.address}</dd>
            </>
          )}
          {c.keyCustomer && (
            <>
              <dt>{d("keyCustomer")}</dt>
              <dd>
                {c.keyCustomer.name} · {c.keyCustomer.category}
              </dd>
            </>
          )}
          <dt>{d("channel")}</dt>
          <dd>{t(`complaints.channel.${c.channel}`)}</dd>
          {c.centreRef && (
            <>
              <dt>{d("centreRef")}</dt>
              <dd className="mono" data-testid="detail-centre-ref">
                {c.centreRef}
              </dd>
            </>
          )}
          {c.serviceType && (
            <>
              <dt>{d("kind")}</dt>
              <dd>{t(`complaints.requestType.${c.serviceType}`)}</dd>
            </>
          )}
          <dt>{d("category")}</dt>
          <dd data-testid="detail-category">{c.categoryName ? (zh ? c.categoryName.zh : c.categoryName.en) : none}</dd>
          <dt>{d("severity")}</dt>
          <dd>{t(`complaints.severity.${c.severity}`)}</dd>
          <dt>{d("department")}</dt>
          <dd data-testid="detail-department">{c.department ? t(`departments.${c.department}`) : none}</dd>
          {c.departmentsConcerned.length > 1 && (
            <>
              <dt>{d("departmentsConcerned")}</dt>
              <dd>{c.departmentsConcerned.map((x) => t(`departments.${x}`)).join("、")}</dd>
            </>
          )}
          <dt>{d("received")}</dt>
          <dd>{when(c.receivedAt)}</dd>
          <dt>{d("deadline")}</dt>
          <dd data-testid="detail-due">
            {when(c.dueAt)}
            <span className="muted small" style={{ display: "block", fontWeight: 400 }}>
              {t("complaintsDesk.detail.policy", { v: c.policyVersion })}
            </span>
          </dd>
          <dt>{d("recordedBy")}</dt>
          <dd>{c.recordedByName}</dd>
          {c.clerkCheckedAt && (
            <>
              <dt>{t("serviceRecord.clerk.printed")}</dt>
              <dd data-testid="detail-clerk-check">{t("serviceRecord.clerk.shown", { name: c.clerkCheckedByName ?? "—", time: when(c.clerkCheckedAt) })}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="card stack" aria-labelledby="words-title">
        <h2 id="words-title" style={{ margin: 0 }}>
          {d("words")}
        </h2>
        <p style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="detail-words">
          “{c.words}”
        </p>
        {c.photoUrl && (
          <a href={c.photoUrl} target="_blank" rel="noreferrer">
            <img src={c.photoUrl} alt={d("photo")} className="photo-thumb" style={{ width: "100%", maxHeight: 240, objectFit: "contain" }} loading="lazy" />
          </a>
        )}
      </section>

      {(c.result || c.replyMethod || c.hasLetter || c.signatureUrl || c.satisfaction !== null) && (
        <section className="card">
          <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
            {c.result && (
              <>
                <dt>{d("result")}</dt>
                <dd style={{ fontWeight: 400, whiteSpace: "pre-wrap" }} data-testid="detail-result">
                  {c.result}
                </dd>
              </>
            )}
            {c.replyMethod && c.repliedAt && (
              <>
                <dt>{d("reply")}</dt>
                <dd data-testid="detail-reply">
                  {t("complaintsDesk.detail.replyLine", { method: t(`complaints.replyMethod.${c.replyMethod}`), time: when(c.repliedAt) })}
                </dd>
              </>
            )}
            {c.signatureUrl && (
              <>
                <dt>{d("signature")}</dt>
                <dd>
                  <img
                    src={c.signatureUrl}
                    alt={t("complaintsDesk.detail.signedBy", { name: c.signerName ?? "" })}
                    style={{
                      display: "block",
                      maxWidth: "100%",
                      height: 80,
                      objectFit: "contain",
                      background: "#fff",
                      border: "1px solid var(--line)",
                      borderRadius: 8,
                    }}
                  />
                  <span className="small">{t("complaintsDesk.detail.signedBy", { name: c.signerName ?? "" })}</span>
                </dd>
              </>
            )}
            {c.satisfaction !== null && (
              <>
                <dt>{d("callback")}</dt>
                <dd>{t("complaintsDesk.detail.satisfaction", { n: c.satisfaction })}</dd>
              </>
            )}
          </dl>
        </section>
      )}

      <section className="card stack" data-testid="detail-pdfs">
        {c.hasLetter && (
          <a className="btn block" href={`/api/complaints/${c.id}/letter.pdf`} download data-testid="letter-pdf">
            {d("letterPdf")}
          </a>
        )}
        <a className="btn secondary block" href={`/api/complaints/${c.id}/form.pdf`} download data-testid="form-pdf">
          {d("formPdf")}
        </a>
      </section>

      <Steps c={c} onDone={setNotice} />

      {c.escalations.length > 0 && (
        <section aria-labelledby="escalations-title">
          <h2 id="escalations-title">{d("escalations")}</h2>
          <ul className="list" data-testid="escalations">
            {c.escalations.map((e) => (
              <li key={e.id} data-testid="escalation" data-level={e.level} style={{ borderLeft: "8px solid var(--warn)" }}>
                <strong>
                  {t("complaintsDesk.detail.escalationLine", {
                    level: t(`complaints.escalationLevel.${e.level}`),
                    cause: t(`complaints.escalationCause.${e.cause}`),
                  })}
                </strong>
                {e.cause === "decision" && e.reason && <p className="event-note">“{e.reason}”</p>}
                <p className="muted small">
                  {when(e.at)} · {e.actorName ?? t("complaintsDesk.timeline.system")}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Timeline events={c.timeline} />
    </div>
  );
}
