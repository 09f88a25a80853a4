"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { ConfirmButton } from "@/app/_ui/confirm";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { canReassign } from "@/domain/work-orders/desk";
import { ZCancelWorkOrderInput } from "@/domain/work-orders/schemas";
import { canTransition, type TWorkOrderStatus } from "@/domain/work-orders/status";

type Panel = "none" | "assign" | "cancel";

/** What the office may do with the order now (the domain's tables decide): assign, cancel, close. */
export function Actions({
  wo,
  onDone,
}: {
  wo: { id: string; code: string; status: TWorkOrderStatus; version: number; assignedTo: string | null };
  onDone: (notice: string) => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [panel, setPanel] = useState<Panel>("none");
  const [assignee, setAssignee] = useState("");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const linemen = useQuery({ ...trpc.workOrders.linemen.queryOptions(), enabled: panel === "assign" });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.workOrders.get.queryKey({ workOrderId: wo.id }) });
    void qc.invalidateQueries({ queryKey: trpc.workOrders.officeTrail.queryKey({ workOrderId: wo.id }) });
    void qc.invalidateQueries({ queryKey: trpc.workOrders.desk.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.workOrders.linemen.queryKey() });
  };
  const finish = (message: string) => {
    setPanel("none");
    setReason("");
    onDone(message);
    refresh();
  };
  // a conflict means someone else changed the order: show the current state under the message
  const onError = () => refresh();
  const assign = useMutation(
    trpc.workOrders.assign.mutationOptions({
      onSuccess: () => finish(t("desk.assign.done", { name: linemen.data?.find((l) => l.id === assignee)?.displayName ?? "" })),
      onError,
    }),
  );
  const cancel = useMutation(trpc.workOrders.cancel.mutationOptions({ onSuccess: () => finish(t("desk.cancel.done")), onError }));
  const close = useMutation(trpc.workOrders.close.mutationOptions({ onSuccess: () => finish(t("desk.close.done")), onError }));

  const mayAssign = canReassign(wo.status);
  const mayCancel = canTransition(wo.status, "cancelled", "office");
  const mayClose = canTransition(wo.status, "closed", "office");
  if (!mayAssign && !mayCancel && !mayClose) return null;

  const submitAssign = (e: SubmitEvent) => {
    e.preventDefault();
    if (assignee) assign.mutate({ workOrderId: wo.id, assigneeId: assignee, version: wo.version });
  };
  const submitCancel = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = ZCancelWorkOrderInput.safeParse({ workOrderId: wo.id, version: wo.version, reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? "validation.required");
      return;
    }
    setReasonError(null);
    cancel.mutate(parsed.data);
  };
  const serverReasonError = fieldErrors(cancel.error).reason;
  const shownReasonError = reasonError ?? serverReasonError;

  return (
    <section className="card stack" data-testid="detail-actions">
      <ErrorText error={panel === "none" ? close.error : null} />
      {panel === "assign" ? (
        <form onSubmit={submitAssign} className="stack" data-testid="assign-form">
          <ErrorText error={assign.error} />
          <label className="field">
            <span>{t("desk.assign.title")}</span>
            <select className="input" value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="assign-lineman" required>
              <option value="" disabled>
                {t("desk.assign.title")}
              </option>
              {linemen.data
                ?.filter((l) => l.id !== wo.assignedTo)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {t("desk.form.linemanOption", { name: l.displayName, open: l.openOrders })}
                  </option>
                ))}
            </select>
            <p className="help">{t("desk.assign.help")}</p>
          </label>
          <div className="row">
            <button type="submit" className="btn grow" disabled={!assignee || assign.isPending} data-testid="assign-submit">
              {t("desk.assign.submit")}
            </button>
            <button type="button" className="btn secondary" onClick={() => setPanel("none")} data-testid="assign-back">
              {t("desk.assign.back")}
            </button>
          </div>
        </form>
      ) : panel === "cancel" ? (
        <form onSubmit={submitCancel} className="stack" noValidate data-testid="cancel-form">
          <h2 style={{ marginTop: 0 }}>{t("desk.cancel.title", { code: wo.code })}</h2>
          <ErrorText error={cancel.error} />
          <label className="field">
            <span>{t("desk.cancel.reason")}</span>
            <textarea
              className="input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t("desk.cancel.reasonPlaceholder")}
              maxLength={500}
              aria-invalid={Boolean(shownReasonError)}
              data-testid="cancel-reason"
            />
            {shownReasonError && <p className="field-error">{t(shownReasonError)}</p>}
          </label>
          <button type="submit" className="btn danger block" disabled={cancel.isPending} data-testid="cancel-submit">
            {t("desk.cancel.submit")}
          </button>
          <button type="button" className="btn secondary block" onClick={() => setPanel("none")}>
            {t("desk.cancel.keep")}
          </button>
        </form>
      ) : (
        <div className="stack">
          {mayAssign && (
            <button
              type="button"
              className="btn block"
              onClick={() => {
                setAssignee("");
                setPanel("assign");
              }}
              data-testid="action-assign"
            >
              {wo.assignedTo ? t("desk.assign.reassign") : t("desk.assign.assign")}
            </button>
          )}
          {mayClose && (
            <ConfirmButton
              label={t("desk.close.submit")}
              title={t("desk.close.title", { code: wo.code })}
              body={<p>{t("desk.close.body")}</p>}
              confirmLabel={t("desk.close.yes")}
              cancelLabel={t("desk.close.no")}
              destructive
              className="btn block"
              pending={close.isPending}
              onConfirm={() => close.mutate({ workOrderId: wo.id, version: wo.version })}
              testId="action-close"
            />
          )}
          {mayCancel && (
            <button type="button" className="btn danger block" onClick={() => setPanel("cancel")} data-testid="action-cancel">
              {t("desk.cancel.open")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
