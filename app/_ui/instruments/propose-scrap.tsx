"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useTRPC } from "@/client/trpc";
import { SCRAP_REASONS, type TScrapReason } from "@/domain/instruments/names";
import { OnlineError } from "./online-error";

/**
 * The using department proposes scrapping (使用部门报给技术发展部): the reason it sees and what is wrong. Online: the
 * custodian verifies it next and the leader named in the settings decides. No loans meanwhile.
 */
export function ProposeScrapForm({ instrumentId, onCancel, onDone }: { instrumentId: string; onCancel: () => void; onDone: () => void }) {
  const t = useTranslations("instrumentsUi.proposeScrap");
  const tn = useTranslations("instruments");
  const trpc = useTRPC();
  const [reason, setReason] = useState<TScrapReason | null>(null);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const m = useMutation(trpc.instruments.proposeScrap.mutationOptions({ onSuccess: onDone }));
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!reason || !note.trim()) {
      setMissing(true);
      return;
    }
    m.mutate({ instrumentId, reason, note });
  };
  return (
    <form className="card change-form" onSubmit={onSubmit} noValidate data-testid="propose-scrap-form">
      <h2>{t("title")}</h2>
      <p className="muted">{t("help")}</p>
      <OnlineError error={m.error} testId="propose-scrap-error" />
      <fieldset className="choices">
        <legend>{t("why")}</legend>
        {SCRAP_REASONS.map((r) => (
          <label key={r} className="choice" data-testid={`propose-reason-${r}`}>
            <input type="radio" name="propose-reason" checked={reason === r} onChange={() => setReason(r)} />
            <span className="grow">{tn(`scrapReason.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="propose-note" />
      </label>
      {missing && (!reason || !note.trim()) && (
        <p className="field-error" role="alert">
          {t("missing")}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn danger block big-action" disabled={m.isPending} data-testid="propose-save">
          {t("save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={m.isPending}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
