"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useTRPC } from "@/client/trpc";
import type { TScrapReason } from "@/domain/instruments/names";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import type { TInstrumentFile } from "@/app/_ui/instruments/server-usage";

/**
 * Technology Development verifies the using department's proposal (由技术发展部验证): with the reason that holds now
 * (service life over, the repairer's "beyond repair", a failed calibration), or declines it saying why. Verified, it
 * goes to the leader named in the settings.
 */
export function ScrapVerify({ data, onDone }: { data: TInstrumentFile; onDone: () => void }) {
  const t = useTranslations("instrumentsUi.verifyScrap");
  const tn = useTranslations("instruments");
  const trpc = useTRPC();
  const req = data.scrapRequest;
  const holding = data.reasonsHolding;
  const [decision, setDecision] = useState<"verify" | "decline">(holding.length > 0 ? "verify" : "decline");
  const [picked, setPicked] = useState<TScrapReason | null>(req && holding.includes(req.reason) ? req.reason : (holding[0] ?? null));
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const m = useMutation(trpc.instruments.verifyScrap.mutationOptions({ onSuccess: onDone }));
  if (!req || req.status !== "proposed") return null;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!note.trim() || (decision === "verify" && !picked)) {
      setMissing(true);
      return;
    }
    m.mutate({ requestId: req.id, decision, reason: decision === "verify" ? picked! : req.reason, note });
  };
  return (
    <form className="card change-form" onSubmit={onSubmit} noValidate data-testid="verify-scrap-form">
      <h2>{t("title")}</h2>
      <p data-testid="scrap-proposal">
        {t("proposal", { name: req.requestedByName ?? "—", reason: tn(`scrapReason.${req.reason}`) })} “{req.note}”
      </p>
      <OnlineError error={m.error} testId="verify-scrap-error" />
      <fieldset className="choices">
        <legend>{t("decision")}</legend>
        <label className="choice" data-testid="verify-scrap-verify">
          <input type="radio" name="verify" checked={decision === "verify"} disabled={holding.length === 0} onChange={() => setDecision("verify")} />
          <span className="grow">{t("verify")}</span>
        </label>
        <label className="choice" data-testid="verify-scrap-decline">
          <input type="radio" name="verify" checked={decision === "decline"} onChange={() => setDecision("decline")} />
          <span className="grow">{t("decline")}</span>
        </label>
      </fieldset>
      {decision === "verify" && (
        <fieldset className="choices" data-testid="verify-reasons">
          <legend>{t("reason")}</legend>
          {holding.map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="verify-reason" checked={picked === r} onChange={() => setPicked(r)} />
              <span className="grow">{tn(`scrapReason.${r}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {holding.length === 0 && (
        <p className="alert" data-tone="warn" data-testid="verify-no-reason">
          {t("noReason", { date: data.endOfLifeOn })}
        </p>
      )}
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="verify-note" />
      </label>
      {missing && (
        <p className="field-error" role="alert">
          {t("missing")}
        </p>
      )}
      <button
        type="submit"
        className={decision === "verify" ? "btn danger block big-action" : "btn block big-action"}
        disabled={m.isPending}
        data-testid="verify-save"
      >
        {t(`save.${decision}`)}
      </button>
    </form>
  );
}
