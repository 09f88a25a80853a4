"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useTRPC } from "@/client/trpc";
import type { TScrapReason } from "@/domain/instruments/names";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import type { TInstrumentFile } from "@/app/_ui/instruments/server-usage";

type TStep = "send_to_repair" | "complete_repair" | "request_scrap";

/**
 * The custodian's repair and scrapping steps, offered only when the rules allow them now: to the designated
 * repairer (an open fault, back from loan), the repairer's result, and the custodian's confirmation of scrapping
 * (the department head then decides).
 */
export function RepairScrap({ data, onDone }: { data: TInstrumentFile; onDone: (what: TStep) => void }) {
  const t = useTranslations("instrumentsUi.desk");
  const tn = useTranslations("instruments");
  const trpc = useTRPC();
  const [open, setOpen] = useState<TStep | null>(null);
  const [text1, setText1] = useState("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<"repaired" | "beyond_repair">("repaired");
  const [picked, setPicked] = useState<TScrapReason | null>(null);
  // only the reasons the server accepts now (domain scrapReasonsFor); none is pre-selected: the custodian chooses
  const reasons = data.scrapReasons;
  const reason = picked && reasons.includes(picked) ? picked : null;
  const [missing, setMissing] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  const done = (what: TStep) => () => {
    setOpen(null);
    setText1("");
    setNote("");
    onDone(what);
  };
  const send = useMutation(trpc.instruments.sendToRepair.mutationOptions({ onSuccess: done("send_to_repair") }));
  const complete = useMutation(trpc.instruments.completeRepair.mutationOptions({ onSuccess: done("complete_repair") }));
  const scrap = useMutation(trpc.instruments.requestScrap.mutationOptions({ onSuccess: done("request_scrap") }));
  const steps = (["send_to_repair", "complete_repair", "request_scrap"] as const).filter((s) => data.actions.includes(s));
  const waiting = data.scrapRequest?.status === "pending" ? data.scrapRequest : null;
  if (steps.length === 0 && !waiting) return null;
  const id = data.instrument.id;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (open === "send_to_repair") {
      if (!text1.trim()) {
        setMissing(true);
        return;
      }
      send.mutate({ instrumentId: id, repairer: text1, note });
    } else if (open === "complete_repair") {
      if (outcome === "beyond_repair" && !note.trim()) {
        setMissing(true);
        return;
      }
      complete.mutate({ instrumentId: id, outcome, note });
    } else if (open === "request_scrap") {
      if (!reason) {
        // named in words beside the choices, which are brought into view with the first one focused
        setReasonMissing(true);
        requestAnimationFrame(() => {
          const first = document.querySelector<HTMLInputElement>('[data-testid="scrap-reasons"] input');
          first?.scrollIntoView({ block: "center" });
          first?.focus({ preventScroll: true });
        });
        return;
      }
      if (!note.trim()) {
        setMissing(true);
        return;
      }
      scrap.mutate({ instrumentId: id, reason, note });
    }
  };
  const error = send.error ?? complete.error ?? scrap.error;
  const busy = send.isPending || complete.isPending || scrap.isPending;
  return (
    <section data-testid="repair-scrap">
      {waiting && (
        <p className="alert" data-tone="info" data-testid="scrap-waiting">
          {t("scrapWaiting", { reason: tn(`scrapReason.${waiting.reason}`) })}
        </p>
      )}
      {open === null ? (
        <div className="targets">
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              className="target action"
              data-tone={s === "request_scrap" ? "bad" : "warn"}
              onClick={() => {
                setOpen(s);
                setMissing(false);
              }}
              data-testid={`desk-${s}`}
            >
              <span className="action-label">{t(`step.${s}`)}</span>
            </button>
          ))}
        </div>
      ) : (
        <form className="card change-form" onSubmit={onSubmit} noValidate data-testid={`form-${open}`}>
          <h2>{t(`step.${open}`)}</h2>
          <OnlineError error={error} testId="desk-error" />
          {open === "send_to_repair" && (
            <label className="field">
              <span>{t("repairer")}</span>
              <input
                className="input"
                value={text1}
                onChange={(e) => setText1(e.target.value)}
                aria-invalid={missing && !text1.trim()}
                data-testid="repairer"
              />
            </label>
          )}
          {open === "complete_repair" && (
            <fieldset className="choices">
              <legend>{t("outcome")}</legend>
              {(["repaired", "beyond_repair"] as const).map((o) => (
                <label key={o} className="choice">
                  <input type="radio" checked={outcome === o} onChange={() => setOutcome(o)} />
                  <span className="grow">{t(`outcomeOption.${o}`)}</span>
                </label>
              ))}
            </fieldset>
          )}
          {open === "request_scrap" &&
            (reasons.length > 0 ? (
              <fieldset className="choices" data-testid="scrap-reasons">
                <legend>{t("scrapWhy")}</legend>
                {reasons.map((r) => (
                  <label key={r} className="choice">
                    <input
                      type="radio"
                      name="scrap-reason"
                      checked={reason === r}
                      onChange={() => {
                        setPicked(r);
                        setReasonMissing(false);
                      }}
                      data-testid={`scrap-reason-${r}`}
                    />
                    <span className="grow">{tn(`scrapReason.${r}`)}</span>
                  </label>
                ))}
                {reasonMissing && !reason && (
                  <p className="field-error" role="alert" data-testid="scrap-reason-missing">
                    {t("scrapWhyMissing")}
                  </p>
                )}
              </fieldset>
            ) : (
              <p className="alert" data-tone="warn" role="status" data-testid="scrap-no-reason">
                {t("scrapNoReason", { date: data.endOfLifeOn })}
              </p>
            ))}
          <label className="field">
            <span>{open === "send_to_repair" ? t("note") : t("noteRequired")}</span>
            <textarea className="input" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="desk-note" />
          </label>
          {missing && (
            <p className="field-error" role="alert">
              {t("fillRequired")}
            </p>
          )}
          <div className="form-actions">
            <button
              type="submit"
              className={open === "request_scrap" ? "btn danger block big-action" : "btn block big-action"}
              disabled={busy || (open === "request_scrap" && reasons.length === 0)}
              data-testid="desk-save"
            >
              {t(`save.${open}`)}
            </button>
            <button type="button" className="btn secondary block" onClick={() => setOpen(null)} disabled={busy}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
