"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/app/_ui/icons";
import { StatusBadge } from "@/app/_ui/status-badge";
import { queueTransition, type TQueueProblem } from "@/client/work-orders/enqueue";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { customerSignDecision } from "@/domain/work-orders/preconditions";
import { linemanStepTargets, type TWorkOrderStatus } from "@/domain/work-orders/status";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { useHandOver } from "./self-check";
import { useQueue } from "@/app/_ui/work-orders/use-queue";

/** A phone number to dial: the digits (and a leading +) of the contact text, or null when it has none. */
function telOf(contact: string): string | null {
  const m = contact.match(/\+?\d[\d\s-]{5,}\d/);
  return m ? m[0].replace(/[\s-]/g, "") : null;
}

/** Who, where, what, and the status big: what the lineman checks on arrival. Tap the number to call. */
export function OrderHeader({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders");
  const tk = useTranslations("workOrderKind");
  const format = useFormatter();
  const wo = view.workOrder;
  const tel = telOf(wo.contact);
  return (
    <section className="card wo-head" aria-labelledby="wo-customer">
      <div className="title-row">
        <span className="mono muted" data-testid="wo-code">
          {wo.code}
        </span>
        <span className="badge" data-tone="info">
          {tk(wo.kind)}
        </span>
      </div>
      <div className="label-big" data-testid="wo-status" data-status={view.status} data-pending={view.pending > 0}>
        <StatusBadge kind="workOrder" status={view.status} />
      </div>
      {view.pending > 0 && (
        <p className="pending-mark" data-testid="not-synced">
          <Icon name="upload" size={20} />
          {t("notSyncedCount", { count: view.pending })}
        </p>
      )}
      <h1 id="wo-customer" className="wo-customer-big">
        {wo.customerName}
      </h1>
      {wo.keyCustomer && (
        <p>
          <span className="badge" data-tone="bad" data-testid="key-customer">
            {t("keyCustomer")}
          </span>
          {wo.dueAt && (
            <span className="small">
              {" "}
              {t("dueBy", {
                time: format.dateTime(new Date(wo.dueAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
              })}
            </span>
          )}
        </p>
      )}
      <p className="row wo-address">
        <Icon name="pin" size={22} />
        <span>{wo.address}</span>
      </p>
      {tel ? (
        <a className="btn secondary block wo-call" href={`tel:${tel}`} data-testid="wo-call">
          {t("call", { contact: wo.contact })}
        </a>
      ) : (
        <p>{wo.contact}</p>
      )}
      <p className="wo-service">{wo.service}</p>
      {wo.notes && <p className="muted wo-notes">“{wo.notes}”</p>}
    </section>
  );
}

/** What the lineman does next with the order's status: set out, arrive, close, or go back a step. */
export function StatusActions({ view }: { view: WorkOrderView }) {
  const t = useTranslations("workOrders.action");
  const q = useQueue();
  const handOver = useHandOver(view.workOrder.id);
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const targets = linemanStepTargets(view.status);
  const go = async (to: TWorkOrderStatus) => {
    if (!q) return;
    setBusy(true);
    const r = await queueTransition(q.ctx, view, to);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    q.kick();
  };
  // the customer's turn: hand the phone over once the work is done and self-checked
  const handOverReady = customerSignDecision({ status: view.status, hasSelfCheck: view.selfCheck !== null }).kind === "apply";
  if (targets.length === 0 && !handOverReady) return null;
  return (
    <section className="status-actions" data-testid="status-actions">
      <ProblemText problem={problem} testId="transition-problem" />
      {handOverReady && (
        <button type="button" className="btn block big-action" onClick={() => void handOver()} data-testid="hand-over">
          {t("handOver")}
        </button>
      )}
      {targets.map((to, i) => (
        <button
          key={to}
          type="button"
          className={`btn block${i === 0 && !handOverReady && to !== "on_site" ? " big-action" : " secondary"}`}
          disabled={busy || !q}
          onClick={() => void go(to)}
          data-testid={`to-${to}`}
        >
          {t(`${view.status}.${to}`)}
        </button>
      ))}
    </section>
  );
}
