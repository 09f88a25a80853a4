"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZConfirmAdjustmentInput } from "@/domain/warehouse/schemas";
import { Refusal } from "../../../_parts/refusal";
import type { TDifferenceRow } from "../../../_parts/types";

/** One open difference's adjustment: its resolutions (from the server), a reason, "Confirm" → warehouse.confirmAdjustment. */
export function ConfirmDifference({ d, countId }: { d: TDifferenceRow; countId: string }) {
  const t = useTranslations("warehouseOffice.count");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [resolution, setResolution] = useState<string>(d.resolutions.length === 1 ? d.resolutions[0]! : "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirm = useMutation(
    trpc.warehouse.confirmAdjustment.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.warehouse.count.queryKey({ id: countId }) });
        void qc.invalidateQueries({ queryKey: trpc.warehouse.counts.pathKey() });
      },
    }),
  );
  if (d.resolutions.length === 0) return null;
  const shown = { ...fieldErrors(confirm.error), ...errors };
  const submit = () => {
    const parsed = ZConfirmAdjustmentInput.safeParse({ differenceId: d.id, resolution: resolution || undefined, reason });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.path[0] === "resolution" ? "warehouseOffice.count.chooseResolution" : i.message;
      setErrors(found);
      return;
    }
    setErrors({});
    confirm.mutate(parsed.data);
  };
  return (
    <div className="stack" style={{ marginTop: 8 }} data-testid={`confirm-form-${d.tag}`}>
      <div className="choice-row" role="radiogroup" aria-label={t("resolution")} style={{ marginBottom: 0 }}>
        {d.resolutions.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            className="pick"
            aria-checked={resolution === r}
            onClick={() => setResolution(r)}
            data-testid={`resolution-${r}-${d.tag}`}
          >
            {tr(`warehouse.resolution.${r}`)}
          </button>
        ))}
      </div>
      {shown.resolution && (
        <p className="field-error" data-testid={`err-resolution-${d.tag}`}>
          {tr(shown.resolution)}
        </p>
      )}
      <label className="field">
        <span>{t("reason")}</span>
        <textarea
          className="input"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          aria-invalid={Boolean(shown.reason)}
          data-testid={`reason-${d.tag}`}
        />
        {shown.reason && (
          <p className="field-error" data-testid={`err-reason-${d.tag}`}>
            {tr(shown.reason)}
          </p>
        )}
      </label>
      <Refusal error={confirm.error} />
      <button type="button" className="btn block" disabled={confirm.isPending} onClick={submit} data-testid={`confirm-${d.tag}`}>
        {t("confirm")}
      </button>
    </div>
  );
}
