"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZPbxApplicationInput } from "@/domain/property/schemas";
import { ruleMessageKey } from "@/domain/rules/codes";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, DateInput, Field, refusedRule, StepError, TextArea, TextInput, type Errors } from "../../../_parts/kit";

type TTextField =
  "customerName" | "customerPhone" | "customerAddress" | "certificateNo" | "model" | "manufacturer" | "capacity" | "standard" | "connection" | "power";

/** How far back a written application's day may be recorded. */
const APPLIED_WITHIN_DAYS = 365;

/** The application as the customer wrote it: customer, certificate, the equipment's details, trunk lines, the day. */
export function PbxForm() {
  const t = useTranslations("propertyOffice.pbxNew");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const today = operatorToday();
  const [f, setF] = useState<Record<TTextField | "ancillary" | "note" | "trunkLines", string>>({
    customerName: "",
    customerPhone: "",
    customerAddress: "",
    certificateNo: "",
    model: "",
    manufacturer: "",
    capacity: "",
    standard: "",
    connection: "",
    power: "",
    ancillary: "",
    trunkLines: "",
    note: "",
  });
  const [appliedOn, setAppliedOn] = useState(today);
  const [errors, setErrors] = useState<Errors>({});
  const set = (k: keyof typeof f) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    // a field edited after a refusal loses its message
    if (errors[k]) setErrors((e) => ({ ...e, [k]: "" }));
  };
  const record = useMutation(
    trpc.property.recordPbx.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.property.list.pathKey() });
        router.push(`/property/${r.id}?recorded=1`);
      },
      onError: (e) => setErrors(fieldErrors(e)),
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const checked = check(ZPbxApplicationInput, {
      ...f,
      certificateNo: f.certificateNo.trim().toUpperCase(),
      trunkLines: f.trunkLines.trim() === "" ? undefined : Number(f.trunkLines),
      appliedOn,
    });
    setErrors(checked.errors ?? {});
    if (checked.data) record.mutate(checked.data);
    else window.requestAnimationFrame(() => document.querySelector<HTMLElement>(".field-error")?.scrollIntoView({ block: "center" }));
  };
  const rule = refusedRule(record.error);
  const text = (k: TTextField, opts: { help?: string; inputMode?: "tel" } = {}) => (
    <Field label={t(`fields.${k}`)} name={k} error={errors[k] || undefined} help={opts.help}>
      <TextInput name={k} value={f[k]} onChange={set(k)} invalid={!!errors[k]} inputMode={opts.inputMode} type={opts.inputMode === "tel" ? "tel" : "text"} />
    </Field>
  );
  return (
    <form className="stack" noValidate onSubmit={submit} data-testid="pbx-form">
      {rule && (
        <div className="alert" data-tone="bad" role="alert" data-testid="pbx-refused" data-rule={rule}>
          <strong>{t("refused")}</strong>
          <p style={{ margin: "4px 0 0" }}>{tr(ruleMessageKey(rule))}</p>
        </div>
      )}
      {!rule && <StepError error={record.error} />}
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("customer")}</legend>
        {text("customerName")}
        {text("customerPhone", { inputMode: "tel" })}
        {text("customerAddress")}
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("equipment")}</legend>
        {text("certificateNo", { help: t("certificateHelp") })}
        {text("model")}
        {text("manufacturer", { help: t("optional") })}
        {text("capacity", { help: t("capacityHelp") })}
        {text("standard", { help: t("standardHelp") })}
        {text("connection", { help: t("connectionHelp") })}
        {text("power", { help: t("powerHelp") })}
        <Field label={t("fields.ancillary")} name="ancillary" error={errors.ancillary || undefined} help={t("ancillaryHelp")}>
          <TextArea name="ancillary" value={f.ancillary} onChange={set("ancillary")} />
        </Field>
        <Field label={t("fields.trunkLines")} name="trunkLines" error={errors.trunkLines || undefined}>
          <TextInput name="trunkLines" value={f.trunkLines} onChange={set("trunkLines")} invalid={!!errors.trunkLines} inputMode="numeric" />
        </Field>
      </fieldset>
      <div className="card stack">
        <Field label={t("fields.appliedOn")} name="appliedOn" error={errors.appliedOn || undefined}>
          <DateInput
            name="appliedOn"
            value={appliedOn}
            min={addDays(today, -APPLIED_WITHIN_DAYS)}
            max={today}
            onChange={setAppliedOn}
            invalid={!!errors.appliedOn}
          />
        </Field>
        <Field label={t("fields.note")} name="note" error={errors.note || undefined} help={t("optional")}>
          <TextArea name="note" value={f.note} onChange={set("note")} />
        </Field>
      </div>
      <button type="submit" className="btn block" disabled={record.isPending} data-testid="pbx-submit">
        {t("submit")}
      </button>
      <Link className="btn secondary block" href="/property" data-testid="pbx-back">
        {t("back")}
      </Link>
    </form>
  );
}
