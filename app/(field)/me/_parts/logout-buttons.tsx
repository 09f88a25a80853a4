"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { dropUserCaches } from "@/client/offline-shell";
import { useTRPC } from "@/client/trpc";

export function LogoutButtons() {
  const t = useTranslations("me");
  const trpc = useTRPC();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        await dropUserCaches();
        window.location.assign("/login?reason=logged_out");
      },
    }),
  );
  return (
    <div className="stack">
      <ErrorText error={logout.error} />
      <button type="button" className="btn danger block" disabled={logout.isPending} onClick={() => logout.mutate({ everywhere: false })} data-testid="logout">
        {logout.isPending ? t("loggingOut") : t("logout")}
      </button>
      <button type="button" className="btn secondary block" disabled={logout.isPending} onClick={() => logout.mutate({ everywhere: true })} data-testid="logout-everywhere">
        {t("logoutEverywhere")}
      </button>
    </div>
  );
}
