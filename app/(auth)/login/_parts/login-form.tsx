"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import type { TPasswordVerifier } from "@/client/work-orders/verifier";

/**
 * The phone's store and the verifier code load with the tap, not with the page: the sign-in screen's first load
 * does not carry (and hydrate through) the sync engine and IndexedDB layer it needs only after the answer.
 */
const verifierModule = () => import("@/client/work-orders/verifier");
const openStore = () => import("@/client/sync/provider").then((m) => m.openStore());

export function LoginForm() {
  const t = useTranslations("login");
  const trpc = useTRPC();
  const [showPassword, setShowPassword] = useState(false);
  /** The verifier of the typed password, derived while the server checks it (the role is known only after). */
  const verifier = useRef<Promise<TPasswordVerifier> | null>(null);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async ({ user }) => {
        // The phone keeps a verifier of the password (never the password) so that the lineman can take the phone
        // back from customer mode with no signal (client/work-orders/verifier.ts). Best effort: sign-in goes on.
        const derived = verifier.current;
        verifier.current = null;
        if (user.role === "lineman" && derived) {
          await Promise.all([openStore(), verifierModule()])
            .then(([store, { storeVerifier }]) => storeVerifier(store, user.id, derived))
            .catch(() => undefined);
        }
        // A full load, so the signed-in shell is rendered (and cached for offline use) by the server.
        window.location.assign("/home");
      },
    }),
  );
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const password = String(data.get("password") ?? "");
    // WebCrypto derives off the main thread: started now, it is ready about when the server answers
    verifier.current = verifierModule().then((m) => m.makeVerifier(password));
    verifier.current.catch(() => undefined); // a failed derivation only leaves the phone without an offline check
    login.mutate({ username: String(data.get("username") ?? ""), password });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <h2>{t("title")}</h2>
      <ErrorText error={login.error} />
      <label className="field">
        <span>{t("username")}</span>
        <input className="input" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required data-testid="username" />
      </label>
      <label className="field">
        <span>{t("password")}</span>
        <span className="pw-wrap" style={{ display: "block" }}>
          <input className="input" name="password" type={showPassword ? "text" : "password"} autoComplete="current-password" required data-testid="password" />
          <button type="button" className="pw-toggle" onClick={() => setShowPassword((v) => !v)} aria-pressed={showPassword}>
            {showPassword ? t("hidePassword") : t("showPassword")}
          </button>
        </span>
      </label>
      <button type="submit" className="btn block" disabled={login.isPending || login.isSuccess} data-testid="login-submit">
        {login.isPending || login.isSuccess ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
