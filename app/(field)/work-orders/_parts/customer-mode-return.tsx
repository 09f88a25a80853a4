"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type SubmitEvent } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import { clearServerLeavePending, customerModeOf, leaveCustomerMode, serverLeavePending } from "@/client/work-orders/customer-mode";
import { useCustomerServer } from "@/app/_ui/work-orders/use-customer-server";

/**
 * On the lineman's screens: when customer mode was left with no signal but the server still holds the session in it,
 * the lineman types the password once more to end it there (the server says so through auth.me).
 */
export function CustomerModeReturn() {
  const t = useTranslations("customer.return");
  const viewer = useViewer();
  const trpc = useTRPC();
  const { store, flush, status, lastSyncAt } = useSync();
  const server = useCustomerServer();
  const local = useReadCache(`customer-mode:${viewer.id}`, async (s) => ({
    active: await customerModeOf(s, viewer.id),
    pending: await serverLeavePending(s, viewer.id),
  }));
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false, staleTime: 0 });
  const [password, setPassword] = useState("");
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);

  // ask the server again whenever sending changes state (e.g. refused because the session is still in customer mode)
  const refetch = me.refetch;
  useEffect(() => {
    void refetch();
  }, [status, lastSyncAt, refetch]);

  // while the phone itself is in customer mode, CustomerModeGuard (app shell) sends back to the customer's screen
  const active = local.data?.active ?? null;

  const serverLocked = me.data?.customerWorkOrderId ?? null;
  const pending = local.data?.pending ?? null;
  // the server answered and holds no customer mode: a remembered "end it there" is done
  useEffect(() => {
    if (me.isSuccess && serverLocked === null && pending && store) void clearServerLeavePending(store);
  }, [me.isSuccess, serverLocked, pending, store]);
  if (active || !serverLocked) return null;

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!store) return;
    setBusy(true);
    const r = await leaveCustomerMode({ store, userId: viewer.id, password, serverLeave: server.leave, serverLocked: true });
    setBusy(false);
    setPassword("");
    if (r.ok && r.by === "server") {
      setWrong(false);
      await me.refetch();
      flush();
      return;
    }
    setWrong(!r.ok);
    if (r.ok) await me.refetch();
  };

  return (
    <form className="card alert" data-tone="info" onSubmit={(e) => void onSubmit(e)} data-testid="customer-mode-server">
      <p>{t("serverStillLocked")}</p>
      <label className="field">
        <span>{t("password")}</span>
        <input
          className="input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="server-leave-password"
        />
      </label>
      {wrong && (
        <p className="field-error" role="alert">
          {t("wrong")}
        </p>
      )}
      <button type="submit" className="btn block" disabled={busy || password === ""} data-testid="server-leave">
        {t("end")}
      </button>
    </form>
  );
}
