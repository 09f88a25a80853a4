"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DayPicker } from "@/app/_ui/day-picker";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS, type TDepartment } from "@/domain/auth/roles";
import { MAX_INSPECTORS, MAX_SCHEDULE_DAYS, ORGANISER_DEPARTMENT, type TCaseKind } from "@/domain/property/model";
import { departmentsAfterToggle, initialRoundDepartments, roundTeamDecision, roundTeamGaps, VERIFYING_DEPARTMENT } from "@/domain/property/round-team";
import { ZScheduleInput } from "@/domain/property/schemas";
import { ruleMessageKey } from "@/domain/rules/codes";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { check, Field, TextArea, type Errors } from "../../_parts/kit";
import { Frame, stepCallbacks, type TStepProps } from "./step-forms";

/** The departments shown first (P2: terminal service verifies a PBX; Technology Development organises works). */
const USUAL: Record<TCaseKind, TDepartment[]> = {
  pbx: ["customer_service", "terminal_service"],
  works: ["technology_development", "customer_service"],
};

/**
 * An inspection round: the day, the inspectors (each signs on the phone at the site), the departments taking part
 * and, for a re-inspection, the items besides the failed ones the department chooses to look at again. The team's rule
 * (domain round-team): a PBX lists terminal service (it verifies; preselected and kept) and names one of its people;
 * a chosen inspector's department takes part; every department taking part names an inspector. What is still missing
 * is said as the organiser chooses, and a round that breaks the rule is not sent.
 */
export function ScheduleForm(p: TStepProps) {
  const t = useTranslations("propertyOffice.steps.schedule");
  const td = useTranslations("departments");
  const tr = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const kind = p.c.case.kind;
  const today = operatorToday();
  const [day, setDay] = useState(addDays(today, 1));
  const [inspectors, setInspectors] = useState<string[]>([]);
  const [departments, setDepartments] = useState<TDepartment[]>(() => initialRoundDepartments(kind));
  const [extra, setExtra] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const people = useQuery(trpc.property.people.queryOptions({}));
  const lastFailed = [...p.c.rounds].sort((a, b) => b.roundNo - a.roundNo).find((r) => r.status === "failed");
  const failedIds = new Set(lastFailed?.items.filter((i) => i.result === "fail").map((i) => i.itemId) ?? []);
  const items = useQuery({ ...trpc.property.items.queryOptions({ kind }), enabled: lastFailed !== undefined });
  const schedule = useMutation(trpc.property.schedule.mutationOptions(stepCallbacks(p, "schedule", setErrors)));
  const order = [...new Set<TDepartment>([...USUAL[kind], ORGANISER_DEPARTMENT[kind], ...DEPARTMENTS])];
  const byDepartment = order.map((d) => ({ department: d, people: (people.data ?? []).filter((u) => u.department === d) })).filter((g) => g.people.length > 0);
  const verifying = VERIFYING_DEPARTMENT[kind];
  const teamOf = (ids: readonly string[]) => ids.map((id) => ({ department: people.data?.find((u) => u.id === id)?.department ?? null }));
  const gaps = roundTeamGaps({ kind, departments, inspectors: teamOf(inspectors) });
  const toggleInspector = (id: string, department: TDepartment | null) => {
    const chosen = !inspectors.includes(id);
    const next = chosen ? [...inspectors, id] : inspectors.filter((x) => x !== id);
    setInspectors(next);
    // a chosen inspector's department takes part; a department leaves with its last inspector (terminal service stays on a PBX)
    setDepartments(departmentsAfterToggle({ kind, departments, inspectors: teamOf(next), toggled: department, chosen }));
    if (errors.inspectorIds) setErrors((e) => ({ ...e, inspectorIds: "" }));
  };
  const submit = () => {
    const checked = check(ZScheduleInput, {
      caseId: p.c.case.id,
      version: p.c.version,
      scheduledFor: day,
      inspectorIds: inspectors,
      departments,
      extraItemIds: extra,
      note,
    });
    const team = roundTeamDecision({ kind, departments, inspectors: teamOf(inspectors) });
    const found: Errors = { ...checked.errors };
    if (!team.ok) found.inspectorIds ??= ruleMessageKey(team.code);
    setErrors(found);
    if (checked.data && team.ok) schedule.mutate(checked.data);
  };
  return (
    <Frame
      step="schedule"
      title={t(lastFailed ? "titleAgain" : "title")}
      help={t(`help.${kind}`)}
      error={schedule.error}
      pending={schedule.isPending}
      submitLabel={t("submit")}
      onSubmit={submit}
      onBack={p.onBack}
    >
      <DayPicker label={t("day")} value={day} min={today} max={addDays(today, MAX_SCHEDULE_DAYS)} onChange={setDay} testId="schedule-day" />
      {errors.scheduledFor && <p className="field-error">{tr(errors.scheduledFor)}</p>}
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} data-testid="input-inspectors">
        <legend>{t("inspectors", { max: MAX_INSPECTORS })}</legend>
        <p className="help" style={{ marginTop: 0 }} data-testid="team-rule">
          {t(`team.${kind}`)}
        </p>
        {people.isPending && <p className="muted">{t("loading")}</p>}
        {byDepartment.map((g) => (
          <div key={g.department} style={{ marginBottom: 8 }}>
            <p className="muted small" style={{ margin: "4px 0" }}>
              {td(g.department)}
              {g.department === verifying && <strong> · {t("verifies")}</strong>}
            </p>
            <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: 8 }}>
              {g.people.map((u) => (
                <button
                  key={u.id}
                  type="button"
                  className={`btn${inspectors.includes(u.id) ? "" : " secondary"}`}
                  aria-pressed={inspectors.includes(u.id)}
                  onClick={() => toggleInspector(u.id, u.department)}
                  data-testid={`inspector-${u.id}`}
                  data-name={u.name}
                >
                  {u.name}
                </button>
              ))}
            </div>
          </div>
        ))}
        {errors.inspectorIds && (
          <p className="field-error" data-testid="err-inspectorIds">
            {tr(errors.inspectorIds)}
          </p>
        )}
      </fieldset>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} data-testid="input-departments">
        <legend>{t("departments")}</legend>
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: 8 }}>
          {order.map((d) => (
            <button
              key={d}
              type="button"
              className={`btn${departments.includes(d) ? "" : " secondary"}`}
              aria-pressed={departments.includes(d)}
              // the verifying department always takes part
              disabled={d === verifying}
              onClick={() => setDepartments((ds) => (ds.includes(d) ? ds.filter((x) => x !== d) : [...ds, d]))}
              data-testid={`department-${d}`}
            >
              {td(d)}
              {d === verifying && ` · ${t("verifies")}`}
            </button>
          ))}
        </div>
        {errors.departments && <p className="field-error">{tr("validation.required")}</p>}
        {(gaps.verifier !== null || gaps.uncovered.length > 0) && (
          <ul className="help" style={{ margin: "8px 0 0", paddingLeft: 20 }} data-testid="team-gaps">
            {gaps.verifier !== null && <li data-gap={gaps.verifier}>{t("gapVerifier", { department: td(gaps.verifier) })}</li>}
            {gaps.uncovered
              .filter((d) => d !== gaps.verifier)
              .map((d) => (
                <li key={d} data-gap={d}>
                  {t("gapUncovered", { department: td(d) })}
                </li>
              ))}
          </ul>
        )}
      </fieldset>
      {lastFailed && (
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }} data-testid="input-extra">
          <legend>{t("reinspect")}</legend>
          <p className="help" style={{ marginTop: 0 }}>
            {t("reinspectHelp", { n: failedIds.size })}
          </p>
          <div className="stack" style={{ gap: 6 }}>
            {(items.data ?? [])
              .filter((i) => i.active || failedIds.has(i.id))
              .map((i) => {
                const failed = failedIds.has(i.id);
                const on = failed || extra.includes(i.id);
                return (
                  <label
                    key={i.id}
                    className="scan-switch"
                    style={{ minHeight: 48, justifyContent: "flex-start", textAlign: "left", fontWeight: 400 }}
                    data-testid={`extra-${i.id}`}
                    data-failed={failed}
                  >
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={failed}
                      onChange={(e) => setExtra((xs) => (e.target.checked ? [...xs, i.id] : xs.filter((x) => x !== i.id)))}
                    />
                    <span>
                      <span className="mono small">{i.clause}</span> {zh || !i.textEn ? i.textZh : i.textEn}
                      {failed && <strong style={{ color: "var(--bad)" }}> · {t("failedBefore")}</strong>}
                    </span>
                  </label>
                );
              })}
          </div>
        </fieldset>
      )}
      <Field label={t("note")} name="note" error={errors.note} help={t("optional")}>
        <TextArea name="note" value={note} onChange={setNote} />
      </Field>
    </Frame>
  );
}
