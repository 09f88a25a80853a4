"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { ZEnterFigureArgs, ZSetTargetArgs } from "@/domain/analysis/schemas";
import { enteredIndicatorsFor, INDICATOR_DEFS, INDICATORS, type TIndicator } from "@/domain/analysis/targets";
import type { TDepartment } from "@/domain/auth/roles";

type TErrors = Record<string, string>;
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
function issues(e: { issues: { path: PropertyKey[]; message: string }[] }): TErrors {
  const out: TErrors = {};
  for (const i of e.issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

function Field({ label, error, help, children }: { label: string; error?: string; help?: string; children: ReactNode }) {
  const tr = useTranslations();
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {help && <p className="help">{help}</p>}
      {error && <p className="field-error">{tr(error)}</p>}
    </label>
  );
}

/** Quality sets a department's target and control point for the year (a new version when set again). */
/**
 * `versions`: the version of each target already set ("department:indicator") and of each figure entered
 * ("department:indicator:month"), sent with a save so that one saved meanwhile is a conflict, not overwritten.
 */
export type TVersions = Readonly<Record<string, number>>;

export function TargetForm({ year, departments, versions }: { year: number; departments: readonly TDepartment[]; versions: TVersions }) {
  const t = useTranslations("analysisOffice.targets");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ department: departments[0]!, indicator: INDICATORS[0] as TIndicator, target: "", control: "" });
  const [errors, setErrors] = useState<TErrors>({});
  const save = useMutation(trpc.targets.set.mutationOptions({ onSuccess: () => router.refresh() }));
  const shown = { ...fieldErrors(save.error), ...errors };
  const def = INDICATOR_DEFS[f.indicator];
  const submit = () => {
    const parsed = ZSetTargetArgs.safeParse({
      year,
      department: f.department,
      indicator: f.indicator,
      target: num(f.target),
      control: num(f.control) ?? null,
      basedOn: versions[`${f.department}:${f.indicator}`] ?? 0,
    });
    if (!parsed.success) {
      setErrors(issues(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  return (
    <section className="card stack" aria-labelledby="target-form-title" data-testid="target-form">
      <h2 id="target-form-title">{t("setTitle")}</h2>
      <p className="help">{t("setHelp")}</p>
      <Field label={t("department")}>
        <select
          className="input"
          value={f.department}
          onChange={(e) => setF({ ...f, department: e.target.value as TDepartment })}
          data-testid="target-department"
        >
          {departments.map((d) => (
            <option key={d} value={d}>
              {tr(`departments.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("indicator")} help={t("direction", { direction: tr(`analysis.direction.${def.direction}`) })}>
        <select className="input" value={f.indicator} onChange={(e) => setF({ ...f, indicator: e.target.value as TIndicator })} data-testid="target-indicator">
          {INDICATORS.map((i) => (
            <option key={i} value={i}>
              {tr(`analysis.indicator.${i}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`${t("target")}${unit(tr, def.unit)}`} error={shown.target}>
        <input
          className="input"
          type="number"
          inputMode="decimal"
          step="any"
          value={f.target}
          aria-invalid={Boolean(shown.target)}
          onChange={(e) => setF({ ...f, target: e.target.value })}
          data-testid="target-value"
        />
      </Field>
      <Field label={`${t("control")}${unit(tr, def.unit)}`} error={shown.control} help={t("controlHelp")}>
        <input
          className="input"
          type="number"
          inputMode="decimal"
          step="any"
          value={f.control}
          aria-invalid={Boolean(shown.control)}
          onChange={(e) => setF({ ...f, control: e.target.value })}
          data-testid="target-control"
        />
      </Field>
      {shown.form && (
        <p className="field-error" data-testid="form-error">
          {tr(shown.form)}
        </p>
      )}
      <ErrorText error={save.error} />
      {save.isSuccess && (
        <p className="alert" data-tone="ok" role="status" data-testid="target-saved">
          {t("saved", { version: save.data.version })}
        </p>
      )}
      <button type="button" className="btn block" disabled={save.isPending} onClick={submit} data-testid="target-save">
        {t("save")}
      </button>
    </section>
  );
}

/** The unit after a label: " (%)", " (‰)"; nothing for counts and amounts. */
function unit(tr: (k: string) => string, u: string): string {
  return u === "pct" || u === "per_1000" ? ` (${tr(`analysis.unit.${u}`)})` : "";
}

/** A department's figure for a month, for an indicator the app does not compute (its head, or quality for any). */
export function FigureForm({ year, month, departments, versions }: { year: number; month: number; departments: readonly TDepartment[]; versions: TVersions }) {
  const t = useTranslations("analysisOffice.targets");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ department: departments[0]!, indicator: enteredIndicatorsFor(departments[0]!)[0]!, month: String(month), value: "", note: "" });
  const entered = enteredIndicatorsFor(f.department);
  const [errors, setErrors] = useState<TErrors>({});
  const save = useMutation(trpc.targets.enterFigure.mutationOptions({ onSuccess: () => router.refresh() }));
  const shown = { ...fieldErrors(save.error), ...errors };
  const submit = () => {
    const parsed = ZEnterFigureArgs.safeParse({
      year,
      month: num(f.month),
      department: f.department,
      indicator: f.indicator,
      value: num(f.value),
      note: f.note,
      basedOn: versions[`${f.department}:${f.indicator}:${num(f.month) ?? 0}`] ?? 0,
    });
    if (!parsed.success) {
      setErrors(issues(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  return (
    <section className="card stack" aria-labelledby="figure-form-title" data-testid="figure-form">
      <h2 id="figure-form-title">{t("figureTitle")}</h2>
      <p className="help">{t("figureHelp")}</p>
      <Field label={t("department")}>
        <select
          className="input"
          value={f.department}
          onChange={(e) => {
            const department = e.target.value as TDepartment;
            const allowed = enteredIndicatorsFor(department);
            setF({ ...f, department, indicator: allowed.includes(f.indicator) ? f.indicator : allowed[0]! });
          }}
          data-testid="figure-department"
        >
          {departments.map((d) => (
            <option key={d} value={d}>
              {tr(`departments.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("indicator")}>
        <select className="input" value={f.indicator} onChange={(e) => setF({ ...f, indicator: e.target.value as TIndicator })} data-testid="figure-indicator">
          {entered.map((i) => (
            <option key={i} value={i}>
              {tr(`analysis.indicator.${i}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("month")} error={shown.month}>
        <select className="input" value={f.month} onChange={(e) => setF({ ...f, month: e.target.value })} data-testid="figure-month">
          {Array.from({ length: 12 }, (_, i) => String(i + 1)).map((m) => (
            <option key={m} value={m}>
              {year}-{m.padStart(2, "0")}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`${t("value")}${unit(tr, INDICATOR_DEFS[f.indicator].unit)}`} error={shown.value}>
        <input
          className="input"
          type="number"
          inputMode="decimal"
          step="any"
          value={f.value}
          aria-invalid={Boolean(shown.value)}
          onChange={(e) => setF({ ...f, value: e.target.value })}
          data-testid="figure-value"
        />
      </Field>
      <Field label={t("note")} error={shown.note}>
        <input className="input" value={f.note} maxLength={500} onChange={(e) => setF({ ...f, note: e.target.value })} data-testid="figure-note" />
      </Field>
      <ErrorText error={save.error} />
      {save.isSuccess && (
        <p className="alert" data-tone="ok" role="status" data-testid="figure-saved">
          {t("figureSaved", { version: save.data.version })}
        </p>
      )}
      <button type="button" className="btn block" disabled={save.isPending} onClick={submit} data-testid="figure-save">
        {t("figureSave")}
      </button>
    </section>
  );
}
