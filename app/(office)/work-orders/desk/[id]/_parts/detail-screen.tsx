"use client";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode, useTRPC } from "@/client/trpc";
import { DeskStateBadge, UrgencyBadges, useDeskNow } from "@/app/_ui/work-orders/deadline";
import { LinemanName } from "@/app/_ui/work-orders/lineman-name";
import { Progress } from "@/app/_ui/work-orders/progress";
import { LinkedCaseFacts, MaintenanceFacts } from "@/app/_ui/work-orders/property-facts";
import { ServiceRecordFacts } from "@/app/_ui/work-orders/service-record-facts";
import { showsMaintenance } from "@/domain/work-orders/property-link";
import { needsServiceRecord } from "@/domain/work-orders/service-record";
import { Actions } from "./actions";
import { Evidence } from "./evidence";
import { Timeline } from "./timeline";

/** Statuses whose signed record exists: the PDF link shows for them. */
const HAS_RECORD = new Set(["signed", "closed", "refused_to_sign"]);

export function DetailScreen({ workOrderId, canWrite }: { workOrderId: string; canWrite: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const created = useSearchParams().get("created");
  const [notice, setNotice] = useState<string | null>(created ? t("desk.form.created", { code: created }) : null);
  const get = useQuery({ ...trpc.workOrders.get.queryOptions({ workOrderId }), refetchInterval: 60_000 });
  const trail = useQuery(trpc.workOrders.officeTrail.queryOptions({ workOrderId }));
  const now = useDeskNow();

  if (get.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("home.loading")}
      </p>
    );
  if (get.isError) {
    if (errorCode(get.error) === "not_found") return <p className="empty">{t("desk.detail.notFound")}</p>;
    return <ErrorText error={get.error} />;
  }
  const { workOrder: wo } = get.data;
  const when = (d: Date | string) =>
    format.dateTime(new Date(d), { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  return (
    <div className="stack" data-testid="desk-detail" data-status={wo.status}>
      {notice && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      <header>
        <div className="title-row">
          <h1 className="mono" data-testid="detail-code">
            {wo.code}
          </h1>
          <DeskStateBadge status={wo.status} assignedTo={wo.assignedTo} />
        </div>
        <UrgencyBadges wo={wo} now={now} />
        <Progress status={wo.status} />
        {trail.data?.statusReason && (
          <p className="alert" data-tone={wo.status === "cancelled" ? "info" : "bad"} data-testid="status-reason">
            {t("desk.detail.reasonLine", { reason: trail.data.statusReason })}
          </p>
        )}
      </header>

      <section className="card">
        <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
          <dt>{t("desk.detail.customer")}</dt>
          <dd>{wo.customerName}</dd>
          <dt />
          <dd style={{ fontWeight: 400 }}>{wo.address}</dd>
          <dt style={{ alignSelf: "center" }}>{t("desk.detail.contact")}</dt>
          <dd>
            <a className="tap-link" href={`tel:${wo.contact.replace(/[^\d+]/g, "")}`} aria-label={t("desk.detail.call", { contact: wo.contact })}>
              {wo.contact}
            </a>
          </dd>
          <dt>{t("desk.detail.service")}</dt>
          <dd>{wo.service}</dd>
          <dt>{t("desk.detail.scheduled")}</dt>
          <dd>{wo.scheduledFor}</dd>
          <dt>{t("desk.detail.lineman")}</dt>
          <dd data-testid="detail-lineman">
            <LinemanName name={wo.assigneeName} active={trail.data?.assigneeActive ?? null} />
          </dd>
          <dt>{t("desk.detail.notes")}</dt>
          <dd style={{ fontWeight: 400, whiteSpace: "pre-wrap" }}>{wo.notes || t("desk.detail.noNotes")}</dd>
        </dl>
        <p className="muted small">
          {trail.data?.createdByName
            ? t("desk.detail.created", { time: when(wo.createdAt), name: trail.data.createdByName })
            : t("desk.detail.createdAt", { time: when(wo.createdAt) })}
          {wo.closedAt && ` · ${t("desk.detail.closedAt", { time: when(wo.closedAt) })}`}
        </p>
        <p className="muted small" data-testid="detail-clerk-check" data-checked={wo.clerkCheckedAt !== null}>
          {t("serviceRecord.clerk.printed")}:{" "}
          {wo.clerkCheckedAt
            ? t("serviceRecord.clerk.shown", { name: wo.clerkCheckedByName ?? "—", time: when(wo.clerkCheckedAt) })
            : t("serviceRecord.clerk.none")}
        </p>
      </section>

      {get.data.propertyCase && (
        <LinkedCaseFacts linked={get.data.propertyCase}>
          <a className="tap-link" href={`/property/${get.data.propertyCase.id}`} data-testid="detail-case-link">
            {t("desk.detail.openCase")}
          </a>
        </LinkedCaseFacts>
      )}
      {showsMaintenance(wo.kind) && (
        <MaintenanceFacts agreement={get.data.maintenance}>
          {get.data.maintenance && (
            <a className="tap-link" href={`/property/maintenance/${get.data.maintenance.id}`} data-testid="detail-agreement-link">
              {t("desk.detail.openAgreement")}
            </a>
          )}
        </MaintenanceFacts>
      )}

      {(get.data.serviceRecord || needsServiceRecord(wo.kind)) && (
        <section className="card" aria-labelledby="detail-service-record" data-testid="detail-service-record">
          <h2 id="detail-service-record">{t("serviceRecord.title")}</h2>
          {get.data.serviceRecord ? (
            <>
              <ServiceRecordFacts record={get.data.serviceRecord} />
              <p className="muted small">
                {get.data.serviceRecord.recordedByName} · {when(get.data.serviceRecord.clientTime ?? get.data.serviceRecord.recordedAt)}
              </p>
            </>
          ) : (
            <p className="muted">{t("serviceRecord.pdf.missing")}</p>
          )}
        </section>
      )}

      {HAS_RECORD.has(wo.status) && (
        <section className="card stack">
          <a className="btn block" href={`/api/work-orders/${wo.id}/pdf`} download data-testid="detail-pdf">
            {t("desk.detail.pdf")}
          </a>
          <p className="help">{t("desk.detail.pdfHelp")}</p>
        </section>
      )}

      {canWrite && <Actions wo={wo} onDone={setNotice} />}

      <Timeline events={get.data.events} assignments={trail.data?.assignments ?? []} />
      <Evidence checks={get.data.checks} signoffs={get.data.signoffs} photos={get.data.photos} />
    </div>
  );
}
