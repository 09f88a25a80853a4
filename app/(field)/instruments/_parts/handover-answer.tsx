"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { queueAcceptHandOver, queueCloseHandOver } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { CapturedSignature } from "@/client/signature/capture";
import type { TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";
import { ConditionField } from "./condition-field";
import { ProblemText } from "./problem";
import { SignatureField } from "./signature-field";
import { useInstrumentSave, useMe } from "./use-instrument-queue";

/** The named colleague accepts (condition received, signs) or declines; the giver may withdraw the offer. */
export function HandOverAnswer({
  view,
  as,
  onCancel,
  onSaved,
}: {
  view: InstrumentView;
  as: "accept" | "decline" | "cancel";
  onCancel: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("instrumentsUi");
  const tn = useTranslations("instruments");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const me = useMe();
  const [condition, setCondition] = useState<TCondition | null>("good");
  const [note, setNote] = useState("");
  const [signature, setSignature] = useState<CapturedSignature | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const h = view.handover;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (as === "accept" && (!condition || conditionNeedsNote(condition, note) || !signature)) {
      setShowErrors(true);
      return;
    }
    await save((ctx) =>
      as === "accept" && condition && signature
        ? queueAcceptHandOver(ctx, view, { condition, note, signature })
        : queueCloseHandOver(ctx, view, as === "decline" ? "decline" : "cancel", note),
    );
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="handover-answer" data-as={as}>
      <h2>{t(`handoverAnswer.${as}Title`)}</h2>
      {h && (
        <p className="muted" data-testid="handover-offer">
          {t("handoverAnswer.offer", { from: h.fromName ?? "", condition: tn(`condition.${h.conditionOut}`) })}
          {h.note && ` “${h.note}”`}
        </p>
      )}
      <ProblemText problem={problem} />
      {as === "accept" ? (
        <>
          <ConditionField
            legend={t("handoverAnswer.condition")}
            condition={condition}
            note={note}
            onCondition={setCondition}
            onNote={setNote}
            showErrors={showErrors}
          />
          <SignatureField label={t("handover.sign", { name: me.displayName })} onChange={setSignature} testId="accept-signature" />
          {showErrors && !signature && (
            <p className="field-error" role="alert">
              {t("signature.missing")}
            </p>
          )}
        </>
      ) : as === "decline" ? (
        <label className="field">
          <span>{t("noteLabel")}</span>
          <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decline-note" />
        </label>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className={as === "accept" ? "btn block big-action" : "btn danger block big-action"}
          disabled={busy || !ready}
          data-testid="handover-answer-save"
        >
          {t(`handoverAnswer.${as}Save`)}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
