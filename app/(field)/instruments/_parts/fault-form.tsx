"use client";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { PhotoField } from "@/app/_ui/photo-field";
import { queueReportFault } from "@/client/instruments/enqueue";
import type { InstrumentView } from "@/client/instruments/read-model";
import { peekPendingPhoto, takePendingPhoto, type PendingPhoto } from "@/client/photo/pending";
import { ProblemText } from "./problem";
import { useInstrumentSave } from "./use-instrument-queue";

/** A fault goes to the designated repairer through the custodian: no ad-hoc repair, no new loans meanwhile. */
export function FaultForm({ view, onCancel, onSaved }: { view: InstrumentView; onCancel: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi");
  const { ready, busy, problem, save } = useInstrumentSave(onSaved);
  const tag = view.row.assetTag;
  const [description, setDescription] = useState("");
  // a photo taken on the scan screen comes along as the fault's evidence
  const [photo, setPhoto] = useState<PendingPhoto | null>(() => peekPendingPhoto(tag) ?? null);
  const [missing, setMissing] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!description.trim()) {
      setMissing(true);
      return;
    }
    await save(
      (ctx) => queueReportFault(ctx, view, { description, photo }),
      () => {
        if (photo && peekPendingPhoto(tag) === photo) takePendingPhoto(tag);
      },
    );
  };
  return (
    <form className="card change-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="fault-form">
      <h2>{t("fault.title")}</h2>
      <p className="muted">{t("fault.help")}</p>
      <ProblemText problem={problem} />
      <label className="field">
        <span>{t("fault.description")}</span>
        <textarea
          className="input"
          rows={4}
          maxLength={1000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={missing}
          data-testid="fault-description"
        />
        {missing && (
          <p className="field-error" role="alert">
            {t("fault.descriptionMissing")}
          </p>
        )}
      </label>
      <PhotoField value={photo} onChange={setPhoto} testId="fault-photo" />
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={busy || !ready} data-testid="fault-save">
          {t("fault.save")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
