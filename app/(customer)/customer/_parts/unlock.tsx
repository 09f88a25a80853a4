"use client";
import { useTranslations } from "next-intl";
import { useState, type SyntheticEvent } from "react";
import { useCustomerServer } from "@/app/_ui/work-orders/use-customer-server";
import { useViewer } from "@/app/_ui/viewer";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { leaveCustomerMode, type TLeaveOutcome } from "@/client/work-orders/customer-mode";
import { queueTransition } from "@/client/work-orders/enqueue";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { closesAtTakeBack } from "@/domain/work-orders/status";
import { useQueue } from "@/app/_ui/work-orders/use-queue";

/**
 * The lineman takes the phone back: their password (checked by the server when reachable, else on the phone). Once
 * the customer has signed (or refused), the same step closes the order (ADR 0022); "take back only" leaves it open.
 */
export function Unlock({ workOrderId, view, onCancel }: { workOrderId: string; view?: WorkOrderView; onCancel?: () => void }) {
  const t = useTranslations("customer.unlock");
  const when = useWhen();
  const viewer = useViewer();
  const { store } = useSync();
  const server = useCustomerServer();
  const [password, setPassword] = useState("");
  const [outcome, setOutcome] = useState<TLeaveOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useQueue();
  const closes = view !== undefined && closesAtTakeBack(view.status);

  const onSubmit = async (e: SyntheticEvent, close = closes) => {
    e.preventDefault();
    if (!store || password === "") return;
    setBusy(true);
    const r = await leaveCustomerMode({ store, userId: viewer.id, password, serverLeave: server.leave });
    setPassword("");
    setOutcome(r);
    if (r.ok) {
      if (close && view && q) {
        // the phone is the lineman's again: the close is queued as his own step (the server re-checks it)
        const closed = await queueTransition(q.ctx, view, "closed");
        if (closed.ok) q.kick();
      }
      // a full load: the lineman's screens (and their guard) start afresh
      window.location.replace(`/work-orders#${encodeURIComponent(workOrderId)}`);
      return;
    }
    setBusy(false);
  };

  const message =
    outcome && !outcome.ok
      ? outcome.reason === "wrong"
        ? t("wrong", { left: outcome.attemptsLeft })
        : outcome.reason === "locked"
          ? t("locked", { time: when(outcome.until) })
          : t("noVerifier")
      : null;
  return (
    <form className="card unlock" onSubmit={(e) => void onSubmit(e)} data-testid="unlock" noValidate>
      <h2>{t("title")}</h2>
      <p className="help">{t("help", { name: viewer.displayName })}</p>
      <label className="field">
        <span>{t("password")}</span>
        <input
          className="input"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="unlock-password"
        />
      </label>
      {message && (
        <p className="field-error" role="alert" data-testid="unlock-problem" data-reason={outcome && !outcome.ok ? outcome.reason : undefined}>
          {message}
        </p>
      )}
      <button type="submit" className="btn block big-action" disabled={busy || password === ""} data-testid="unlock-submit" data-closes={closes}>
        {busy ? t("checking") : closes ? t("submitAndClose") : t("submit")}
      </button>
      {closes && (
        <button
          type="button"
          className="btn secondary block"
          disabled={busy || password === ""}
          onClick={(e) => void onSubmit(e, false)}
          data-testid="unlock-only"
        >
          {t("submitOnly")}
        </button>
      )}
      {onCancel && (
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy} data-testid="unlock-cancel">
          {t("cancel")}
        </button>
      )}
    </form>
  );
}
