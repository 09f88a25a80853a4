"use client";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import type { z } from "zod";
import { ErrorText } from "@/app/_ui/error-text";
import { errorCode } from "@/client/trpc";
import type { TCaseStatus, TMaintenanceStatus, TRoundStatus } from "@/domain/property/model";
import { isRuleCode, ruleMessageKey, type TRuleCode } from "@/domain/rules/codes";
import type { TIsoDate } from "@/domain/time/calendar";
import { middayOfOperatorDay, OPERATOR_TIME_ZONE } from "@/domain/time/operator";

export type Errors = Record<string, string>;

/** Checks an input with the server's own schema: field → catalogue key of its first problem. */
export function check<T extends z.ZodType>(schema: T, input: unknown): { data: z.output<T>; errors: null } | { data: null; errors: Errors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { data: null, errors };
}

/** A labelled field with its translated problem beside it. */
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

/** A one-line text input that keeps what was typed. */
export function TextInput({
  name,
  value,
  onChange,
  invalid,
  inputMode,
  placeholder,
  type = "text",
}: {
  name: string;
  value: string;
  onChange: (v: string) => void;
  invalid?: boolean;
  inputMode?: "text" | "tel" | "numeric";
  placeholder?: string;
  type?: "text" | "tel" | "number";
}) {
  return (
    <input
      className="input"
      name={name}
      type={type}
      value={value}
      inputMode={inputMode}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.target.value)}
      data-testid={`input-${name}`}
    />
  );
}

/** A multi-line answer, large enough for a thumb. */
export function TextArea({ name, value, onChange, rows = 3 }: { name: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return <textarea className="input" name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`input-${name}`} />;
}

/** The rule a `rule_violation` names (`rules.<code>`), or null. */
export function refusedRule(error: unknown): TRuleCode | null {
  if (errorCode(error) !== "rule_violation" || !(error instanceof TRPCClientError)) return null;
  const rule = (error.data as { details?: { rule?: unknown } } | undefined)?.details?.rule;
  return isRuleCode(rule) ? rule : null;
}

/**
 * A refused step in words: a rule (license_expired, documents_required…) by its one message, a conflict as "someone
 * changed it first, here it is now" (the caller reloads), anything else as every screen says it.
 */
export function StepError({ error }: { error: unknown }) {
  const t = useTranslations();
  if (!error) return null;
  const code = errorCode(error);
  const rule = refusedRule(error);
  if (rule === null && code !== "conflict") return <ErrorText error={error} />;
  return (
    <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code={rule ?? code}>
      {rule !== null ? t(ruleMessageKey(rule)) : t("propertyOffice.stale")}
    </div>
  );
}

export const CASE_TONE: Record<TCaseStatus, "ok" | "warn" | "bad" | "info" | "muted"> = {
  recorded: "info",
  scheduled: "info",
  failed: "bad",
  rectifying: "warn",
  rectified: "warn",
  passed: "ok",
  connected: "muted",
  cancelled: "muted",
};
export const ROUND_TONE: Record<TRoundStatus, "ok" | "bad" | "info" | "muted"> = { scheduled: "info", passed: "ok", failed: "bad", cancelled: "muted" };
export const MAINTENANCE_TONE: Record<TMaintenanceStatus, "ok" | "muted"> = { active: "ok", ended: "muted", cancelled: "muted" };

/** A case's status, coloured the same on every screen. */
export function CaseStatus({ status }: { status: TCaseStatus }) {
  const t = useTranslations("property.status");
  return (
    <span className="badge" data-tone={CASE_TONE[status]} data-status={status}>
      {t(status)}
    </span>
  );
}

/** A day as people read it ("12月20日 周日"), the operator's calendar day whatever the device's zone. */
export function useDay(): (day: TIsoDate) => string {
  const format = useFormatter();
  return (day) => format.dateTime(middayOfOperatorDay(day), { year: "numeric", month: "short", day: "numeric", weekday: "short" });
}

/** An instant as people read it (operator's zone). */
export function useWhen(): (at: Date | string) => string {
  const format = useFormatter();
  return (at) =>
    format.dateTime(new Date(at), {
      timeZone: OPERATOR_TIME_ZONE,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
}

/** 1536 → "1.5 KB". */
export function formatSize(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}

/** A SHA-256 shown short (the first 12 hex digits), the whole in the title. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <span className="mono" title={sha256} data-testid="sha256">
      {sha256.slice(0, 12)}…
    </span>
  );
}

/** A calendar day typed or picked with the browser's own date input (the office's past days and agreement periods). */
export function DateInput({
  name,
  value,
  onChange,
  min,
  max,
  invalid,
}: {
  name: string;
  value: TIsoDate;
  onChange: (day: TIsoDate) => void;
  min?: TIsoDate;
  max?: TIsoDate;
  invalid?: boolean;
}) {
  return (
    <input
      className="input"
      type="date"
      name={name}
      value={value}
      min={min}
      max={max}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.target.value)}
      data-testid={`input-${name}`}
    />
  );
}

/** "Recorded" is said once: the address loses its ?recorded=1 (a reload or a link does not say it again). */
export function useDropRecorded(recorded: boolean): void {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (recorded) router.replace(pathname, { scroll: false });
  }, [recorded, router, pathname]);
}
