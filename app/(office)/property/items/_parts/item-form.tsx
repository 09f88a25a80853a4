"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { fieldErrors, useTRPC } from "@/client/trpc";
import type { TCaseKind } from "@/domain/property/model";
import { ZItemInput } from "@/domain/property/schemas";
import { check, Field, StepError, TextArea, TextInput, type Errors } from "../../_parts/kit";
import type { TItem } from "../../_parts/types";

/** Add or edit an item of a list: clause, group, the words in both languages, the unit of a measurement, its place. */
export function ItemForm({ kind, groups, item, onDone, onBack }: { kind: TCaseKind; groups: string[]; item?: TItem; onDone: () => void; onBack: () => void }) {
  const t = useTranslations("propertyOffice.items");
  const trpc = useTRPC();
  const [f, setF] = useState({
    clause: item?.clause ?? "",
    group: item?.group ?? groups[0] ?? "",
    textZh: item?.textZh ?? "",
    textEn: item?.textEn ?? "",
    unit: item?.unit ?? "",
    sort: String(item?.sort ?? 0),
  });
  const [active, setActive] = useState(item?.active ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation(trpc.property.saveItem.mutationOptions({ onSuccess: onDone, onError: (e) => setErrors(fieldErrors(e)) }));
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const checked = check(ZItemInput, {
      id: item?.id,
      kind,
      clause: f.clause,
      group: f.group,
      textZh: f.textZh,
      textEn: f.textEn,
      unit: f.unit.trim() === "" ? null : f.unit.trim(),
      active,
      sort: Number(f.sort) || 0,
    });
    setErrors(checked.errors ?? {});
    if (checked.data) save.mutate(checked.data);
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="item-form">
      <h3 style={{ margin: 0 }}>{item ? t("editTitle", { clause: item.clause }) : t("addTitle")}</h3>
      <StepError error={save.error} />
      <Field label={t("fields.clause")} name="clause" error={errors.clause} help={t("clauseHelp")}>
        <TextInput name="clause" value={f.clause} onChange={set("clause")} invalid={!!errors.clause} />
      </Field>
      <Field label={t("fields.group")} name="group" error={errors.group}>
        <TextInput name="group" value={f.group} onChange={set("group")} invalid={!!errors.group} />
      </Field>
      {groups.length > 1 && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }} role="group" aria-label={t("fields.group")}>
          {groups.map((g) => (
            <button key={g} type="button" className={`btn${f.group === g ? "" : " secondary"}`} aria-pressed={f.group === g} onClick={() => set("group")(g)}>
              {g}
            </button>
          ))}
        </div>
      )}
      <Field label={t("fields.textZh")} name="textZh" error={errors.textZh}>
        <TextArea name="textZh" value={f.textZh} onChange={set("textZh")} rows={2} />
      </Field>
      <Field label={t("fields.textEn")} name="textEn" error={errors.textEn} help={t("optional")}>
        <TextArea name="textEn" value={f.textEn} onChange={set("textEn")} rows={2} />
      </Field>
      <Field label={t("fields.unit")} name="unit" error={errors.unit} help={t("unitHelp")}>
        <TextInput name="unit" value={f.unit} onChange={set("unit")} invalid={!!errors.unit} />
      </Field>
      <Field label={t("fields.sort")} name="sort" error={errors.sort} help={t("sortHelp")}>
        <TextInput name="sort" value={f.sort} onChange={set("sort")} inputMode="numeric" invalid={!!errors.sort} />
      </Field>
      {item && (
        <label className="scan-switch" style={{ minHeight: 48 }}>
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="input-active" />
          {t("activeHelp")}
        </label>
      )}
      <button type="submit" className="btn block" disabled={save.isPending} data-testid="item-save">
        {t("save")}
      </button>
      <button type="button" className="btn secondary block" onClick={onBack} data-testid="item-back">
        {t("back")}
      </button>
    </form>
  );
}
