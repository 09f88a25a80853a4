"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { CHECK_TARGETS, type TCheckTarget } from "@/domain/quality/model";
import { ZPlanCheckInput } from "@/domain/quality/schemas";
import { operatorToday } from "@/domain/time/operator";

/** The plan: what is checked (zone / department / a sample of work orders closed in a range), when, by whom. */
export function PlanForm() {
  const t = useTranslations("qualityOffice.checks");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const people = useQuery(trpc.quality.people.queryOptions({}));
  const [target, setTarget] = useState<TCheckTarget>("zone");
  const [zoneCode, setZone] = useState("");
  const [department, setDepartment] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [size, setSize] = useState("10");
  const [plannedFor, setPlannedFor] = useState(operatorToday());
  const [assigneeId, setAssignee] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const plan = useMutation(trpc.quality.planCheck.mutationOptions({ onSuccess: (r) => router.push(`/quality/checks/${r.id}?planned=${r.code}`) }));
  const shown = { ...fieldErrors(plan.error), ...errors };
  const submit = () => {
    const parsed = ZPlanCheckInput.safeParse({
      target,
      zoneCode: target === "zone" ? zoneCode.trim().toUpperCase() || null : null,
      department: target === "department" ? department || null : null,
      from: target === "work_orders" ? from || null : null,
      to: target === "work_orders" ? to || null : null,
      sampleSize: Number(size) || 0,
      plannedFor,
      assigneeId: assigneeId || undefined,
      note,
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.message;
      setErrors(found);
      return;
    }
    setErrors({});
    plan.mutate(parsed.data);
  };
  const err = (name: string) =>
    shown[name] ? (
      <p className="field-error" data-testid={`err-${name}`}>
        {tr(shown[name])}
      </p>
    ) : null;
  return (
    <form
      className="card stack"
      data-testid="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 700 }}>{t("form.target")}</legend>
        <div className="choice-row" role="radiogroup" aria-label={t("form.target")} style={{ marginBottom: 0 }}>
          {CHECK_TARGETS.map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              className="pick"
              aria-checked={target === k}
              onClick={() => setTarget(k)}
              data-testid={`plan-target-${k}`}
            >
              {t(`target.${k}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {target === "zone" && (
        <label className="field">
          <span>{t("form.zone")}</span>
          <input
            className="input mono"
            value={zoneCode}
            onChange={(e) => setZone(e.target.value)}
            placeholder={t("form.zonePlaceholder")}
            autoCapitalize="characters"
            autoComplete="off"
            aria-invalid={Boolean(shown.zoneCode)}
            data-testid="plan-zone"
          />
          {err("zoneCode")}
        </label>
      )}
      {target === "department" && (
        <label className="field">
          <span>{t("form.department")}</span>
          <select
            className="input"
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            aria-invalid={Boolean(shown.department)}
            data-testid="plan-department"
          >
            <option value="">{t("form.choose")}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {tr(`departments.${d}`)}
              </option>
            ))}
          </select>
          {err("department")}
        </label>
      )}
      {target === "work_orders" && (
        <>
          <div className="filters">
            <label className="field">
              <span>{t("form.from")}</span>
              <input
                className="input"
                type="date"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                aria-invalid={Boolean(shown.from)}
                data-testid="plan-from"
              />
              {err("from")}
            </label>
            <label className="field">
              <span>{t("form.to")}</span>
              <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={Boolean(shown.to)} data-testid="plan-to" />
              {err("to")}
            </label>
          </div>
          <label className="field">
            <span>{t("form.sampleSize")}</span>
            <input
              className="input"
              type="number"
              inputMode="numeric"
              min={1}
              max={200}
              value={size}
              onChange={(e) => setSize(e.target.value)}
              data-testid="plan-size"
            />
            <small className="muted">{t("form.sampleHelp")}</small>
            {err("sampleSize")}
          </label>
        </>
      )}
      <label className="field">
        <span>{t("form.plannedFor")}</span>
        <input
          className="input"
          type="date"
          value={plannedFor}
          onChange={(e) => setPlannedFor(e.target.value)}
          aria-invalid={Boolean(shown.plannedFor)}
          data-testid="plan-day"
        />
        {err("plannedFor")}
      </label>
      <label className="field">
        <span>{t("form.assignee")}</span>
        <select
          className="input"
          value={assigneeId}
          onChange={(e) => setAssignee(e.target.value)}
          aria-invalid={Boolean(shown.assigneeId)}
          data-testid="plan-assignee"
        >
          <option value="">{t("form.choose")}</option>
          {(people.data ?? [])
            .filter((p) => p.role === "quality")
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </select>
        {err("assigneeId")}
      </label>
      <label className="field">
        <span>{t("form.note")}</span>
        <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="plan-note" />
      </label>
      <ErrorText error={plan.error} />
      <button type="submit" className="btn block" disabled={plan.isPending} data-testid="plan-submit">
        {t("form.submit")}
      </button>
    </form>
  );
}
