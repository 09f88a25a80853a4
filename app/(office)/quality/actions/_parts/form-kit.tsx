"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { z } from "zod";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode } from "@/client/trpc";

export type Errors = Record<string, string>;

/** Checks an input with the step's own schema (the server's): field → catalogue key of its first problem. */
export function check<T extends z.ZodType>(schema: T, input: unknown): { data: z.output<T>; errors: null } | { data: null; errors: Errors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { data: null, errors };
}

/** A labelled field with its translated problem under it. */
export function Field({ label, error, name, help, children }: { label: string; error?: string; name: string; help?: string; children: ReactNode }) {
  const t = useTranslations();
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {help && <span className="help">{help}</span>}
      {error && (
        <p className="field-error" data-testid={`err-${name}`}>
          {t(error)}
        </p>
      )}
    </label>
  );
}

/** A multi-line answer, large enough for a thumb, that keeps what was typed. */
export function TextArea({ name, value, onChange, rows = 3 }: { name: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return <textarea className="input" name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`input-${name}`} />;
}

/**
 * The signature of a step (each step is signed by the person, dated by the server): a large tick "I sign this as …".
 * The schema refuses the step without it (`quality.validation.sign`).
 */
export function SignBox({ name, checked, onChange, error }: { name: string; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  const t = useTranslations();
  return (
    <div>
      <label className="scan-switch" style={{ minHeight: 56, fontWeight: 700 }}>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid="input-sign" style={{ width: 28, height: 28 }} />
        {t("qualityOffice.actions.sign", { name })}
      </label>
      {error && (
        <p className="field-error" data-testid="err-sign">
          {t(error)}
        </p>
      )}
    </div>
  );
}

/** A refused step: someone changed the record first (a conflict: it reloads, says so), or the server's one message for its code. */
export function StepError({ error }: { error: unknown }) {
  const t = useTranslations("qualityOffice.actions");
  if (!error) return null;
  const code = errorCode(error);
  if (code === "conflict")
    return (
      <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code={code}>
        {t("stale")}
      </div>
    );
  return <ErrorText error={error} />;
}
