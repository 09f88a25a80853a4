"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode, type SubmitEvent } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { defaultLetterDeadline, MAX_RECTIFY_DAYS, type TCaseStep } from "@/domain/property/model";
import { ZCancelInput, ZCaseStepInput, ZLetterInput } from "@/domain/property/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, Field, StepError, TextArea, type Errors } from "../../_parts/kit";
import type { TCaseDetail } from "../../_parts/types";

export interface TStepProps {
  c: TCaseDetail;
  onDone: (step: TCaseStep) => void;
  onConflict: () => void;
  onBack: () => void;
}

/** The frame of every step: its title and help, the server's refusal, the fields, submit and back. */
export function Frame({
  step,
  title,
  help,
  error,
  pending,
  submitLabel,
  destructive,
  onSubmit,
  onBack,
  children,
}: {
  step: TCaseStep;
  title: string;
  help: string;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  destructive?: boolean;
  onSubmit: () => void;
  onBack: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("propertyOffice.steps");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid={`form-${step}`}>
      <h2 style={{ margin: 0 }}>{title}</h2>
      <p className="help" style={{ margin: 0 }}>
        {help}
      </p>
      <StepError error={error} />
      {children}
      <button type="submit" className={`btn block${destructive ? " danger" : ""}`} disabled={pending} data-testid={`submit-${step}`}>
        {submitLabel}
      </button>
      <button type="button" className="btn secondary block" onClick={onBack} data-testid="step-back">
        {t("back")}
      </button>
    </form>
  );
}

/** Mutation callbacks shared by the steps: done → the notice; refused → the field problems, and a reload (stale version). */
export function stepCallbacks(p: TStepProps, step: TCaseStep, setErrors: (e: Errors) => void) {
  return {
    onSuccess: () => p.onDone(step),
    onError: (e: unknown) => {
      setErrors(fieldErrors(e));
      p.onConflict();
    },
  };
}

/** After a failed round: the rectification letter (整改通知书) listing the failed items, with its deadline. */
export function LetterForm(p: TStepProps) {
  const t = useTranslations("propertyOffice.steps.issueLetter");
  const trpc = useTRPC();
  const zh = useLocale().startsWith("zh");
  const today = operatorToday();
  const [deadline, setDeadline] = useState(defaultLetterDeadline(today));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const issue = useMutation(trpc.property.issueLetter.mutationOptions(stepCallbacks(p, "issueLetter", setErrors)));
  const last = [...p.c.rounds].sort((a, b) => b.roundNo - a.roundNo).find((r) => r.status === "failed");
  const failed = last?.items.filter((i) => i.result === "fail") ?? [];
  const submit = () => {
    const checked = check(ZLetterInput, { caseId: p.c.case.id, version: p.c.version, deadline, note });
    setErrors(checked.errors ?? {});
    if (checked.data) issue.mutate(checked.data);
  };
  return (
    <Frame
      step="issueLetter"
      title={t("title")}
      help={t("help")}
      error={issue.error}
      pending={issue.isPending}
      submitLabel={t("submit")}
      onSubmit={submit}
      onBack={p.onBack}
    >
      <div>
        <p className="field-label" style={{ margin: 0 }}>
          {t("items", { n: failed.length })}
        </p>
        <ul className="small" style={{ margin: "4px 0", paddingLeft: 18 }} data-testid="letter-items">
          {failed.map((i) => (
            <li key={i.itemId}>
              <span className="mono">{i.clause}</span> {zh || !i.textEn ? i.textZh : i.textEn}
              {i.note && ` — ${i.note}`}
            </li>
          ))}
        </ul>
      </div>
      <DayPicker
        label={t("deadline")}
        value={deadline}
        min={addDays(today, 1)}
        max={addDays(today, MAX_RECTIFY_DAYS)}
        onChange={setDeadline}
        testId="letter-deadline"
        help={t("deadlineHelp")}
      />
      {errors.deadline && (
        <p className="field-error" data-testid="err-deadline">
          <Translated k={errors.deadline} />
        </p>
      )}
      <Field label={t("note")} name="note" error={errors.note} help={t("optional")}>
        <TextArea name="note" value={note} onChange={setNote} />
      </Field>
    </Frame>
  );
}

function Translated({ k }: { k: string }) {
  const t = useTranslations();
  return <>{t(k)}</>;
}

/** The steps with only a note: rectification reported by the customer, the service opened, a round cancelled. */
export function SimpleStepForm(p: TStepProps & { step: "reportRectified" | "connect" | "cancelRound" }) {
  const t = useTranslations("propertyOffice.steps");
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const callbacks = stepCallbacks(p, p.step, setErrors);
  const reported = useMutation(trpc.property.reportRectified.mutationOptions(callbacks));
  const opened = useMutation(trpc.property.openService.mutationOptions(callbacks));
  const cancelled = useMutation(trpc.property.cancelRound.mutationOptions(callbacks));
  const m = p.step === "reportRectified" ? reported : p.step === "connect" ? opened : cancelled;
  const key = p.step === "connect" ? `connect.${p.c.case.kind}` : p.step;
  const submit = () => {
    const checked = check(ZCaseStepInput, { caseId: p.c.case.id, version: p.c.version, note });
    setErrors(checked.errors ?? {});
    if (checked.data) m.mutate(checked.data);
  };
  return (
    <Frame
      step={p.step}
      title={t(`${key}.title`)}
      help={t(`${key}.help`)}
      error={m.error}
      pending={m.isPending}
      submitLabel={t(`${key}.submit`)}
      destructive={p.step === "cancelRound"}
      onSubmit={submit}
      onBack={p.onBack}
    >
      <Field label={t(`${key}.note`)} name="note" error={errors.note} help={t("optional")}>
        <TextArea name="note" value={note} onChange={setNote} rows={3} />
      </Field>
    </Frame>
  );
}

/** The customer withdrew: the case is cancelled with the reason (nothing more happens to it). */
export function CancelForm(p: TStepProps) {
  const t = useTranslations("propertyOffice.steps.cancel");
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const cancel = useMutation(trpc.property.cancel.mutationOptions(stepCallbacks(p, "cancel", setErrors)));
  const submit = () => {
    const checked = check(ZCancelInput, { caseId: p.c.case.id, version: p.c.version, reason });
    setErrors(checked.errors ?? {});
    if (checked.data) cancel.mutate(checked.data);
  };
  return (
    <Frame
      step="cancel"
      title={t("title", { code: p.c.case.code })}
      help={t("help")}
      error={cancel.error}
      pending={cancel.isPending}
      submitLabel={t("submit")}
      destructive
      onSubmit={submit}
      onBack={p.onBack}
    >
      <Field label={t("reason")} name="reason" error={errors.reason}>
        <TextArea name="reason" value={reason} onChange={setReason} rows={3} />
      </Field>
    </Frame>
  );
}
