"use client";
import { useTranslations } from "next-intl";
import type { SubmitEvent } from "react";
import { queueCloseRequest } from "@/client/instruments/enqueue-custody";
import type { InstrumentView } from "@/client/instruments/read-model";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/** The borrower withdraws their request (nothing to hand out any more). */
export function CancelRequestForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const request = view.request;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready || !request) return;
    await save((ctx) => queueCloseRequest(ctx, request, ""));
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="cancel-request-form">
      <h2>{t("cancelRequest.title")}</h2>
      <p className="muted">{t("cancelRequest.help")}</p>
      <ProblemText problem={problem} />
      <div className="form-actions">
        <button type="submit" className="btn danger block big-action" disabled={busy || !ready || !request} data-testid="cancel-request-save">
          {t("cancelRequest.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
