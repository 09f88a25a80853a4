"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type SubmitEvent } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { SignatureBox, type SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZMaintenanceInput, type TMaintenancePrefill } from "@/domain/property/schemas";
import { addDays, addYears } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, DateInput, Field, StepError, TextArea, TextInput, type Errors } from "../../../_parts/kit";

const MAX_LINES = 50;

/**
 * The customer, the equipment covered (a line each), the period, the terms, who offered it, the customer's signature.
 * Opened from a work order (`prefill`), it starts with that customer, says so, and leads back to the order.
 */
export function MaintenanceForm({ prefill = {} }: { prefill?: TMaintenancePrefill }) {
  const t = useTranslations("propertyOffice.maintenance.form");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const viewer = useViewer();
  const today = operatorToday();
  const pad = useRef<SignatureBoxHandle>(null);
  const [f, setF] = useState({
    customerName: prefill.customerName ?? "",
    customerPhone: prefill.customerPhone ?? "",
    customerAddress: prefill.customerAddress ?? "",
    terms: "",
  });
  const fromOrder = prefill.workOrderId ?? null;
  const [equipment, setEquipment] = useState<string[]>([""]);
  const [appliedOn, setAppliedOn] = useState(today);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(addDays(addYears(today, 1), -1));
  const [offeredBy, setOfferedBy] = useState(viewer.id);
  const [errors, setErrors] = useState<Errors>({});
  const people = useQuery(trpc.property.people.queryOptions({}));
  const set = (k: keyof typeof f) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: "" }));
  };
  const record = useMutation(
    trpc.maintenance.record.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.maintenance.list.pathKey() });
        // the work order's "recorded since" (its feed row shows the agreement only when the order itself changes)
        void qc.invalidateQueries({ queryKey: trpc.maintenance.forCustomer.pathKey() });
        router.push(`/property/maintenance/${r.id}?recorded=1${fromOrder ? `&wo=${fromOrder}` : ""}`);
      },
      onError: (e) => setErrors(fieldErrors(e)),
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const drawn = pad.current?.export() ?? null;
    const checked = check(ZMaintenanceInput, {
      ...f,
      equipment: equipment.map((x) => x.trim()).filter((x) => x !== ""),
      appliedOn,
      startsOn,
      endsOn,
      offeredBy,
      signature: drawn ? { mime: drawn.mime, base64: drawn.base64, strokes: drawn.strokes } : null,
    });
    const found: Errors = { ...(checked.errors ?? {}) };
    if (!drawn) found.signature = "propertyOffice.maintenance.form.signatureRequired";
    setErrors(found);
    if (Object.keys(found).length > 0 || !checked.data) {
      if (found.signature && Object.keys(found).length === 1) pad.current?.focus();
      else window.requestAnimationFrame(() => document.querySelector<HTMLElement>(".field-error")?.scrollIntoView({ block: "center" }));
      return;
    }
    record.mutate(checked.data);
  };
  const text = (k: "customerName" | "customerPhone" | "customerAddress", tel?: boolean) => (
    <Field label={t(`fields.${k}`)} name={k} error={errors[k] || undefined}>
      <TextInput name={k} value={f[k]} onChange={set(k)} invalid={!!errors[k]} inputMode={tel ? "tel" : undefined} type={tel ? "tel" : "text"} />
    </Field>
  );
  return (
    <form className="stack" noValidate onSubmit={submit} data-testid="maintenance-form">
      <StepError error={record.error} />
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("customer")}</legend>
        {fromOrder && (
          <p className="alert" data-tone="info" style={{ margin: 0 }} data-testid="maintenance-prefilled">
            {t("fromWorkOrder")}
          </p>
        )}
        {text("customerName")}
        {text("customerPhone", true)}
        {text("customerAddress")}
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }} data-testid="input-equipment">
        <legend className="field-label">{t("fields.equipment")}</legend>
        <p className="help" style={{ margin: 0 }}>
          {t("equipmentHelp")}
        </p>
        {equipment.map((line, n) => (
          <div key={n} className="row" style={{ alignItems: "stretch" }}>
            <input
              className="input grow"
              value={line}
              aria-label={t("equipmentLine", { n: n + 1 })}
              onChange={(e) => setEquipment((xs) => xs.map((x, i) => (i === n ? e.target.value : x)))}
              data-testid={`equipment-${n}`}
            />
            {equipment.length > 1 && (
              <button
                type="button"
                className="btn secondary"
                onClick={() => setEquipment((xs) => xs.filter((_, i) => i !== n))}
                aria-label={t("removeLine", { n: n + 1 })}
              >
                ✕
              </button>
            )}
          </div>
        ))}
        {errors.equipment && (
          <p className="field-error" data-testid="err-equipment">
            {tr(errors.equipment)}
          </p>
        )}
        {equipment.length < MAX_LINES && (
          <button type="button" className="btn secondary block" onClick={() => setEquipment((xs) => [...xs, ""])} data-testid="equipment-add">
            {t("addLine")}
          </button>
        )}
      </fieldset>
      <fieldset className="card stack" style={{ margin: 0 }}>
        <legend className="field-label">{t("agreement")}</legend>
        <Field label={t("fields.appliedOn")} name="appliedOn" error={errors.appliedOn || undefined}>
          <DateInput name="appliedOn" value={appliedOn} min={addDays(today, -365)} max={today} onChange={setAppliedOn} invalid={!!errors.appliedOn} />
        </Field>
        <Field label={t("fields.startsOn")} name="startsOn" error={errors.startsOn || undefined}>
          <DateInput name="startsOn" value={startsOn} onChange={setStartsOn} invalid={!!errors.startsOn} />
        </Field>
        <Field label={t("fields.endsOn")} name="endsOn" error={errors.endsOn || undefined}>
          <DateInput name="endsOn" value={endsOn} min={startsOn} onChange={setEndsOn} invalid={!!errors.endsOn} />
        </Field>
        <Field label={t("fields.terms")} name="terms" error={errors.terms || undefined} help={t("termsHelp")}>
          <TextArea name="terms" value={f.terms} onChange={set("terms")} rows={5} />
        </Field>
        <Field label={t("fields.offeredBy")} name="offeredBy" error={errors.offeredBy || undefined}>
          <select className="input" value={offeredBy} onChange={(e) => setOfferedBy(e.target.value)} data-testid="input-offeredBy">
            <option value={viewer.id}>{t("me", { name: viewer.displayName })}</option>
            {(people.data ?? [])
              .filter((u) => u.id !== viewer.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </Field>
      </fieldset>
      <div className="card stack">
        <SignatureBox ref={pad} label={t("signature")} testId="maintenance-signature" large invalid={Boolean(errors.signature)} />
        {errors.signature && (
          <p className="field-error" data-testid="err-signature">
            {tr(errors.signature)}
          </p>
        )}
      </div>
      <button type="submit" className="btn block" disabled={record.isPending} data-testid="maintenance-submit">
        {t("submit")}
      </button>
      <Link
        className="btn secondary block"
        href={fromOrder ? `/work-orders#${fromOrder}` : "/property/maintenance"}
        prefetch={false}
        data-testid="maintenance-back"
      >
        {t(fromOrder ? "backToWorkOrder" : "back")}
      </Link>
    </form>
  );
}
