"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { operatorToday } from "@/domain/time/operator";
import { INSTRUMENT_CATEGORIES, type TInstrumentCategory } from "@/domain/instruments/status";
import { parseAccessories } from "@/domain/instruments/accessories";
import { OnlineError } from "@/app/_ui/instruments/online-error";

export interface TInstrumentDraft {
  assetTag: string;
  name: string;
  model: string;
  serial: string;
  kind: string;
  category: TInstrumentCategory;
  department: TDepartment;
  keeperId: string | null;
  location: string;
  intakeDate: string;
  serviceLifeYears: number;
  manual: string;
  accessories: string[];
}

const BLANK: TInstrumentDraft = {
  assetTag: "",
  name: "",
  model: "",
  serial: "",
  kind: "",
  category: "public",
  department: "technology_development",
  keeperId: null,
  location: "技术发展部仪表室",
  intakeDate: operatorToday(),
  serviceLifeYears: 8,
  manual: "",
  accessories: [],
};

/**
 * Intake of a new instrument (入库登记) or a correction of its register entry, by the custodian. Status, loans and
 * calibration have their own steps; a new instrument has no permit until its first certificate is recorded. A special
 * instrument names its keeper of its department (专人负责管理); the manual and accessories (说明书, 附件) are listed
 * here and checked at every issue and return; what a check found missing is unticked here once found.
 */
export function InstrumentForm({
  edit,
  onDone,
  onCancel,
}: {
  edit?: { id: string; version: number; draft: TInstrumentDraft; keeperName: string | null; missingAccessories: string[] };
  onDone: (assetTag: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const tf = useTranslations("instrumentsUi.form");
  const trpc = useTRPC();
  const me = useViewer();
  const [d, setD] = useState<TInstrumentDraft>(edit?.draft ?? BLANK);
  const [accessoriesText, setAccessoriesText] = useState((edit?.draft.accessories ?? []).join("\n"));
  const [missing, setMissing] = useState<string[]>(edit?.missingAccessories ?? []);
  const candidates = useQuery({ ...trpc.instruments.keeperCandidates.queryOptions(), retry: false });
  const create = useMutation(trpc.instruments.create.mutationOptions({ onSuccess: (row) => onDone(row.assetTag) }));
  const update = useMutation(trpc.instruments.update.mutationOptions({ onSuccess: (row) => onDone(row.assetTag) }));
  const m = edit ? update : create;
  const errors = m.error ? fieldErrors(m.error) : {};
  const set = <K extends keyof TInstrumentDraft>(k: K, v: TInstrumentDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  // a special instrument's keeper is one of its department's people; a public one may name anyone (or nobody)
  const keepers = new Map<string, string>();
  if (edit?.draft.keeperId) keepers.set(edit.draft.keeperId, edit.keeperName ?? "—");
  if (d.category === "public") keepers.set(me.id, me.displayName);
  for (const c of candidates.data ?? []) {
    if (d.category === "special" && c.department !== d.department) continue;
    keepers.set(c.id, `${c.displayName} · ${t(`departments.${c.department}`)}`);
  }
  const accessories = parseAccessories(accessoriesText);
  const keeperMissing = d.category === "special" && !d.keeperId;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const input = { ...d, accessories };
    if (edit) update.mutate({ ...input, id: edit.id, version: edit.version, missingAccessories: missing });
    else create.mutate(input);
  };
  const text = (k: "assetTag" | "name" | "model" | "serial" | "kind" | "location" | "manual", mono = false) => (
    <label className="field">
      <span>{tf(k)}</span>
      <input
        className={mono ? "input mono" : "input"}
        value={d[k]}
        onChange={(e) => set(k, e.target.value)}
        aria-invalid={k in errors}
        data-testid={`form-${k}`}
      />
      {errors[k] && <p className="field-error">{t.has(errors[k]) ? t(errors[k]) : errors[k]}</p>}
    </label>
  );
  return (
    <form className="card change-form" onSubmit={onSubmit} noValidate data-testid="instrument-form">
      <h2>{edit ? tf("editTitle") : tf("newTitle")}</h2>
      <OnlineError error={m.error && Object.keys(errors).length === 0 ? m.error : null} testId="form-error" />
      {text("assetTag", true)}
      {text("name")}
      {text("model", true)}
      {text("serial", true)}
      {text("kind")}
      <p className="help" style={{ marginTop: -8 }}>
        {tf("kindHelp")}
      </p>
      <fieldset className="choices">
        <legend>{tf("category")}</legend>
        {INSTRUMENT_CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input type="radio" checked={d.category === c} onChange={() => set("category", c)} />
            <span className="grow">{t(`instrumentCategory.${c}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{tf("department")}</span>
        <select className="input" value={d.department} onChange={(e) => set("department", e.target.value as TDepartment)} data-testid="form-department">
          {DEPARTMENTS.map((x) => (
            <option key={x} value={x}>
              {t(`departments.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{d.category === "special" ? tf("keeperRequired") : tf("keeper")}</span>
        <select
          className="input"
          value={d.keeperId ?? ""}
          onChange={(e) => set("keeperId", e.target.value || null)}
          aria-invalid={keeperMissing}
          data-testid="form-keeper"
        >
          <option value="">{d.category === "special" ? tf("chooseKeeper") : tf("noKeeper")}</option>
          {[...keepers].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {keeperMissing && <p className="help">{tf("keeperHelp")}</p>}
      {text("location")}
      {text("manual")}
      <label className="field">
        <span>{tf("accessories")}</span>
        <textarea
          className="input"
          rows={4}
          value={accessoriesText}
          onChange={(e) => setAccessoriesText(e.target.value)}
          placeholder={tf("accessoriesPlaceholder")}
          data-testid="form-accessories"
        />
        <span className="help">{tf("accessoriesHelp")}</span>
      </label>
      {edit && edit.missingAccessories.length > 0 && (
        <fieldset className="choices" data-testid="form-missing">
          <legend>{tf("stillMissing")}</legend>
          {edit.missingAccessories.map((m) => (
            <label key={m} className="choice">
              <input
                type="checkbox"
                checked={missing.includes(m)}
                onChange={(e) => setMissing((x) => (e.target.checked ? [...x, m] : x.filter((y) => y !== m)))}
              />
              <span className="grow">{m}</span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{tf("intakeDate")}</span>
        <input className="input" type="date" value={d.intakeDate} onChange={(e) => set("intakeDate", e.target.value)} data-testid="form-intakeDate" />
      </label>
      <label className="field">
        <span>{tf("serviceLifeYears")}</span>
        <input
          className="input"
          type="number"
          min={1}
          max={50}
          value={d.serviceLifeYears}
          onChange={(e) => set("serviceLifeYears", Number(e.target.value))}
          data-testid="form-serviceLifeYears"
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn block big-action" disabled={m.isPending} data-testid="form-save">
          {edit ? tf("save") : tf("create")}
        </button>
        <button type="button" className="btn secondary block" onClick={onCancel} disabled={m.isPending}>
          {tf("cancel")}
        </button>
      </div>
    </form>
  );
}
