"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZOpenMonthInput, ZSetThresholdInput } from "@/domain/quality/schemas";

/** Quality's settings of the check: the threshold (per cent billed right), and a month opened by hand. */
export function BillingAdmin({ thresholdPct }: { thresholdPct: number }) {
  const t = useTranslations("qualityOffice.billing");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.billing.months.pathKey() });
  const [pct, setPct] = useState(String(thresholdPct));
  const [month, setMonth] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setThreshold = useMutation(trpc.billing.setThreshold.mutationOptions({ onSuccess: refresh }));
  const openMonth = useMutation(trpc.billing.openMonth.mutationOptions({ onSuccess: refresh }));
  const shown = { ...fieldErrors(setThreshold.error), ...fieldErrors(openMonth.error), ...errors };
  const saveThreshold = () => {
    const parsed = ZSetThresholdInput.safeParse({ thresholdPct: pct.trim() === "" ? undefined : Number(pct) });
    if (!parsed.success) {
      setErrors({ thresholdPct: parsed.error.issues[0]!.message });
      return;
    }
    setErrors({});
    setThreshold.mutate(parsed.data);
  };
  const open = () => {
    const parsed = ZOpenMonthInput.safeParse({ month });
    if (!parsed.success) {
      setErrors({ month: parsed.error.issues[0]!.message });
      return;
    }
    setErrors({});
    openMonth.mutate(parsed.data);
  };
  return (
    <>
      <section className="card stack" aria-labelledby="threshold-title" data-testid="threshold-form">
        <h2 id="threshold-title">{t("threshold.title")}</h2>
        <label className="field">
          <span>{t("threshold.label")}</span>
          <input
            className="input"
            type="number"
            inputMode="decimal"
            step="0.01"
            min={90}
            max={100}
            value={pct}
            onChange={(e) => setPct(e.target.value)}
            aria-invalid={Boolean(shown.thresholdPct)}
            data-testid="threshold-input"
          />
          {shown.thresholdPct && <p className="field-error">{tr(shown.thresholdPct)}</p>}
        </label>
        <ErrorText error={setThreshold.error} />
        {setThreshold.isSuccess && (
          <p className="alert" data-tone="ok" role="status" data-testid="threshold-saved">
            {t("threshold.saved")}
          </p>
        )}
        <button type="button" className="btn block" disabled={setThreshold.isPending} onClick={saveThreshold} data-testid="threshold-save">
          {t("threshold.save")}
        </button>
      </section>
      <section className="card stack" aria-labelledby="open-month-title" data-testid="open-month-form">
        <h2 id="open-month-title">{t("openMonth.title")}</h2>
        <label className="field">
          <span>{t("openMonth.label")}</span>
          <input
            className="input mono"
            type="month"
            value={month}
            onChange={(e) => setMonth(e.target.value)}
            aria-invalid={Boolean(shown.month)}
            data-testid="open-month-input"
          />
          {shown.month && <p className="field-error">{tr(shown.month)}</p>}
        </label>
        <ErrorText error={openMonth.error} />
        {openMonth.isSuccess && (
          <p className="alert" data-tone="ok" role="status">
            {t("openMonth.opened", { month: openMonth.variables.month })}
          </p>
        )}
        <button type="button" className="btn secondary block" disabled={openMonth.isPending} onClick={open} data-testid="open-month-submit">
          {t("openMonth.submit")}
        </button>
      </section>
    </>
  );
}
