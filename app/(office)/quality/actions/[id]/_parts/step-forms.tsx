"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type SubmitEvent } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import { useViewer } from "@/app/_ui/viewer";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { CAUSE_CATEGORIES, type TCauseCategory } from "@/domain/quality/model";
import { ZImplementActionInput, ZPlanActionInput, ZVerifyActionInput } from "@/domain/quality/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, Field, SignBox, StepError, TextArea, type Errors } from "../../_parts/form-kit";
import type { TActionDetail } from "../../_parts/types";

type TStep = "plan" | "implement" | "verify";
interface TFormProps {
  a: TActionDetail;
  onDone: (step: TStep, notice?: string) => void;
  onConflict: () => void;
  onBack: () => void;
}

/** The furthest date offered for the action or a new plan. */
const LATEST_DAYS = 180;

/** The frame of every step: its title and help, the server's refusal, the fields, the signature, submit and back. */
function Frame({
  step,
  error,
  pending,
  onSubmit,
  onBack,
  children,
}: {
  step: TStep;
  error: unknown;
  pending: boolean;
  onSubmit: () => void;
  onBack: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("qualityOffice.actions.steps");
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid={`form-${step}`}>
      <h2 style={{ margin: 0 }}>{t(`${step}.title`)}</h2>
      <p className="help" style={{ margin: 0 }}>
        {t(`${step}.help`)}
      </p>
      <StepError error={error} />
      {children}
      <button type="submit" className="btn block" disabled={pending} data-testid={`submit-${step}`}>
        {t(`${step}.submit`)}
      </button>
      <button type="button" className="btn secondary block" onClick={onBack} data-testid="step-back">
        {t("back")}
      </button>
    </form>
  );
}

/** Mutation callbacks shared by the steps: done → the notice; refused → the field problems, and a reload. */
function stepCallbacks(p: TFormProps, step: TStep, setErrors: (e: Errors) => void) {
  return {
    onSuccess: () => p.onDone(step),
    onError: (e: unknown) => {
      setErrors(fieldErrors(e));
      p.onConflict();
    },
  };
}

/** The department head's plan: cause analysis and its category, the correction, the corrective (and preventive) action, who does it by when. */
export function PlanForm(p: TFormProps) {
  const t = useTranslations("qualityOffice.actions");
  const trpc = useTRPC();
  const viewer = useViewer();
  const today = operatorToday();
  const [f, setF] = useState({
    causeAnalysis: "",
    causeCategory: null as TCauseCategory | null,
    correction: "",
    correctiveAction: "",
    preventiveAction: "",
    ownerId: "",
    dueOn: p.a.requiredBy < today ? addDays(today, 7) : p.a.requiredBy,
    sign: false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF((x) => ({ ...x, [k]: v }));
  const people = useQuery(trpc.quality.people.queryOptions({ department: p.a.department }));
  const plan = useMutation(trpc.actions.plan.mutationOptions(stepCallbacks(p, "plan", setErrors)));
  const submit = () => {
    const checked = check(ZPlanActionInput, {
      ...f,
      causeCategory: f.causeCategory ?? undefined,
      ownerId: f.ownerId || undefined,
      sign: f.sign || undefined,
      actionId: p.a.id,
      version: p.a.version,
    });
    setErrors(checked.errors ?? {});
    if (checked.data) plan.mutate(checked.data);
  };
  return (
    <Frame step="plan" error={plan.error} pending={plan.isPending} onSubmit={submit} onBack={p.onBack}>
      <Field label={t("content.causeAnalysis")} name="causeAnalysis" error={errors.causeAnalysis}>
        <TextArea name="causeAnalysis" value={f.causeAnalysis} onChange={set("causeAnalysis")} rows={4} />
      </Field>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} data-testid="input-causeCategory">
        <legend>{t("content.causeCategory")}</legend>
        <div style={{ display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: 8 }}>
          {CAUSE_CATEGORIES.map((c) => (
            <button
              key={c}
              type="button"
              className={`btn${f.causeCategory === c ? "" : " secondary"}`}
              aria-pressed={f.causeCategory === c}
              onClick={() => set("causeCategory")(c)}
              data-testid={`cause-${c}`}
            >
              {t(`cause.${c}`)}
            </button>
          ))}
        </div>
        {errors.causeCategory && (
          <p className="field-error" data-testid="err-causeCategory">
            {t("causeRequired")}
          </p>
        )}
      </fieldset>
      <Field label={t("content.correction")} name="correction" error={errors.correction} help={t("correctionHelp")}>
        <TextArea name="correction" value={f.correction} onChange={set("correction")} />
      </Field>
      <Field label={t("content.correctiveAction")} name="correctiveAction" error={errors.correctiveAction} help={t("correctiveHelp")}>
        <TextArea name="correctiveAction" value={f.correctiveAction} onChange={set("correctiveAction")} />
      </Field>
      <Field label={t("content.preventiveAction")} name="preventiveAction" error={errors.preventiveAction} help={t("optional")}>
        <TextArea name="preventiveAction" value={f.preventiveAction} onChange={set("preventiveAction")} />
      </Field>
      <Field label={t("content.ownerName")} name="ownerId" error={errors.ownerId}>
        <select className="input" value={f.ownerId} onChange={(e) => set("ownerId")(e.target.value)} data-testid="input-ownerId">
          <option value="">{people.isPending ? t("loading") : t("chooseOwner")}</option>
          {(people.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
              {u.id === viewer.id ? ` (${t("me")})` : ""}
            </option>
          ))}
        </select>
      </Field>
      <DayPicker label={t("content.dueOn")} value={f.dueOn} min={today} max={addDays(today, LATEST_DAYS)} onChange={set("dueOn")} testId="due-on" />
      <SignBox name={viewer.displayName} checked={f.sign} onChange={set("sign")} error={errors.sign} />
    </Frame>
  );
}

/** The owner (or the head) reports the action done, saying what was done. */
export function ImplementForm(p: TFormProps) {
  const t = useTranslations("qualityOffice.actions");
  const trpc = useTRPC();
  const viewer = useViewer();
  const [note, setNote] = useState("");
  const [sign, setSign] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const implement = useMutation(trpc.actions.implement.mutationOptions(stepCallbacks(p, "implement", setErrors)));
  const submit = () => {
    const checked = check(ZImplementActionInput, { note, sign: sign || undefined, actionId: p.a.id, version: p.a.version });
    setErrors(checked.errors ?? {});
    if (checked.data) implement.mutate(checked.data);
  };
  return (
    <Frame step="implement" error={implement.error} pending={implement.isPending} onSubmit={submit} onBack={p.onBack}>
      <Field label={t("steps.implement.note")} name="note" error={errors.note}>
        <TextArea name="note" value={note} onChange={setNote} rows={4} />
      </Field>
      <SignBox name={viewer.displayName} checked={sign} onChange={setSign} error={errors.sign} />
    </Frame>
  );
}

/** Quality verifies: effective (the record and its nonconformity close) or not (a new round, with a new date to plan by). */
export function VerifyForm(p: TFormProps) {
  const t = useTranslations("qualityOffice.actions");
  const tr = useTranslations();
  const trpc = useTRPC();
  const viewer = useViewer();
  const today = operatorToday();
  const [effective, setEffective] = useState<boolean | null>(null);
  const [note, setNote] = useState("");
  const [requiredBy, setRequiredBy] = useState(addDays(today, 14));
  const [sign, setSign] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const verify = useMutation(
    trpc.actions.verify.mutationOptions({
      onSuccess: (_, input) => p.onDone("verify", t(input.effective ? "done.verifiedEffective" : "done.verifiedIneffective")),
      onError: (e) => {
        setErrors(fieldErrors(e));
        p.onConflict();
      },
    }),
  );
  const submit = () => {
    if (effective === null) {
      setErrors({ effective: "validation.required" });
      return;
    }
    const checked = check(ZVerifyActionInput, {
      effective,
      note,
      requiredBy: effective ? null : requiredBy,
      followUpCheckId: null,
      sign: sign || undefined,
      actionId: p.a.id,
      version: p.a.version,
    });
    setErrors(checked.errors ?? {});
    if (checked.data) verify.mutate(checked.data);
  };
  return (
    <Frame step="verify" error={verify.error} pending={verify.isPending} onSubmit={submit} onBack={p.onBack}>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} data-testid="input-effective">
        <legend>{t("steps.verify.verdict")}</legend>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
          {([true, false] as const).map((v) => (
            <button
              key={String(v)}
              type="button"
              className={`btn${effective === v ? "" : " secondary"}`}
              aria-pressed={effective === v}
              onClick={() => setEffective(v)}
              data-testid={`verdict-${v ? "effective" : "ineffective"}`}
            >
              {t(v ? "verdict.effective" : "verdict.ineffective")}
            </button>
          ))}
        </div>
        {errors.effective && (
          <p className="field-error" data-testid="err-effective">
            {tr(errors.effective)}
          </p>
        )}
      </fieldset>
      <Field label={t("steps.verify.note")} name="note" error={errors.note}>
        <TextArea name="note" value={note} onChange={setNote} rows={4} />
      </Field>
      {effective === false && (
        <DayPicker
          label={t("steps.verify.requiredBy")}
          value={requiredBy}
          min={today}
          max={addDays(today, LATEST_DAYS)}
          onChange={setRequiredBy}
          testId="new-required-by"
          help={t("steps.verify.requiredByHelp")}
        />
      )}
      <SignBox name={viewer.displayName} checked={sign} onChange={setSign} error={errors.sign} />
    </Frame>
  );
}
