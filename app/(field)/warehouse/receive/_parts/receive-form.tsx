"use client";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { focusMissing } from "@/app/_ui/focus-missing";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { useSync } from "@/client/sync/provider";
import { newId, queueRecordReceipt } from "@/client/warehouse/queue";
import { catalogue } from "@/client/warehouse/read-model";
import { draftForm, fillDraft, missingTags, type TDraftHead, type TDraftLine } from "@/client/warehouse/receive-draft";
import type { CachedMaterial } from "@/client/warehouse/stores";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { LeaseNote } from "./lease-note";
import { materialName, ReceiveLines } from "./receive-lines";
import { useLease } from "./use-lease";

const HEAD_FIELDS = ["purchaseRequest", "supplier", "deliveryNote"] as const;

/**
 * Receiving a delivery on the phone, one hand, with no signal too: the requesting department, purchase request,
 * supplier, delivery note, inspection zone and the lines with their tags. Checked with the server's own schema before
 * it is queued (`receipt.record` v1); the receipt's id is made at the first save and kept for every retry, so a
 * double tap records it once. Saved: `onSaved(id, again)`.
 */
export function ReceiveForm({ onSaved }: { onSaved: (id: string, again: boolean) => void }) {
  const t = useTranslations("warehousePhone.receive");
  const td = useTranslations("departments");
  const tRoot = useTranslations();
  const viewer = useViewer();
  const locale = useLocale();
  const { store, deviceId, ready, flush } = useSync();
  const lease = useLease();
  const materials = useReadCache("wh-catalogue", (s) => catalogue(s));
  const zones = useReadCache("wh-inspection-zones", async (s) => (await s.getAll("zones")).filter((z) => z.kind === "inspection"));
  const idRef = useRef<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [head, setHead] = useState<TDraftHead>({ department: "", purchaseRequest: "", supplier: "", deliveryNote: "", inspectionZone: "", note: "" });
  const [lines, setLines] = useState<TDraftLine[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<"checkFields" | "saveFailed" | null>(null);
  const [busy, setBusy] = useState(false);
  // the lines with their empty tag slots filled from the phone's leased numbers (as the leases stand now)
  const filled = useMemo(() => (lease.state ? fillDraft(lines, lease.state) : lines), [lines, lease.state]);
  const inspection = zones.data ?? [];
  // one inspection zone: it is the one (the keeper does not pick it)
  const zone = head.inspectionZone || (inspection.length === 1 ? inspection[0]!.code : "");

  const set = (field: keyof TDraftHead, value: string) => {
    setHead((h) => ({ ...h, [field]: value }));
    if (field in errors) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field)));
  };
  const addLine = (m: CachedMaterial, supplierCode?: string) => {
    setLines((ls) => [...ls, { id: newId(), materialCode: m.code, serialised: m.serialised, quantity: "1", slots: [], supplierCode }]);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== "lines")));
  };

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!store || !deviceId || busy) return;
    setBusy(true);
    setProblem(null);
    const id = (idRef.current ??= newId());
    try {
      const r = await queueRecordReceipt({ store, userId: viewer.id, deviceId }, draftForm(id, { ...head, inspectionZone: zone }, filled));
      if (!r.ok) {
        setErrors(r.fields);
        setProblem("checkFields");
        setBusy(false);
        const first = Object.keys(r.fields)[0] ?? "";
        requestAnimationFrame(() =>
          focusMissing(formRef.current?.querySelector(`[data-field="${first}"]`) ?? formRef.current?.querySelector('[role="alert"]')),
        );
        return;
      }
      flush("queued");
      onSaved(id, r.again);
    } catch {
      setProblem("saveFailed");
      setBusy(false);
    }
  };

  const err = (field: string): ReactNode => {
    const key = errors[field];
    if (!key) return null;
    return (
      <p className="field-error" role="alert" data-testid={`receive-error-${field}`}>
        {tRoot.has(key) ? tRoot(key) : t("fieldInvalid")}
      </p>
    );
  };
  const invalid = (field: string) => (errors[field] ? { "aria-invalid": true as const } : {});
  const missing = missingTags(filled);

  return (
    <form ref={formRef} className="stack" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="receive-form">
      {problem && (
        <div className="alert" data-tone="bad" role="alert" data-testid="receive-problem">
          {t(problem)}
        </div>
      )}
      <LeaseNote left={lease.left} low={lease.low} known={lease.state !== null} />
      <label className="field">
        <span>{t("department")}</span>
        <select
          className="input"
          value={head.department}
          onChange={(e) => set("department", e.target.value)}
          data-field="department"
          data-testid="receive-department"
          {...invalid("department")}
        >
          <option value="">{t("departmentPick")}</option>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {td(d)}
            </option>
          ))}
        </select>
        {err("department")}
      </label>
      {HEAD_FIELDS.map((f) => (
        <label key={f} className="field">
          <span>{t(f)}</span>
          <input
            className={`input${f === "supplier" ? "" : " mono"}`}
            value={head[f]}
            onChange={(e) => set(f, e.target.value)}
            autoComplete="off"
            autoCapitalize={f === "supplier" ? undefined : "characters"}
            maxLength={f === "supplier" ? 120 : f === "deliveryNote" ? 60 : 40}
            data-field={f}
            data-testid={`receive-${f}`}
            {...invalid(f)}
          />
          {err(f)}
        </label>
      ))}
      <fieldset className="choices" data-field="inspectionZone">
        <legend>{t("inspectionZone")}</legend>
        {zones.data && inspection.length === 0 && <p className="muted">{t("noInspectionZone")}</p>}
        {inspection.map((z) => (
          <label key={z.code} className="choice" data-testid={`receive-zone-${z.code}`}>
            <input type="radio" name="inspectionZone" checked={zone === z.code} onChange={() => set("inspectionZone", z.code)} />
            <span className="grow">{materialName(z, locale)}</span>
            <span className="mono small muted">{z.code}</span>
          </label>
        ))}
        {err("inspectionZone")}
      </fieldset>
      <ReceiveLines
        lines={filled}
        materials={materials.data ?? []}
        errors={errors}
        onAdd={addLine}
        onChange={(next) => {
          setLines(next);
          setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("lines"))));
        }}
        err={err}
      />
      {missing > 0 && (
        <p className="alert" data-tone="warn" data-testid="receive-missing-tags">
          {tRoot("warehousePhone.lease.missing", { n: missing })}
        </p>
      )}
      <label className="field">
        <span>{t("note")}</span>
        <textarea className="input" rows={2} value={head.note} onChange={(e) => set("note", e.target.value)} maxLength={500} data-testid="receive-note" />
        {err("note")}
      </label>
      <button type="submit" className="btn block big-action" disabled={busy || !ready || !store} aria-busy={busy} data-testid="receive-save">
        {busy ? t("saving") : ready ? t("save") : t("notReady")}
      </button>
    </form>
  );
}
