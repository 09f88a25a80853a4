"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { SEVERITIES } from "@/domain/complaints/model";
import { ZClassifyInput } from "@/domain/complaints/schemas";

import { check, Field, Frame, useStepOptions, type Errors, type TFormProps } from "./step-frame";

export function ClassifyForm(p: TFormProps) {
  const t = useTranslations();
  const zh = useLocale().startsWith("zh");
  const trpc = useTRPC();
  const categories = useQuery(trpc.complaints.categories.queryOptions());
  const keyCustomers = useQuery(trpc.complaints.keyCustomers.queryOptions({}));
  const [category, setCategory] = useState(p.c.category ?? "");
  const [department, setDepartment] = useState<string>(p.c.department ?? "");
  const [severity, setSeverity] = useState<string>(p.c.severity);
  const [keyCustomerId, setKeyCustomerId] = useState(p.c.keyCustomer?.id ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const m = useMutation(trpc.complaints.classify.mutationOptions(useStepOptions(p, "classify")));
  const s = (k: string) => t(`complaintsDesk.steps.classify.${k}`);
  const submit = () => {
    const r = check(ZClassifyInput, { complaintId: p.c.id, version: p.c.version, category, severity, department, keyCustomerId: keyCustomerId || null });
    setErrors(r.errors ?? {});
    if (r.data) m.mutate(r.data);
  };
  return (
    <Frame step="classify" error={m.error} pending={m.isPending} onSubmit={submit} onBack={p.onBack}>
      <Field label={s("category")} error={errors.category} name="category">
        <select
          className="input"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
            const dept = categories.data?.find((x) => x.code === e.target.value)?.department;
            if (dept) setDepartment(dept);
          }}
          data-testid="classify-category"
        >
          <option value="" disabled>
            {s("category")}
          </option>
          {categories.data
            ?.filter((x) => x.active || x.code === p.c.category)
            .map((x) => (
              <option key={x.code} value={x.code}>
                {zh ? x.nameZh : x.nameEn}
              </option>
            ))}
        </select>
        <p className="help">{s("categoryHelp")}</p>
      </Field>
      <fieldset className="choices">
        <legend>{s("severity")}</legend>
        <div className="seg" role="group" style={{ display: "flex" }}>
          {SEVERITIES.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={severity === v}
              onClick={() => setSeverity(v)}
              style={{ flex: 1 }}
              data-testid={`classify-severity-${v}`}
            >
              {t(`complaints.severity.${v}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <Field label={s("department")} error={errors.department} name="department">
        <select className="input" value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="classify-department">
          <option value="" disabled>
            {s("department")}
          </option>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`departments.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={s("keyCustomer")} error={errors.keyCustomerId} name="keyCustomerId">
        <select className="input" value={keyCustomerId} onChange={(e) => setKeyCustomerId(e.target.value)} data-testid="classify-key">
          <option value="">{s("noKey")}</option>
          {keyCustomers.data?.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} · {k.category}
            </option>
          ))}
        </select>
      </Field>
    </Frame>
  );
}
