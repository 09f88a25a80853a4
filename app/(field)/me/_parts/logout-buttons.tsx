"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { dropUserCaches } from "@/client/offline-shell";
import { openStore, useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";

export function LogoutButtons() {
  const t = useTranslations("me");
  const trpc = useTRPC();
  const { pendingCount: counted, store } = useSync();
  const pendingCount = counted ?? 0;
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        // The read cache is company data: it goes. The outbox stays, bound to this user, sent at next sign-in.
        await (store ?? (await openStore())).clearReadCache().catch(() => undefined);
        await dropUserCaches();
        window.location.assign("/login?reason=logged_out");
      },
    }),
  );
  const start = (everywhere: boolean) => {
    if (pendingCount > 0 && !window.confirm(t("confirmPending", { count: pendingCount }))) return;
    logout.mutate({ everywhere });
  };
  return (
    <div className="stack">
      {pendingCount > 0 && (
        <div className="alert" data-tone="info" role="status" data-testid="logout-pending">
          {t("pendingNote", { count: pendingCount })}
        </div>
      )}
      <ErrorText error={logout.error} />
      <button type="button" className="btn danger block" disabled={logout.isPending} onClick={() => start(false)} data-testid="logout">
        {logout.isPending ? t("loggingOut") : t("logout")}
      </button>
      <button type="button" className="btn secondary block" disabled={logout.isPending} onClick={() => start(true)} data-testid="logout-everywhere">
        {t("logoutEverywhere")}
      </button>
    </div>
  );
}
