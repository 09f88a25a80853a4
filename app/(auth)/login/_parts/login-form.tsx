"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type SubmitEvent } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode, fieldErrors, useTRPC } from "@/client/trpc";
import type { TPasswordVerifier } from "@/client/work-orders/verifier";

type Field = "username" | "password";
const FIELDS: readonly Field[] = ["username", "password"];

/**
 * The phone's store, the verifier code and the login schema load with the tap, not with the page: the sign-in
 * screen's first load does not carry (and hydrate through) the sync engine, IndexedDB layer and zod it needs only then.
 */
const verifierModule = () => import("@/client/work-orders/verifier");
const openStore = () => import("@/client/sync/provider").then((m) => m.openStore());
const loginSchema = () => import("@/domain/auth/schemas").then((m) => m.ZLoginInput);

export function LoginForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const [showPassword, setShowPassword] = useState(false);
  // what the phone found wrong before sending (the procedure's own schema), by field: catalogue keys
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  /** The verifier of the typed password, derived while the server checks it (the role is known only after). */
  const verifier = useRef<Promise<TPasswordVerifier> | null>(null);
  const login = useMutation(
    // eslint-disable-next-line react-hooks/refs -- mutationOptions only builds the options: onSuccess and onError read the refs when the server answers, never during render
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
      // the server refused a field the phone let through: mark it the same way
      onError: (error) => markFirst(fieldErrors(error) as Partial<Record<Field, string>>),
    }),
  );
  /** Marks the refused fields, then brings the first one into view and puts the cursor in it. */
  const markFirst = (errors: Partial<Record<Field, string>>) => {
    const shown = Object.fromEntries(FIELDS.filter((f) => errors[f]).map((f) => [f, errors[f]])) as Partial<Record<Field, string>>;
    setInvalid(shown);
    const first = FIELDS.find((f) => shown[f]);
    const input = first === "username" ? usernameInput.current : first === "password" ? passwordInput.current : null;
    input?.scrollIntoView({ block: "center" });
    input?.focus();
  };
  const onSubmit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    // both fields are text inputs: FormData gives a string (or null for a missing field), never a File here
    const text = (name: Field) => {
      const v = data.get(name);
      return typeof v === "string" ? v : "";
    };
    const parsed = (await loginSchema()).safeParse({ username: text("username"), password: text("password") });
    if (!parsed.success) {
      markFirst(Object.fromEntries(parsed.error.issues.reverse().map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setInvalid({});
    // WebCrypto derives off the main thread: started now, it is ready about when the server answers
    verifier.current = verifierModule().then((m) => m.makeVerifier(parsed.data.password));
    verifier.current.catch(() => undefined); // a failed derivation only leaves the phone without an offline check
    login.mutate(parsed.data);
  };
  // once typed into, a field is no longer marked
  const clear = (f: Field) => invalid[f] && setInvalid(({ [f]: _, ...rest }) => rest);
  // a field refusal is said beside its field; the general message only for anything else
  const generalError = errorCode(login.error) === "bad_input" && Object.keys(invalid).length > 0 ? null : login.error;
  const fieldProps = (f: Field) => ({
    name: f,
    "aria-invalid": invalid[f] ? true : undefined,
    "aria-describedby": invalid[f] ? `login-${f}-error` : undefined,
    onInput: () => clear(f),
    "data-testid": f,
  });
  const fieldError = (f: Field) =>
    invalid[f] ? (
      <p className="field-error" id={`login-${f}-error`} data-testid={`err-${f}`}>
        {t(invalid[f])}
      </p>
    ) : null;
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>{t("login.title")}</h2>
      <ErrorText error={generalError} />
      <label className="field">
        <span>{t("login.username")}</span>
        <input className="input" autoComplete="username" autoCapitalize="none" spellCheck={false} required ref={usernameInput} {...fieldProps("username")} />
        {fieldError("username")}
      </label>
      <label className="field">
        <span>{t("login.password")}</span>
        <span className="pw-wrap" style={{ display: "block" }}>
          <input
            className="input"
            type={showPassword ? "text" : "password"}
            autoComplete="current-password"
            required
            ref={passwordInput}
            {...fieldProps("password")}
          />
          <button type="button" className="pw-toggle" onClick={() => setShowPassword((v) => !v)} aria-pressed={showPassword}>
            {showPassword ? t("login.hidePassword") : t("login.showPassword")}
          </button>
        </span>
        {fieldError("password")}
      </label>
      <button type="submit" className="btn block" disabled={login.isPending || login.isSuccess} data-testid="login-submit">
        {login.isPending || login.isSuccess ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
