"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type SubmitEvent } from "react";
import { SignatureBox, type SignatureBoxHandle } from "@/app/_ui/work-orders/signature-box";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { inspectionLineProblem, type TInspectionProblem } from "@/domain/warehouse/model";
import { ZInspectInput } from "@/domain/warehouse/schemas";
import { Refusal } from "../../../_parts/refusal";
import type { TReceiptDetail } from "../../../_parts/types";
import { InspectLine, type TLineState } from "./inspect-line";

export type TErrors = Record<string, string>;

/** The catalogue key of a form line's problem (domain inspectionLineProblem). */
const PROBLEM_KEY: Record<TInspectionProblem, string> = {
  quantity_mismatch: "rules.quantity_mismatch",
  reject_target_required: "warehouse.validation.rejectTo",
  reject_target_unused: "warehouse.validation.rejectTo",
  reason_required: "warehouse.validation.rejectReason",
};

/**
 * THE INSPECTOR'S SCREEN: the requesting department's Quality Acceptance Form 《质量认可单》 for this receipt. Every tag
 * starts all accepted; a serialised unit is a pass/fail toggle, a lot takes how many failed. A rejection says where
 * the goods go (退货 / 待处理) and why, with a photo if wanted. Signed on the pad; the server checks it all again.
 */
export function InspectForm({ detail, onSigned }: { detail: TReceiptDetail; onSigned: (formCode: string) => void }) {
  const t = useTranslations("warehouseOffice.inspect");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const pad = useRef<SignatureBoxHandle>(null);
  const tags = detail.lines.flatMap((line) => line.items.map((item) => ({ line, item })));
  const [lines, setLines] = useState<Record<string, TLineState>>(() =>
    Object.fromEntries(tags.map(({ item }) => [item.id, { rejected: 0, rejectTo: null, reason: "", photo: null }])),
  );
  const [note, setNote] = useState("");
  const [localErrors, setErrors] = useState<TErrors>({});
  const inspect = useMutation(
    trpc.warehouse.inspect.mutationOptions({
      onSuccess: (r) => {
        onSigned(r.formCode);
        void qc.invalidateQueries({ queryKey: trpc.warehouse.receipt.queryKey({ id: detail.receipt.id }) });
        void qc.invalidateQueries({ queryKey: trpc.warehouse.receipts.pathKey() });
        void qc.invalidateQueries({ queryKey: trpc.warehouse.forms.pathKey() });
      },
    }),
  );
  // the server's field refusals (paths lines.<n>.<field>) on the tag they name, beside the form's own
  const serverErrors = byItem(
    fieldErrors(inspect.error),
    tags.map((x) => x.item.id),
  );
  const errors = { ...serverErrors, ...localErrors };
  const set = (itemId: string, next: Partial<TLineState>) => setLines((all) => ({ ...all, [itemId]: { ...all[itemId]!, ...next } }));

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const found: TErrors = {};
    const input = tags.map(({ item }) => {
      const l = lines[item.id]!;
      const line = { accepted: item.quantity - l.rejected, rejected: l.rejected, rejectTo: l.rejected > 0 ? l.rejectTo : null, reason: l.reason.trim() };
      const problem = inspectionLineProblem(line, item.quantity);
      if (problem)
        found[`${item.id}.${problem === "reason_required" ? "reason" : problem === "quantity_mismatch" ? "rejected" : "rejectTo"}`] = PROBLEM_KEY[problem];
      return { itemId: item.id, ...line, photo: l.rejected > 0 && l.photo ? { mime: l.photo.mime, base64: l.photo.base64 } : undefined };
    });
    const drawn = pad.current?.export() ?? null;
    if (!drawn) found.signature = "warehouse.validation.signature";
    const parsed = ZInspectInput.safeParse({ receiptId: detail.receipt.id, lines: input, note, signature: drawn?.base64 ?? "" });
    if (!parsed.success)
      Object.assign(
        found,
        byItem(
          Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])),
          tags.map((x) => x.item.id),
        ),
      );
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) {
      if (found.signature && Object.keys(found).length === 1) pad.current?.focus();
      else document.querySelector<HTMLElement>("[data-invalid-line='true']")?.scrollIntoView({ block: "center" });
      return;
    }
    inspect.mutate(parsed.data);
  };

  const rejectedTotal = tags.reduce((n, { item }) => n + Math.min(lines[item.id]!.rejected, item.quantity), 0);
  const total = tags.reduce((n, { item }) => n + item.quantity, 0);
  return (
    <form className="stack" noValidate onSubmit={submit} data-testid="inspect-form" aria-labelledby="inspect-title">
      <header>
        <h2 id="inspect-title" style={{ margin: 0 }}>
          {tr("warehouse.formName")}
        </h2>
        <p className="muted small" style={{ margin: 0 }}>
          {t("intro")}
        </p>
      </header>
      <ul className="list" data-testid="inspect-lines">
        {tags.map(({ line, item }) => (
          <InspectLine key={item.id} line={line} item={item} state={lines[item.id]!} errors={errors} onChange={(next) => set(item.id, next)} />
        ))}
      </ul>
      <p className="alert" data-tone={rejectedTotal > 0 ? "bad" : "ok"} aria-live="polite" data-testid="inspect-summary">
        {t("summary", { accepted: total - rejectedTotal, rejected: rejectedTotal })}
      </p>
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} data-testid="inspect-note" />
      </label>
      <SignatureBox ref={pad} label={t("pad")} testId="inspect-pad" large invalid={Boolean(errors.signature)} />
      {errors.signature && (
        <p className="field-error" data-testid="err-signature">
          {tr(errors.signature)}
        </p>
      )}
      <Refusal error={inspect.error} />
      <button type="submit" className="btn block big-action" disabled={inspect.isPending} data-testid="inspect-sign">
        {inspect.isPending ? t("signing") : t("sign")}
      </button>
    </form>
  );
}

/** Errors keyed `lines.<n>.<field>` (zod's and the server's paths) → `<itemId>.<field>`; others keep their first path part. */
function byItem(errors: Record<string, string>, itemIds: string[]): TErrors {
  const out: TErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^lines\.(\d+)\.?(.*)$/.exec(path);
    const id = m ? itemIds[Number(m[1])] : undefined;
    const key = m && id ? `${id}.${m[2] || "rejected"}` : path.split(".")[0]!;
    out[key] ??= message;
  }
  return out;
}
