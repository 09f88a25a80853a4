"use client";
import { useTranslations } from "next-intl";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { workOrderView, type WorkOrderView } from "@/client/work-orders/read-model";
import { canStartSelfCheck } from "@/domain/work-orders/status";
import { CustomerModeReturn } from "./customer-mode-return";
import { EquipmentSection } from "./equipment-section";
import { OrderHeader, StatusActions } from "./order-header";
import { OrderPhoto } from "./order-photo";
import { PropertySection } from "./property-section";
import { SelfCheck } from "./self-check";
import { ServiceRecordSection } from "./service-record";

/** One work order, read from the phone's store: loaded as its own chunk once the address names an order. */
export function WorkOrderDetail({ id }: { id: string }) {
  const t = useTranslations("workOrders");
  const tc = useTranslations("complaintsPhone");
  const { lastSyncAt } = useSync();
  const view = useReadCache(`wo:${id}`, (store, deviceId) => store.snapshot((r) => workOrderView(r, deviceId, id)));
  if (view.loading)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (!view.data) {
    return (
      <div className="alert" data-tone={lastSyncAt === null ? "info" : "bad"} role="alert" data-testid="wo-unknown">
        {lastSyncAt === null ? t("list.notLoaded") : t("unknown")}
      </div>
    );
  }
  const v = view.data;
  const selfCheckNow = canStartSelfCheck(v.status);
  return (
    <div className="stack" data-testid="wo-page" data-id={v.workOrder.id} data-code={v.workOrder.code}>
      <CustomerModeReturn />
      <OrderHeader view={v} />
      <StatusActions view={v} />
      <PropertySection view={v} />
      <ServiceRecordSection view={v} />
      <EquipmentSection view={v} />
      <OrderPhoto view={v} />
      {selfCheckNow && <SelfCheck view={v} />}
      <SignOffs view={v} />
      <RecordComplaintLink workOrderId={v.workOrder.id} label={tc("fromWorkOrder")} />
      <History view={v} />
    </div>
  );
}

/** The self-check and the customer's turn as recorded (queued ones marked). */
function SignOffs({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.signoffs");
  const when = useWhen();
  const { selfCheck, customer } = view;
  if (!selfCheck && !customer) return null;
  return (
    <section aria-labelledby="signoffs-title" data-testid="signoffs">
      <h2 id="signoffs-title">{t("title")}</h2>
      <ul className="list">
        {selfCheck && (
          <li data-testid="signoff-self" data-pending={selfCheck.pending}>
            <strong>{t("selfCheck")}</strong>
            <p className="muted small">
              {selfCheck.pending ? t("queued", { time: when(selfCheck.clientTime) }) : t("signedAt", { time: when(selfCheck.clientTime) })}
            </p>
          </li>
        )}
        {customer && (
          <li data-testid="signoff-customer" data-kind={customer.kind} data-pending={customer.pending}>
            <strong>{customer.kind === "customer_signed" ? t("customerSigned", { name: customer.signerName }) : t("customerRefused")}</strong>
            {customer.kind === "customer_signed" && (
              <p>
                {t("ratings", { attitude: customer.ratingAttitude ?? 0, onTime: customer.ratingOnTime ?? 0 })}
                {customer.comment && ` · “${customer.comment}”`}
              </p>
            )}
            {customer.kind === "customer_refused" && <p>“{customer.refusalReason}”</p>}
            <p className="muted small">
              {customer.pending ? t("queued", { time: when(customer.clientTime) }) : t("signedAt", { time: when(customer.clientTime) })}
            </p>
          </li>
        )}
      </ul>
    </section>
  );
}

/** Synced status changes, newest first (traceable: who, when, from what to what). */
function History({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.history");
  const when = useWhen();
  if (view.events.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("title")}</h2>
      <ol className="list timeline" data-testid="wo-history">
        {[...view.events].reverse().map((e) => (
          <li key={e.id} data-to={e.toStatus}>
            <div className="row">
              {e.fromStatus && (
                <>
                  <StatusBadge kind="workOrder" status={e.fromStatus} />
                  <span aria-hidden="true">→</span>
                </>
              )}
              <StatusBadge kind="workOrder" status={e.toStatus} />
            </div>
            {e.reason && <p className="event-note">“{e.reason}”</p>}
            <p className="muted small">
              {e.actorName ?? ""} · {when(e.clientTime ?? e.serverTime)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
