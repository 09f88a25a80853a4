"use client";
import { useTranslations } from "next-intl";

export interface TPbxDraft {
  capacity: string;
  standard: string;
  connection: string;
  power: string;
  trunkLines: string;
  inspection: "passed" | "failed" | null;
  inspectionNote: string;
}

export const EMPTY_PBX: TPbxDraft = { capacity: "", standard: "", connection: "", power: "", trunkLines: "", inspection: null, inspectionNote: "" };

/** The draft as the mutation takes it (validated by its schema when queued); undefined while the inspection is open. */
export function pbxOf(d: TPbxDraft) {
  if (d.inspection === null) return undefined;
  const trunk = Number.parseInt(d.trunkLines, 10);
  return {
    capacity: d.capacity,
    standard: d.standard,
    connection: d.connection,
    power: d.power,
    trunkLines: Number.isFinite(trunk) ? trunk : -1,
    inspection: d.inspection,
    inspectionNote: d.inspectionNote,
  };
}

/** The draft as saved: every field sent, so the schema names each one left empty (an empty trunk count is NaN). */
export function pbxArgs(d: TPbxDraft) {
  const trunk = d.trunkLines.trim() === "" ? Number.NaN : Number(d.trunkLines.trim());
  return {
    capacity: d.capacity,
    standard: d.standard,
    connection: d.connection,
    power: d.power,
    trunkLines: trunk,
    inspection: d.inspection,
    inspectionNote: d.inspectionNote,
  };
}

/**
 * A PBX's application details and its on-site inspection (《安装用户交换机申请检验表》): capacity, standard,
 * connection, power supply, trunk lines, then the inspection result. Connected only with a passed inspection.
 */
export function PbxForm({ value, onChange, errors }: { value: TPbxDraft; onChange: (v: TPbxDraft) => void; errors: Record<string, string> }) {
  const t = useTranslations("workOrders.pbx");
  const tv = useTranslations();
  const field = (name: "capacity" | "standard" | "connection" | "power" | "trunkLines", inputMode?: "numeric") => (
    <label className="field">
      <span>{t(name)}</span>
      <input
        className="input"
        name={`pbx-${name}`}
        value={value[name]}
        inputMode={inputMode}
        onChange={(e) => onChange({ ...value, [name]: e.target.value })}
        aria-invalid={errors[`pbx.${name}`] !== undefined}
        data-testid={`pbx-${name}`}
      />
      {errors[`pbx.${name}`] && <p className="field-error">{tv.has(errors[`pbx.${name}`]!) ? tv(errors[`pbx.${name}`]!) : t("invalid")}</p>}
    </label>
  );
  return (
    <fieldset className="card pbx-form" data-testid="pbx-form">
      <legend>{t("title")}</legend>
      <p className="help">{t("help")}</p>
      {field("capacity")}
      {field("standard")}
      {field("connection")}
      {field("power")}
      {field("trunkLines", "numeric")}
      <p className="field-label">{t("inspection")}</p>
      <div
        className="choice-row"
        role="radiogroup"
        aria-label={t("inspection")}
        aria-invalid={errors["pbx.inspection"] !== undefined}
        data-testid="pbx-inspection"
      >
        {(["passed", "failed"] as const).map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            aria-checked={value.inspection === r}
            className="pick"
            data-tone={r === "passed" ? "ok" : "bad"}
            onClick={() => onChange({ ...value, inspection: r })}
            data-testid={`pbx-inspection-${r}`}
          >
            {t(`result.${r}`)}
          </button>
        ))}
      </div>
      {errors["pbx.inspection"] && <p className="field-error">{t("inspectionRequired")}</p>}
      <label className="field">
        <span>{t("inspectionNote")}</span>
        <input className="input" value={value.inspectionNote} onChange={(e) => onChange({ ...value, inspectionNote: e.target.value })} data-testid="pbx-note" />
      </label>
    </fieldset>
  );
}
