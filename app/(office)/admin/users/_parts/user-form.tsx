"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors } from "@/client/trpc";
import { DEPARTMENTS, ROLES, type TDepartment, type TRole } from "@/domain/auth/roles";

export interface TUserFormValues {
  username: string;
  displayName: string;
  role: TRole;
  department: TDepartment;
  password: string;
}

/** Create (with username and password) or edit (name, role, department) a user. */
export function UserForm({
  mode,
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  mode: "create" | "edit";
  initial?: Partial<TUserFormValues>;
  pending: boolean;
  error: unknown;
  onSubmit: (values: TUserFormValues) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const [v, setV] = useState<TUserFormValues>({
    username: initial?.username ?? "",
    displayName: initial?.displayName ?? "",
    role: initial?.role ?? "lineman",
    department: initial?.department ?? "terminal_service",
    password: "",
  });
  const fe = fieldErrors(error);
  const set = <K extends keyof TUserFormValues>(k: K, value: TUserFormValues[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  const fieldError = (name: string) =>
    fe[name] ? (
      <p className="field-error" id={`err-${name}`}>
        {t(fe[name])}
      </p>
    ) : null;
  return (
    <form className="card" onSubmit={submit} noValidate data-testid={`user-form-${mode}`}>
      <ErrorText error={error} />
      {mode === "create" && (
        <label className="field">
          <span>{t("admin.users.username")}</span>
          <input
            className="input mono"
            value={v.username}
            onChange={(e) => set("username", e.target.value)}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={!!fe.username}
            name="username"
          />
          {fieldError("username")}
        </label>
      )}
      <label className="field">
        <span>{t("admin.users.displayName")}</span>
        <input
          className="input"
          value={v.displayName}
          onChange={(e) => set("displayName", e.target.value)}
          aria-invalid={!!fe.displayName}
          name="displayName"
        />
        {fieldError("displayName")}
      </label>
      <label className="field">
        <span>{t("admin.users.role")}</span>
        <select className="input" value={v.role} onChange={(e) => set("role", e.target.value as TRole)} name="role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("admin.users.department")}</span>
        <select className="input" value={v.department} onChange={(e) => set("department", e.target.value as TDepartment)} name="department">
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`departments.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {mode === "create" && (
        <label className="field">
          <span>{t("admin.users.password")}</span>
          <input
            className="input"
            type="text"
            value={v.password}
            onChange={(e) => set("password", e.target.value)}
            autoComplete="new-password"
            aria-invalid={!!fe.password}
            name="password"
          />
          {fieldError("password")}
        </label>
      )}
      <div className="row">
        <button type="submit" className="btn grow" disabled={pending} data-testid="user-form-save">
          {t("admin.users.save")}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel}>
          {t("admin.users.cancel")}
        </button>
      </div>
    </form>
  );
}
