"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { z } from "zod";
import { SignatureBox, type SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { REPLY_METHODS, replyTimeAsTyped, SATISFACTION_SCORES, type TComplaintStep } from "@/domain/complaints/model";
import {
  ZAcceptInput,
  ZCallbackInput,
  ZCloseInput,
  ZEscalateInput,
  ZLetterInput,
  ZNoteStepInput,
  ZReopenInput,
  ZReplyInput,
  ZResolveInput,
  ZReviewInput,
  ZSignInput,
} from "@/domain/complaints/schemas";
import { fromOperatorLocal, toOperatorLocal } from "@/domain/time/operator";
import type { TComplaintDetail } from "../../../_parts/types";

import { ClassifyForm } from "./classify-form";
import { check, Field, Frame, useStepOptions, type Errors, type TFormProps } from "./step-frame";
/** The reply's time as typed (a minute, operator time), read as the server reads it (domain replyTimeAsTyped). */
function replyAt(local: string, receivedAt: Date | string): Date | undefined {
  const at = fromOperatorLocal(local);
  return at === null ? undefined : replyTimeAsTyped(at, new Date(receivedAt));
}

/** The order the steps are offered in: the handling's own order, then the record-only ones. */
const ORDER: TComplaintStep[] = [
  "classify",
  "accept",
  "investigate",
  "resolve",
  "letter",
  "reply",
  "sign",
  "close",
  "callback",
  "escalate",
  "review",
  "reopen",
];

/**
 * The steps the viewer may take now (`can` from the server; the screen decides nothing itself), each a button that
 * opens its form. A conflict reloads the form and says so; a rule's refusal shows its one message.
 */
export function Steps({ c, onDone }: { c: TComplaintDetail; onDone: (notice: string | null) => void }) {
  const t = useTranslations("complaintsDesk.steps");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState<TComplaintStep | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.complaints.get.queryKey({ id: c.id }) });
    void qc.invalidateQueries({ queryKey: trpc.complaints.desk.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.complaints.escalated.pathKey() });
  };
  const steps = ORDER.filter((s) => c.can[s]);
  const finish = (step: TComplaintStep) => {
    setOpen(null);
    onDone(t(`${step}.done`));
    refresh();
  };
  if (steps.length === 0)
    return (
      <p className="muted" data-testid="steps-none">
        {t("nothing")}
      </p>
    );
  const props = { c, onDone: finish, onConflict: refresh, onBack: () => setOpen(null) };
  return (
    <section className="card stack" aria-labelledby="steps-title" data-testid="steps">
      <h2 id="steps-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      {open === null ? (
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))", gap: 8 }}>
          {steps.map((s, i) => (
            <button
              key={s}
              type="button"
              className={`btn${i === 0 ? "" : " secondary"}`}
              onClick={() => {
                onDone(null);
                setOpen(s);
              }}
              data-testid={`step-${s}`}
            >
              {t(`${s}.open`)}
            </button>
          ))}
        </div>
      ) : (
        <StepForm step={open} {...props} />
      )}
    </section>
  );
}

function StepForm(p: TFormProps & { step: TComplaintStep }) {
  switch (p.step) {
    case "classify":
      return <ClassifyForm {...p} />;
    case "sign":
      return <SignForm {...p} />;
    case "callback":
      return <CallbackForm {...p} />;
    default:
      return <TextStepForm {...p} step={p.step} />;
  }
}

/** The steps that are a few text fields (and for reply, escalate and review a choice). */
function TextStepForm(p: TFormProps & { step: Exclude<TComplaintStep, "classify" | "sign" | "callback"> }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { c, step } = p;
  const [fields, setFields] = useState<Record<string, string>>(() => ({
    note: "",
    reason: "",
    result: c.result,
    process: c.letterProcess ?? "",
    letterResult: c.letterResult ?? c.result,
    method: c.channel === "centre_180" ? "letter" : "phone",
    at: toOperatorLocal(new Date()),
    level: (step === "review" ? c.reviewAt[0] : c.escalateTo[0]) ?? "quality",
  }));
  const [localErrors, setErrors] = useState<Errors>({});
  const o = useStepOptions(p, step);
  const mutations = {
    accept: useMutation(trpc.complaints.accept.mutationOptions(o)),
    investigate: useMutation(trpc.complaints.investigate.mutationOptions(o)),
    resolve: useMutation(trpc.complaints.resolve.mutationOptions(o)),
    reply: useMutation(trpc.complaints.reply.mutationOptions(o)),
    letter: useMutation(trpc.complaints.letter.mutationOptions(o)),
    escalate: useMutation(trpc.complaints.escalate.mutationOptions(o)),
    review: useMutation(trpc.complaints.review.mutationOptions(o)),
    close: useMutation(trpc.complaints.close.mutationOptions(o)),
    reopen: useMutation(trpc.complaints.reopen.mutationOptions(o)),
  };
  const m = mutations[step];
  // the server's field refusals (e.g. "when" before the customer asked) beside the form's own
  const errors: Errors = { ...fieldErrors(m.error), ...localErrors };
  const ref = { complaintId: c.id, version: c.version };
  const s = (k: string) => t(`complaintsDesk.steps.${step}.${k}`);
  const set = (k: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));
  const area = (k: string, label: string, name = k, max = 2000) => (
    <Field label={label} error={errors[name]} name={name}>
      <textarea className="input" value={fields[k]} onChange={set(k)} maxLength={max} aria-invalid={Boolean(errors[name])} data-testid={`${step}-${name}`} />
    </Field>
  );
  const submit = () => {
    const run = <T extends z.ZodType>(schema: T, input: unknown): z.output<T> | null => {
      const r = check(schema, input);
      setErrors(r.errors ?? {});
      return r.data;
    };
    const f = fields;
    const x = mutations;
    let d;
    switch (step) {
      case "accept":
        if ((d = run(ZAcceptInput, { ...ref, note: f.note }))) x.accept.mutate(d);
        break;
      case "investigate":
        if ((d = run(ZNoteStepInput, { ...ref, note: f.note }))) x.investigate.mutate(d);
        break;
      case "resolve":
        if ((d = run(ZResolveInput, { ...ref, result: f.result }))) x.resolve.mutate(d);
        break;
      case "reply":
        if ((d = run(ZReplyInput, { ...ref, method: f.method, at: replyAt(f.at ?? "", c.receivedAt), note: f.note }))) x.reply.mutate(d);
        break;
      case "letter":
        if ((d = run(ZLetterInput, { ...ref, process: f.process, result: f.letterResult }))) x.letter.mutate(d);
        break;
      case "escalate":
        if ((d = run(ZEscalateInput, { ...ref, level: f.level, reason: f.reason }))) x.escalate.mutate(d);
        break;
      case "review":
        if ((d = run(ZReviewInput, { ...ref, level: f.level, note: f.note }))) x.review.mutate(d);
        break;
      case "close":
        if ((d = run(ZCloseInput, { ...ref, note: f.note }))) x.close.mutate(d);
        break;
      case "reopen":
        if ((d = run(ZReopenInput, { ...ref, reason: f.reason }))) x.reopen.mutate(d);
        break;
    }
  };
  const levels = step === "review" ? c.reviewAt : c.escalateTo;
  return (
    <Frame step={step} error={m.error} pending={m.isPending} onSubmit={submit} onBack={p.onBack}>
      {(step === "escalate" || step === "review") && levels.length > 1 && (
        <Field label={t("complaintsDesk.steps.escalate.level")} name="level" error={errors.level}>
          <select className="input" value={fields.level} onChange={set("level")} data-testid={`${step}-level`}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(`complaints.escalationLevel.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {(step === "escalate" || step === "review") && levels.length === 1 && <p className="muted">{t(`complaints.escalationLevel.${levels[0]!}`)}</p>}
      {step === "reply" && (
        <>
          <Field label={s("method")} name="method" error={errors.method}>
            <select className="input" value={fields.method} onChange={set("method")} data-testid="reply-method">
              {REPLY_METHODS.map((r) => (
                <option key={r} value={r}>
                  {t(`complaints.replyMethod.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={s("at")} name="at" error={errors.at}>
            <input className="input" type="datetime-local" value={fields.at} onChange={set("at")} data-testid="reply-at" />
          </Field>
        </>
      )}
      {step === "resolve" && area("result", s("result"))}
      {step === "letter" && (
        <>
          {area("process", s("process"), "process", 4000)}
          {area("letterResult", s("result"), "result")}
        </>
      )}
      {(step === "escalate" || step === "reopen") && area("reason", s("reason"), "reason", 1000)}
      {(step === "accept" || step === "investigate" || step === "reply" || step === "close") && area("note", s("note"))}
      {step === "review" && area("note", s("note"))}
    </Frame>
  );
}

function SignForm(p: TFormProps) {
  const t = useTranslations("complaintsDesk.steps.sign");
  const trpc = useTRPC();
  const pad = useRef<SignatureBoxHandle>(null);
  const [signer, setSigner] = useState(p.c.customerName);
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation(trpc.complaints.sign.mutationOptions(useStepOptions(p, "sign")));
  const submit = () => {
    const drawn = pad.current?.export() ?? null;
    if (!drawn) {
      setErrors({ png: "complaintsDesk.steps.sign.empty" });
      pad.current?.focus();
      return;
    }
    const r = check(ZSignInput, { complaintId: p.c.id, version: p.c.version, signer, png: drawn.base64 });
    setErrors(r.errors ?? {});
    if (r.data) m.mutate(r.data);
  };
  return (
    <Frame step="sign" error={m.error} pending={m.isPending} onSubmit={submit} onBack={p.onBack}>
      <Field label={t("signer")} name="signer" error={errors.signer}>
        <input className="input" value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={80} data-testid="sign-signer" />
      </Field>
      <SignatureBox ref={pad} label={t("pad")} testId="sign-pad" large invalid={Boolean(errors.png)} />
      {errors.png && (
        <p className="field-error" data-testid="err-png">
          {t("empty")}
        </p>
      )}
    </Frame>
  );
}

function CallbackForm(p: TFormProps) {
  const t = useTranslations("complaintsDesk.steps.callback");
  const tr = useTranslations();
  const trpc = useTRPC();
  const [score, setScore] = useState<number | null>(p.c.satisfaction);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation(trpc.complaints.callback.mutationOptions(useStepOptions(p, "callback")));
  const submit = () => {
    const r = check(ZCallbackInput, { complaintId: p.c.id, version: p.c.version, satisfaction: score ?? undefined, note });
    setErrors(r.errors ?? {});
    if (r.data) m.mutate(r.data);
  };
  return (
    <Frame step="callback" error={m.error} pending={m.isPending} onSubmit={submit} onBack={p.onBack}>
      <fieldset className="choices">
        <legend>{t("satisfaction")}</legend>
        <div role="group" style={{ display: "grid", gridTemplateColumns: "repeat(5, 1fr)", gap: 6 }}>
          {SATISFACTION_SCORES.map((n) => (
            <button
              key={n}
              type="button"
              className={`btn${score === n ? "" : " secondary"}`}
              aria-pressed={score === n}
              aria-label={t("score", { n })}
              onClick={() => setScore(n)}
              style={{ minHeight: 64, fontSize: 24, padding: 0 }}
              data-testid={`callback-${n}`}
            >
              {n}
            </button>
          ))}
        </div>
        <div className="row muted small" style={{ justifyContent: "space-between" }}>
          <span>{t("low")}</span>
          <span>{t("high")}</span>
        </div>
        {errors.satisfaction && (
          <p className="field-error" data-testid="err-satisfaction">
            {tr(errors.satisfaction)}
          </p>
        )}
      </fieldset>
      <Field label={t("note")} name="note" error={errors.note}>
        <textarea className="input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} data-testid="callback-note" />
      </Field>
    </Frame>
  );
}
