"use client";
import { useTranslations } from "next-intl";
import { type ReactNode, type SubmitEvent } from "react";
import type { z } from "zod";
import { type TComplaintStep } from "@/domain/complaints/model";
import {} from "@/domain/complaints/schemas";
import { StepError } from "../../../_parts/step-error";
import type { TComplaintDetail } from "../../../_parts/types";

export type Errors = Record<string, string>;

/** Checks an input with the step's own schema (the server's): field → catalogue key of the first problem. */
export function check<T extends z.ZodType>(schema: T, input: unknown): { data: z.output<T>; errors: null } | { data: null; errors: Errors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { data: null, errors };
}

export interface TFormProps {
  c: TComplaintDetail;
  onDone: (step: TComplaintStep) => void;
  onConflict: () => void;
  onBack: () => void;
}

/** The frame of every step form: title, the server's refusal, the fields, submit and back. */
export function Frame({
  step,
  error,
  pending,
  onSubmit,
  onBack,
  children,
}: {
  step: TComplaintStep;
  error: unknown;
  pending: boolean;
  onSubmit: () => void;
  onBack: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("complaintsDesk.steps");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="stack" noValidate onSubmit={submit} data-testid={`form-${step}`}>
      <h3 style={{ margin: 0 }}>{t(`${step}.open`)}</h3>
      <StepError error={error} />
      {children}
      <div className="row">
        <button type="submit" className="btn grow" disabled={pending} data-testid={`submit-${step}`}>
          {t(`${step}.submit`)}
        </button>
        <button type="button" className="btn secondary" onClick={onBack} data-testid="step-back">
          {t("back")}
        </button>
      </div>
    </form>
  );
}

export function Field({ label, error, name, children }: { label: string; error?: string; name: string; children: ReactNode }) {
  const t = useTranslations();
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error && (
        <p className="field-error" data-testid={`err-${name}`}>
          {t(error)}
        </p>
      )}
    </label>
  );
}

/** Mutation options shared by the steps: done → the step's notice; conflict → the form reloads under the message. */
export function useStepOptions(p: TFormProps, step: TComplaintStep) {
  return { onSuccess: () => p.onDone(step), onError: () => p.onConflict() };
}
