"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/app/_ui/confirm";
import { ErrorText } from "@/app/_ui/error-text";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import type { TCheckStatus } from "@/domain/quality/model";
import { OrderMark } from "./order-mark";
import type { TCheckOrder } from "./types";

/** The sampled work orders (工单检查过程): each linked to its record and marked; "Finish" once all are marked. */
export function OrdersCheck({
  checkId,
  code,
  status,
  orders,
  mayMark,
}: {
  checkId: string;
  code: string;
  status: TCheckStatus;
  orders: TCheckOrder[];
  mayMark: boolean;
}) {
  const t = useTranslations("qualityOffice.checks");
  const when = useDateTime();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const finish = useMutation(
    trpc.quality.finishOrderCheck.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.quality.check.queryKey({ id: checkId }) });
        void qc.invalidateQueries({ queryKey: trpc.quality.checks.pathKey() });
      },
    }),
  );
  const open = status === "planned" && mayMark;
  const unmarked = orders.filter((o) => o.result === null).length;
  return (
    <section aria-labelledby="orders-title" className="stack">
      <h2 id="orders-title">{t("detail.orders", { n: orders.length })}</h2>
      {orders.length === 0 && <p className="empty">{t("detail.noOrders")}</p>}
      <ul className="list" data-testid="check-orders">
        {orders.map((o) => (
          <li
            key={o.workOrderId}
            data-testid={`check-order-${o.workOrderCode}`}
            data-result={o.result ?? ""}
            style={{ borderLeft: `8px solid var(--${o.result === null ? "warn" : o.result === "ok" ? "ok" : "bad"})` }}
          >
            <div className="title-row" style={{ flexWrap: "wrap" }}>
              <a
                className="mono tap-link"
                href={`/work-orders/desk/${o.workOrderId}`}
                aria-label={t("detail.openRecord", { code: o.workOrderCode })}
                style={{ fontWeight: 800 }}
              >
                {o.workOrderCode}
              </a>
              {o.result && (
                <span className="badge" data-tone={o.result === "ok" ? "ok" : "bad"}>
                  {t(`orderResult.${o.result}`)}
                </span>
              )}
            </div>
            <div className="small">
              {o.customerName}
              {o.closedAt ? ` · ${t("detail.closedAt", { when: when(o.closedAt) })}` : ""}
            </div>
            {open ? <OrderMark checkId={checkId} order={o} /> : o.note && <p className="event-note">“{o.note}”</p>}
          </li>
        ))}
      </ul>
      {open && (
        <div className="card stack">
          <p className="small" style={{ margin: 0 }} data-testid="orders-unmarked" data-n={unmarked}>
            {t("detail.unmarked", { n: unmarked })} {t("detail.finishHelp")}
          </p>
          <ErrorText error={finish.error} />
          <ConfirmButton
            label={t("detail.finish")}
            title={t("detail.finishTitle", { code })}
            body={t("detail.finishBody")}
            confirmLabel={t("detail.finish")}
            cancelLabel={t("detail.cancel")}
            disabled={unmarked > 0 || finish.isPending}
            onConfirm={() => finish.mutate({ checkId })}
            testId="check-finish"
          />
        </div>
      )}
      {finish.isSuccess && (
        <p className="alert" data-tone="ok" role="status" data-testid="check-finished">
          {t("detail.finished")}
        </p>
      )}
    </section>
  );
}
