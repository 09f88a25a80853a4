"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZDecideNcInput } from "@/domain/quality/schemas";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, Field, StepError, TextArea, type Errors } from "../../../actions/_parts/form-kit";
import type { TNcDetail } from "../../_parts/types";

/** Days the department is given by default to plan, and the furthest date offered. */
const DEFAULT_DAYS = 14;
const LATEST_DAYS = 180;

/**
 * Quality's decision on an open nonconformity: send the Corrective/Preventive Action Record to the department (what is
 * wrong, by when it must plan), or close it without one, with the reason. What was typed stays after a refusal.
 */
export function DecideForm({ n, onDone }: { n: TNcDetail; onDone: (notice: string) => void }) {
  const t = useTranslations("qualityOffice.nc.decide");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const today = operatorToday();
  const [decision, setDecision] = useState<"send" | "close">("send");
  const [description, setDescription] = useState(n.description);
  const [requiredBy, setRequiredBy] = useState(addDays(today, DEFAULT_DAYS));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.quality.nonconformity.queryKey({ id: n.id }) });
    void qc.invalidateQueries({ queryKey: trpc.quality.nonconformities.pathKey() });
  };
  const decide = useMutation(
    trpc.quality.decide.mutationOptions({
      onSuccess: (_, input) => {
        onDone(input.decision === "send" ? t("sent") : t("closed"));
        refresh();
      },
      onError: (e) => {
        setErrors(fieldErrors(e));
        refresh();
      },
    }),
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const input =
      decision === "send" ? { decision, ncId: n.id, version: n.version, description, requiredBy } : { decision, ncId: n.id, version: n.version, reason };
    const checked = check(ZDecideNcInput, input);
    setErrors(checked.errors ?? {});
    if (checked.data) decide.mutate(checked.data);
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} aria-labelledby="decide-title" data-testid="decide-form">
      <h2 id="decide-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <div className="seg" role="group" aria-label={t("title")} style={{ display: "flex" }}>
        {(["send", "close"] as const).map((d) => (
          <button key={d} type="button" aria-pressed={decision === d} onClick={() => setDecision(d)} style={{ flex: 1 }} data-testid={`decide-${d}`}>
            {t(d)}
          </button>
        ))}
      </div>
      <StepError error={decide.error} />
      {decision === "send" ? (
        <>
          <p className="help">{t("sendHelp", { department: tr(`departments.${n.department}`) })}</p>
          <Field label={t("description")} name="description" error={errors.description}>
            <TextArea name="description" value={description} onChange={setDescription} rows={4} />
          </Field>
          <DayPicker
            label={t("requiredBy")}
            value={requiredBy}
            min={today}
            max={addDays(today, LATEST_DAYS)}
            onChange={setRequiredBy}
            testId="required-by"
            help={t("requiredByHelp")}
          />
          {errors.requiredBy && (
            <p className="field-error" data-testid="err-requiredBy">
              {tr(errors.requiredBy)}
            </p>
          )}
        </>
      ) : (
        <Field label={t("reason")} name="reason" error={errors.reason} help={t("reasonHelp")}>
          <TextArea name="reason" value={reason} onChange={setReason} />
        </Field>
      )}
      <button type="submit" className="btn block" disabled={decide.isPending} data-testid="decide-submit">
        {decision === "send" ? t("sendSubmit") : t("closeSubmit")}
      </button>
    </form>
  );
}
