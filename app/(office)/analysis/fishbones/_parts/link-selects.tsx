"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/client/trpc";
import { Field } from "./form-parts";

/** What the worksheet is linked to now (the saved codes), shown even when the lists' first pages do not hold them. */
export interface TLinked {
  nonconformityId: string;
  actionId: string;
  ncCode: string | null;
  actionCode: string | null;
}

const short = (s: string, n = 28) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n).join("")}…` : s);

/**
 * The nonconformity and corrective-action pickers, fed by the quality module's own lists (quality.nonconformities,
 * actions.list: each reader sees what those give them). Picking an action fills in its nonconformity.
 */
export function LinkSelects({
  value,
  saved,
  readOnly,
  errors,
  onChange,
}: {
  value: { nonconformityId: string; actionId: string };
  saved: TLinked;
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (next: { nonconformityId: string; actionId: string }) => void;
}) {
  const t = useTranslations("analysisReports.form");
  const trpc = useTRPC();
  const ncs = useQuery({ ...trpc.quality.nonconformities.queryOptions({ status: null, department: null, source: null, page: 1 }), enabled: !readOnly });
  const actions = useQuery({ ...trpc.actions.list.queryOptions({ status: null, department: null, overdueOnly: false, page: 1 }), enabled: !readOnly });
  const ncRows = (ncs.data?.rows ?? []).map((n) => ({ id: n.id, label: `${n.code} · ${short(n.description)}` }));
  const actionRows = (actions.data?.rows ?? []).map((a) => ({ id: a.id, ncId: a.ncId, label: `${a.code} · ${a.ncCode} · ${short(a.description)}` }));
  if (saved.nonconformityId && !ncRows.some((r) => r.id === saved.nonconformityId))
    ncRows.unshift({ id: saved.nonconformityId, label: saved.ncCode ?? saved.nonconformityId });
  if (saved.actionId && !actionRows.some((r) => r.id === saved.actionId))
    actionRows.unshift({ id: saved.actionId, ncId: "", label: saved.actionCode ?? saved.actionId });
  if (readOnly)
    return (
      <dl className="scan-fields" style={{ gridTemplateColumns: "auto 1fr" }}>
        <dt>{t("action")}</dt>
        <dd className="mono" data-testid="fishbone-action">
          {saved.actionCode ?? t("none")}
        </dd>
        <dt>{t("nonconformity")}</dt>
        <dd className="mono" data-testid="fishbone-nc">
          {saved.ncCode ?? t("none")}
        </dd>
      </dl>
    );
  return (
    <>
      <Field name="actionId" label={t("action")} help={t("linkHelp")} error={errors.actionId}>
        <select
          className="input"
          value={value.actionId}
          onChange={(e) => {
            const id = e.target.value;
            const ncId = actionRows.find((r) => r.id === id)?.ncId;
            onChange({ actionId: id, nonconformityId: ncId || value.nonconformityId });
          }}
          data-testid="fishbone-action"
        >
          <option value="">{t("none")}</option>
          {actionRows.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field name="nonconformityId" label={t("nonconformity")} error={errors.nonconformityId}>
        <select
          className="input"
          value={value.nonconformityId}
          onChange={(e) => onChange({ ...value, nonconformityId: e.target.value })}
          data-testid="fishbone-nc"
        >
          <option value="">{t("none")}</option>
          {ncRows.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
