"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { phoneDigits } from "@/domain/property/model";

type TCaseRow = {
  id: string;
  code: string;
  kind: "pbx" | "works";
  status: string;
  customerName: string;
  customerPhone: string;
};

/** A value that settles: the last one typed, once typing has paused. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

/**
 * The PBX application or customer-built works an install or move order connects (ADR 0039 §6): the open or passed
 * cases of the contact phone typed on the form, or, once something is searched, any customer's by code or name
 * (`property.linkable`); "None" by default.
 */
export function CasePicker({
  contact,
  value,
  onChange,
  error,
}: {
  contact: string;
  value: string;
  onChange: (caseId: string) => void;
  error: string | undefined;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  // the case picked stays listed when the search moves on
  const [picked, setPicked] = useState<TCaseRow | null>(null);
  const settled = useSettled({ contact, q: q.trim() });
  const digits = phoneDigits(settled.contact);
  // a search looks at every customer's cases; otherwise the contact phone's
  const input = settled.q !== "" ? { q: settled.q } : { customerPhone: digits };
  const enabled = settled.q !== "" || digits.length >= 5;
  const cases = useQuery({ ...trpc.property.linkable.queryOptions(input), enabled, placeholderData: keepPreviousData });
  const rows: TCaseRow[] = enabled ? (cases.data ?? []) : [];
  const shown = picked && value === picked.id && !rows.some((r) => r.id === picked.id) ? [picked, ...rows] : rows;
  const isOwn = (r: TCaseRow) => digits !== "" && phoneDigits(r.customerPhone) === digits;
  const own = shown.filter(isOwn);
  const others = shown.filter((r) => !isOwn(r));

  const option = (r: TCaseRow) => (
    <label key={r.id} className="choice" data-testid={`case-${r.code}`} data-status={r.status}>
      <input
        type="radio"
        name="propertyCaseId"
        value={r.id}
        checked={value === r.id}
        onChange={() => {
          setPicked(r);
          onChange(r.id);
        }}
      />
      <span>
        <strong>{t(`property.kind.${r.kind}`)}</strong>{" "}
        {t("desk.form.caseOption", { code: r.code, customer: r.customerName, status: t(`property.status.${r.status}`) })}
      </span>
    </label>
  );

  return (
    <fieldset className="choices" data-testid="case-picker" aria-invalid={Boolean(error)}>
      <legend>{t("desk.form.case")}</legend>
      <p className="help">{t("desk.form.caseHelp")}</p>
      <label className="field">
        <span className="sr-only">{t("desk.form.caseSearch")}</span>
        <input
          className="input"
          type="search"
          name="caseSearch"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("desk.form.caseSearch")}
          maxLength={60}
          autoComplete="off"
          data-testid="case-search"
        />
      </label>
      <label className="choice">
        <input type="radio" name="propertyCaseId" value="" checked={value === ""} onChange={() => onChange("")} data-testid="case-none" />
        {t("desk.form.caseNone")}
      </label>
      {own.map(option)}
      {others.length > 0 && <p className="muted small">{t("desk.form.caseOther")}</p>}
      {others.map(option)}
      {enabled && cases.isSuccess && shown.length === 0 && <p className="muted small">{t("desk.form.caseEmpty")}</p>}
      {error && (
        <p className="field-error" data-testid="err-propertyCaseId">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}
