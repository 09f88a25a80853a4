"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CodeField } from "@/app/_ui/code-field";
import { focusMissing } from "@/app/_ui/focus-missing";
import { PhotoField } from "@/app/_ui/photo-field";
import type { PendingPhoto } from "@/client/photo/pending";
import { useSync } from "@/client/sync/provider";
import { queueCheck, type TQueueProblem } from "@/client/work-orders/enqueue";
import { checkOffline, labelFromScan, type OfflineVerdict, type TCheckLabel } from "@/client/work-orders/license-check";
import { caseLink, type CheckView, type WorkOrderView } from "@/client/work-orders/read-model";
import { normalizeTag } from "@/domain/items/tags";
import { classifyScan } from "@/domain/scan/classify";
import { EQUIPMENT_TYPES, type TCheckOutcome, type TEquipmentType } from "@/domain/work-orders/equipment";
import { checkFormProblems, type TCheckFormField } from "@/domain/work-orders/missing";
import { allowedOutcomes, isPassedVerdict } from "@/domain/work-orders/rules";
import { ProblemText } from "@/app/_ui/work-orders/problem-text";
import { useQueue } from "@/app/_ui/work-orders/use-queue";
import { Verdict } from "./verdict";

/** A typed code as a label: license number or the new mark's digital code, as a person types it (case, spaces). */
function typedLabel(text: string): TCheckLabel | null {
  const code = normalizeTag(text);
  return code === "" ? null : labelFromScan(classifyScan(code));
}

const OUTCOMES: TCheckOutcome[] = ["connected", "refused", "customer_informed"];

/** Where each field of the form is, to focus the first one a refusal names. */
const FIELD_TEST_IDS: Record<TCheckFormField, string> = {
  serial: "check-serial",
  equipmentModel: "check-model",
  note: "check-note",
};

/** The label of each field, as the form shows it (message keys). */
const FIELD_LABELS: Record<TCheckFormField, string> = {
  serial: "workOrders.check.serial",
  equipmentModel: "workOrders.check.model",
  note: "workOrders.check.note",
};

/**
 * One piece of customer equipment: the label (scanned, or typed with format help), its verdict at once against the
 * phone's registry copy, the equipment type (pre-selected from the registry's equipment name), serial/IMEI, the
 * label photo, for a PBX the order's linked application and its inspection's standing (read-only, ADR 0039 §6), then
 * what was done, as one tap: connected (only when passed, and a PBX only when its application passed), refused, or
 * customer informed. That tap saves the check.
 */
export function CheckForm({
  view,
  entry,
  initialLabel,
  initialPhoto,
  initialSerial,
  correcting,
  onSaved,
  onCancel,
}: {
  view: WorkOrderView;
  entry: "scan" | "typed";
  initialLabel: TCheckLabel | null;
  initialPhoto: PendingPhoto | null;
  /** The serial/IMEI read by the camera after the label (editable). */
  initialSerial?: string;
  /** A saved check being corrected: the form starts from it, and saving replaces it (ADR 0021). */
  correcting?: CheckView;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("workOrders.check");
  const tAll = useTranslations();
  const te = useTranslations("workOrders.equipmentType");
  const formRef = useRef<HTMLElement>(null);
  const { store } = useSync();
  const q = useQueue();
  const [code, setCode] = useState(correcting?.licenseNo ?? correcting?.markCode ?? "");
  const label = entry === "scan" ? initialLabel : typedLabel(code);
  const [equipmentModel, setEquipmentModel] = useState(correcting?.equipmentModel ?? "");
  const [serial, setSerial] = useState(correcting?.serial ?? initialSerial ?? "");
  const [note, setNote] = useState(correcting?.note ?? "");
  const [type, setType] = useState<TEquipmentType | null>(correcting?.equipmentType ?? null);
  const [typeChosen, setTypeChosen] = useState(correcting !== undefined);
  const [photo, setPhoto] = useState<PendingPhoto | null>(initialPhoto);
  const [verdict, setVerdict] = useState<{ key: string; v: OfflineVerdict } | null>(null);
  const [problem, setProblem] = useState<TQueueProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const labelKey = label ? JSON.stringify(label) : "";
  const key = `${labelKey}|${equipmentModel.trim()}`;
  useEffect(() => {
    if (!store || !label) return;
    let alive = true;
    void checkOffline(store, label, equipmentModel.trim()).then((v) => {
      if (!alive) return;
      setVerdict({ key, v });
      // the registry's equipment name suggests the type; the lineman's own pick stays
      if (!typeChosen && v.suggestedType) setType(v.suggestedType);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the label and model text
  }, [store, key, typeChosen]);

  const shown = label && verdict?.key === key ? verdict.v : null;
  const linked = view.workOrder.propertyCase ?? null;
  const allowed = shown && type ? allowedOutcomes({ equipmentType: type, verdict: shown.result, pbx: null }, caseLink(view.workOrder)) : [];
  const fieldErrors = problem?.kind === "invalid" ? problem.fields : {};

  const save = async (outcome: TCheckOutcome) => {
    if (!q || !label || !shown || !type) return;
    setBusy(true);
    setProblem(null);
    const r = await queueCheck(q.ctx, view, {
      equipmentType: type,
      label,
      equipmentModel,
      serial,
      entry,
      clientResult: shown.result,
      clientRegistryVersion: shown.registryVersion,
      outcome,
      note,
      photo: photo ? { mime: photo.mime, base64: photo.base64 } : undefined,
      ...(correcting ? { supersedes: correcting.id } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.problem);
      // the first field named, in form order: scrolled to and focused
      const first = r.problem.kind === "invalid" ? checkFormProblems(r.problem.fields)[0] : undefined;
      if (first) focusMissing(formRef.current?.querySelector(`[data-testid="${FIELD_TEST_IDS[first]}"]`));
      return;
    }
    q.kick();
    onSaved();
  };

  return (
    <section className="card check-form" data-testid="check-form" data-entry={entry} data-correcting={correcting?.id} ref={formRef}>
      <h3>{correcting ? t("correctTitle") : t("title")}</h3>
      {entry === "typed" ? (
        <CodeField
          label={t("codeLabel")}
          help={t("codeHelp")}
          name="license-code"
          value={code}
          onChange={setCode}
          error={code.trim() !== "" && !label ? t("codeInvalid") : null}
          testId="check-code"
          errorTestId="check-code-problem"
          placeholder="00-D710-208870"
        />
      ) : (
        label && (
          <p className="mono scan-value" data-testid="check-label">
            {label.kind === "license_old" ? label.licenseNo : label.kind === "license_mark" ? label.markCode : ""}
          </p>
        )
      )}
      {label?.kind === "license_old" && (label.model || label.scrambleCode) && (
        <p className="muted small">
          {label.model && t("labelModel", { model: label.model })} {label.scrambleCode && t("scrambleCode", { code: label.scrambleCode })}
        </p>
      )}
      {shown && <Verdict result={shown.result} entry={shown.entry} source="phone" registryVersion={shown.registryVersion} registrySize={shown.registrySize} />}

      {label && (
        <>
          <p className="field-label">{t("type")}</p>
          <div className="type-grid" role="radiogroup" aria-label={t("type")} data-testid="equipment-type">
            {EQUIPMENT_TYPES.map((et) => (
              <button
                key={et}
                type="button"
                role="radio"
                aria-checked={type === et}
                className="pick"
                onClick={() => {
                  setType(et);
                  setTypeChosen(true);
                }}
                data-testid={`type-${et}`}
              >
                {te(et)}
              </button>
            ))}
          </div>
          <label className="field">
            <span>{t("serial")}</span>
            <input
              className="input mono"
              value={serial}
              onChange={(e) => setSerial(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              inputMode="text"
              data-testid="check-serial"
              aria-invalid={fieldErrors.serial !== undefined}
            />
            {fieldErrors.serial && <p className="field-error">{tAll.has(fieldErrors.serial) ? tAll(fieldErrors.serial) : t("invalidField")}</p>}
          </label>
          <label className="field">
            <span>{t("model")}</span>
            <input
              className="input mono"
              value={equipmentModel}
              onChange={(e) => setEquipmentModel(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-testid="check-model"
            />
            <p className="help">{t("modelHelp")}</p>
          </label>
          {type === "pbx" && (
            <p className="alert" data-tone={linked?.kind === "pbx" && allowed.includes("connected") ? "ok" : "warn"} data-testid="check-pbx-case">
              {linked?.kind === "pbx"
                ? tAll("workOrders.property.onCheck", { code: linked.code, status: tAll(`workOrders.property.status.${linked.status}`) })
                : tAll("workOrders.property.noCase")}
            </p>
          )}
          <PhotoField value={photo} onChange={setPhoto} testId="check-photo" />
          <label className="field">
            <span>{t("note")}</span>
            <input className="input" value={note} onChange={(e) => setNote(e.target.value)} data-testid="check-note" />
          </label>
        </>
      )}

      {problem?.kind === "invalid" && checkFormProblems(problem.fields).length > 0 ? (
        <div
          className="alert"
          data-tone="bad"
          role="alert"
          data-testid="wo-problem"
          data-kind="invalid"
          data-fields={checkFormProblems(problem.fields).join(" ")}
        >
          {t("fixFields", {
            fields: checkFormProblems(problem.fields)
              .map((f) => tAll(FIELD_LABELS[f]))
              .join(t("listSeparator")),
          })}
        </div>
      ) : (
        <ProblemText problem={problem} />
      )}
      {shown && type && (
        <div className="outcomes" role="group" aria-label={t("outcomeTitle")}>
          <p className="field-label">{t("outcomeTitle")}</p>
          {!isPassedVerdict(shown.result) && (
            <p className="alert" data-tone="bad">
              {t("cannotConnect")}
            </p>
          )}
          {isPassedVerdict(shown.result) && type === "pbx" && !allowed.includes("connected") && (
            <p className="alert" data-tone="info">
              {t("pbxFirst")}
            </p>
          )}
          {OUTCOMES.filter((o) => allowed.includes(o) || (o === "connected" && isPassedVerdict(shown.result))).map((o) => (
            <button
              key={o}
              type="button"
              className={`btn block big-action${o === "connected" ? "" : " secondary"}`}
              disabled={busy || !allowed.includes(o)}
              onClick={() => void save(o)}
              data-testid={`outcome-${o}`}
            >
              {t(`outcome.${o}`)}
            </button>
          ))}
        </div>
      )}
      {shown && !type && (
        <p className="help" data-testid="pick-type">
          {t("pickType")}
        </p>
      )}
      <button type="button" className="btn secondary block" onClick={onCancel} disabled={busy} data-testid="check-cancel">
        {t("cancel")}
      </button>
    </section>
  );
}
