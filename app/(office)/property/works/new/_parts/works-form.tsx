"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type SubmitEvent } from "react";
import { SignatureBox, type SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { AGREEMENT_KINDS, type TAgreementKind } from "@/domain/property/model";
import { ZWorksInput } from "@/domain/property/schemas";
import { addYears } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, DateInput, Field, StepError, TextArea, TextInput, type Errors } from "../../../_parts/kit";

type TTextField = "customerName" | "customerPhone" | "customerAddress" | "projectName" | "constructorName";
type TSignedHow = "screen" | "scan";

/** The project and its agreement: customer, project, constructor, scope, kind, parties, period, the customer's signature. */
export function WorksForm() {
  const t = useTranslations("propertyOffice.worksNew");
  const tp = useTranslations("property");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const today = operatorToday();
  const pad = useRef<SignatureBoxHandle>(null);
  const [f, setF] = useState<Record<TTextField | "scope" | "parties" | "note", string>>({
    customerName: "",
    customerPhone: "",
    customerAddress: "",
    projectName: "",
    constructorName: "",
    scope: "",
    parties: "",
    note: "",
  });
  const [agreementKind, setKind] = useState<TAgreementKind>("acceptance");
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(addYears(today, 1));
  const [signedHow, setSignedHow] = useState<TSignedHow>("screen");
  const [errors, setErrors] = useState<Errors>({});
  const set = (k: keyof typeof f) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: "" }));
  };
  const record = useMutation(
    trpc.works.record.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.property.list.pathKey() });
        router.push(`/property/${r.id}?recorded=1`);
      },
      onError: (e) => setErrors(fieldErrors(e)),
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const drawn = signedHow === "screen" ? (pad.current?.export() ?? null) : null;
    const checked = check(ZWorksInput, {
      ...f,
      agreementKind,
      startsOn,
      endsOn,
      signature: drawn ? { mime: drawn.mime, base64: drawn.base64, strokes: drawn.strokes } : null,
    });
    const found: Errors = { ...(checked.errors ?? {}) };
    if (signedHow === "screen" && !drawn) found.signature = "propertyOffice.worksNew.signatureRequired";
    setErrors(found);
    if (Object.keys(found).length > 0 || !checked.data) {
      if (found.signature && Object.keys(found).length === 1) pad.current?.focus();
      else window.requestAnimationFrame(() => document.querySelector<HTMLElement>(".field-error")?.scrollIntoView({ block: "center" }));
      return;
    }
    record.mutate(checked.data);
  };
  const text = (k: TTextField, inputMode?: "tel") => (
    <Field label={t(`fields.${k}`)} name={k} error={errors[k] || undefined}>
      <TextInput name={k} value={f[k]} onChange={set(k)} invalid={!!errors[k]} inputMode={inputMode} type={inputMode === "tel" ? "tel" : "text"} />
    </Field>
  );
  return (
    <form className="stack" noValidate onSubmit={submit} data-testid="works-form">
      <StepError error={record.error} />
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("customer")}</legend>
        {text("customerName")}
        {text("customerPhone", "tel")}
        {text("customerAddress")}
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("project")}</legend>
        {text("projectName")}
        {text("constructorName")}
        <Field label={t("fields.scope")} name="scope" error={errors.scope || undefined} help={t("scopeHelp")}>
          <TextArea name="scope" value={f.scope} onChange={set("scope")} rows={4} />
        </Field>
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("agreement")}</legend>
        <div className="field">
          <span>{t("fields.agreementKind")}</span>
          <div style={{ display: "grid", gap: 8 }} role="group" data-testid="input-agreementKind">
            {AGREEMENT_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                className={`btn${agreementKind === k ? "" : " secondary"}`}
                aria-pressed={agreementKind === k}
                onClick={() => setKind(k)}
                data-testid={`agreement-${k}`}
              >
                {tp(`agreementKind.${k}`)}
              </button>
            ))}
          </div>
        </div>
        <Field label={t("fields.parties")} name="parties" error={errors.parties || undefined} help={t("partiesHelp")}>
          <TextArea name="parties" value={f.parties} onChange={set("parties")} rows={2} />
        </Field>
        <Field label={t("fields.startsOn")} name="startsOn" error={errors.startsOn || undefined}>
          <DateInput name="startsOn" value={startsOn} onChange={setStartsOn} invalid={!!errors.startsOn} />
        </Field>
        <Field label={t("fields.endsOn")} name="endsOn" error={errors.endsOn || undefined}>
          <DateInput name="endsOn" value={endsOn} min={startsOn} onChange={setEndsOn} invalid={!!errors.endsOn} />
        </Field>
        <Field label={t("fields.note")} name="note" error={errors.note || undefined} help={t("optional")}>
          <TextArea name="note" value={f.note} onChange={set("note")} />
        </Field>
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("signed")}</legend>
        <div className="seg" role="group" style={{ display: "flex" }}>
          {(["screen", "scan"] as const).map((h) => (
            <button
              key={h}
              type="button"
              aria-pressed={signedHow === h}
              onClick={() => setSignedHow(h)}
              style={{ flex: "1 0 auto" }}
              data-testid={`signed-${h}`}
            >
              {t(`signedHow.${h}`)}
            </button>
          ))}
        </div>
        {signedHow === "screen" ? (
          <>
            <SignatureBox ref={pad} label={t("signature")} testId="works-signature" large invalid={Boolean(errors.signature)} />
            {errors.signature && (
              <p className="field-error" data-testid="err-signature">
                {tr(errors.signature)}
              </p>
            )}
          </>
        ) : (
          <p className="help" data-testid="scan-help">
            {t("scanHelp")}
          </p>
        )}
      </fieldset>
      <button type="submit" className="btn block" disabled={record.isPending} data-testid="works-submit">
        {t("submit")}
      </button>
      <Link className="btn secondary block" href="/property" data-testid="works-back">
        {t("back")}
      </Link>
    </form>
  );
}
