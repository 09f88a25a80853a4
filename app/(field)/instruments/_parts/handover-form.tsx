"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { CodeField } from "@/app/_ui/code-field";
import { handOverCandidates, queueHandOver, type TColleague } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import type { CapturedSignature } from "@/client/signature/capture";
import type { TCondition } from "@/domain/instruments/names";
import { conditionNeedsNote } from "@/domain/instruments/rules";
import { ConditionField } from "./condition-field";
import { ProblemText } from "./problem";
import { SignatureField } from "./signature-field";
import { useColleagues } from "./use-colleagues";
import { useInstrumentSave, useMe } from "./use-instrument-queue";

/**
 * Hand-over (移交) to a named colleague: the holder picks who takes it, notes its condition and signs; the colleague
 * accepts and signs on their own phone. The loan moves with its due day unchanged.
 */
export function HandOverForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const me = useMe();
  const colleagues = useColleagues();
  // only people who may take it over (borrower role; department rules of special instruments and long loans)
  const eligible = handOverCandidates(view, me, colleagues.list);
  const [receiver, setReceiver] = useState<TColleague | null>(null);
  const [typed, setTyped] = useState("");
  const [condition, setCondition] = useState<TCondition | null>("good");
  const [note, setNote] = useState("");
  const [signature, setSignature] = useState<CapturedSignature | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const username = receiver?.username ?? typed.trim().toLowerCase();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!username || !condition || conditionNeedsNote(condition, note) || !signature) {
      setShowErrors(true);
      return;
    }
    await save((ctx) => queueHandOver(ctx, view, { toUsername: username, receiver, condition, note, signature }));
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="handover-form">
      <h2>{t("handover.title")}</h2>
      <p className="muted">{t("handover.help")}</p>
      <ProblemText problem={problem} />
      <fieldset className="choices">
        <legend>{t("handover.to")}</legend>
        {colleagues.loading && <p className="muted">{t("loading")}</p>}
        {eligible.map((c) => (
          <label key={c.id} className="choice" data-testid={`colleague-${c.username}`}>
            <input type="radio" name="receiver" checked={receiver?.id === c.id} onChange={() => setReceiver(c)} />
            <span className="grow">{c.displayName}</span>
            <span className="mono small muted">{c.username}</span>
          </label>
        ))}
        {!colleagues.loading && eligible.length === 0 && (
          <CodeField
            label={t("handover.username")}
            help={colleagues.offline ? t("handover.usernameOffline") : t("handover.usernameHelp")}
            name="toUsername"
            value={typed}
            onChange={setTyped}
            error={showErrors && !username ? t("handover.toMissing") : null}
            testId="handover-username"
          />
        )}
        {showErrors && !username && eligible.length > 0 && (
          <p className="field-error" role="alert">
            {t("handover.toMissing")}
          </p>
        )}
      </fieldset>
      <ConditionField legend={t("handover.condition")} condition={condition} note={note} onCondition={setCondition} onNote={setNote} showErrors={showErrors} />
      <SignatureField label={t("handover.sign", { name: me.displayName })} onChange={setSignature} testId="handover-signature" />
      {showErrors && !signature && (
        <p className="field-error" role="alert">
          {t("signature.missing")}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="handover-save">
          {t("handover.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
