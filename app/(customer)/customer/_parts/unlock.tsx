"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCustomerServer } from "@/app/(field)/work-orders/_parts/use-customer-server";
import { useViewer } from "@/app/_ui/viewer";
import { useWhen } from "@/app/_ui/use-when";
import { useSync } from "@/client/sync/provider";
import { leaveCustomerMode, type TLeaveOutcome } from "@/client/work-orders/customer-mode";

/** The lineman takes the phone back: their password (checked by the server when reachable, else on the phone). */
export function Unlock({ workOrderId, onCancel }: { workOrderId: string; onCancel?: () => void }) {
  const t = useTranslations("customer.unlock");
  const when = useWhen();
  const viewer = useViewer();
  const { store } = useSync();
  const server = useCustomerServer();
  const [password, setPassword] = useState("");
  const [outcome, setOutcome] = useState<TLeaveOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!store || password === "") return;
    setBusy(true);
    const r = await leaveCustomerMode({ store, userId: viewer.id, password, serverLeave: server.leave });
    setPassword("");
    setOutcome(r);
    if (r.ok) {
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
        <input className="input" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="unlock-password" />
      </label>
      {message && (
        <p className="field-error" role="alert" data-testid="unlock-problem" data-reason={outcome && !outcome.ok ? outcome.reason : undefined}>
          {message}
        </p>
      )}
      <button type="submit" className="btn block" disabled={busy || password === ""} data-testid="unlock-submit">
        {busy ? t("checking") : t("submit")}
      </button>
      {onCancel && (
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy} data-testid="unlock-cancel">
          {t("cancel")}
        </button>
      )}
    </form>
  );
}
