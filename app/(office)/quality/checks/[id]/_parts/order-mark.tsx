"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ORDER_RESULTS, type TOrderResult } from "@/domain/quality/model";
import { ZMarkOrderInput } from "@/domain/quality/schemas";
import type { TCheckOrder } from "./types";

/** One sampled order's mark: ok / missing signature / missing evidence / wrong verdict, a note for a finding, save. */
export function OrderMark({ checkId, order }: { checkId: string; order: TCheckOrder }) {
  const t = useTranslations("qualityOffice.checks");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [result, setResult] = useState<TOrderResult | null>(order.result);
  const [note, setNote] = useState(order.note ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mark = useMutation(
    trpc.quality.markOrder.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.quality.check.queryKey({ id: checkId }) }) }),
  );
  const shown = { ...fieldErrors(mark.error), ...errors };
  const save = () => {
    const parsed = ZMarkOrderInput.safeParse({ checkId, workOrderId: order.workOrderId, result: result ?? undefined, note });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.path[0] === "result" ? "validation.required" : i.message;
      setErrors(found);
      return;
    }
    setErrors({});
    mark.mutate(parsed.data);
  };
  const changed = result !== order.result || note !== (order.note ?? "");
  return (
    <div className="stack" style={{ marginTop: 8 }} data-testid={`mark-form-${order.workOrderCode}`}>
      <div className="choice-row" role="radiogroup" aria-label={t("detail.result")} style={{ marginBottom: 0 }}>
        {ORDER_RESULTS.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            className="pick"
            aria-checked={result === r}
            onClick={() => setResult(r)}
            data-testid={`mark-${r}-${order.workOrderCode}`}
          >
            {t(`orderResult.${r}`)}
          </button>
        ))}
      </div>
      {shown.result && <p className="field-error">{tr(shown.result)}</p>}
      {result !== null && result !== "ok" && (
        <label className="field">
          <span>{t("detail.noteLabel")}</span>
          <textarea
            className="input"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={Boolean(shown.note)}
            data-testid={`mark-note-${order.workOrderCode}`}
          />
          {shown.note && (
            <p className="field-error" data-testid={`err-note-${order.workOrderCode}`}>
              {tr(shown.note)}
            </p>
          )}
        </label>
      )}
      <ErrorText error={mark.error} />
      {(changed || order.result === null) && (
        <button type="button" className="btn block" disabled={mark.isPending} onClick={save} data-testid={`mark-save-${order.workOrderCode}`}>
          {t("detail.mark")}
        </button>
      )}
    </div>
  );
}
