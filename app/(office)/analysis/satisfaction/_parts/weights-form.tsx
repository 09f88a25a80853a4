"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { SATISFACTION_ITEMS, type TSatisfactionItem, type TWeights } from "@/domain/analysis/satisfaction";
import { ZSetWeightsArgs } from "@/domain/analysis/schemas";
import { Refusal } from "../../surveys/_parts/refusal";

export interface TWeightsVersion {
  version: number;
  weights: TWeights;
  note: string;
  setAt: string | Date;
  setBy: string | null;
}

type TDraft = Record<TSatisfactionItem, string>;
const fromWeights = (w: TWeights | null): TDraft => Object.fromEntries(SATISFACTION_ITEMS.map((i) => [i, w ? String(w[i]) : ""])) as TDraft;
/** What the operator typed as a number ("" and "abc" are not numbers; a comma counts as the decimal point). */
const toNumber = (s: string): number => (s.trim() === "" ? Number.NaN : Number(s.trim().replace(",", ".")));
/** The live sum in tenths of a per cent (what checkWeights compares), counting only what is a number. */
const sumTenths = (d: TDraft): number => SATISFACTION_ITEMS.reduce((t, i) => t + (Number.isFinite(toNumber(d[i])) ? Math.round(toNumber(d[i]) * 10) : 0), 0);

/**
 * The year's item weights (加权百分系数): five percentages that must add up to exactly 100 %, the sum shown as it is
 * typed. Saving makes the next version (the old ones stay, with who and when); quality only.
 */
export function WeightsForm({ year, versions }: { year: number; versions: TWeightsVersion[] }) {
  const t = useTranslations("analysisSurvey.weights");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const when = useDateTime();
  const current = versions[0] ?? null;
  const [draft, setDraft] = useState<{ basedOn: number; values: TDraft } | null>(null);
  const shown = draft && draft.basedOn === (current?.version ?? 0) ? draft.values : fromWeights(current?.weights ?? null);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ form?: string; sum?: number; fields: Partial<Record<string, string>> }>({ fields: {} });
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation(
    trpc.satisfaction.setWeights.mutationOptions({
      onSuccess: (r) => {
        setNotice(t("saved", { v: r.version, year }));
        setDraft(null);
        setNote("");
        void qc.invalidateQueries({ queryKey: trpc.satisfaction.pathKey() });
        router.refresh(); // the charts are drawn on the server
      },
    }),
  );
  const tenths = sumTenths(shown);
  const ok = tenths === 1000;
  const set = (item: TSatisfactionItem, value: string) => {
    setNotice(null);
    setDraft({ basedOn: current?.version ?? 0, values: { ...shown, [item]: value } });
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const weights = Object.fromEntries(SATISFACTION_ITEMS.map((i) => [i, toNumber(shown[i])]));
    const parsed = ZSetWeightsArgs.safeParse({ year, weights, note, basedOn: current?.version ?? 0 });
    if (!parsed.success) {
      const found: typeof errors = { fields: {} };
      for (const i of parsed.error.issues) {
        const [head, item] = i.path.map(String);
        if (head === "weights" && item) found.fields[item] ??= i.message;
        else if (head === "weights") {
          found.form ??= i.message;
          found.sum = tenths / 10;
        } else found.fields[head ?? "form"] ??= i.message;
      }
      setErrors(found);
      return;
    }
    setErrors({ fields: {} });
    save.mutate(parsed.data);
  };
  return (
    <section className="card stack" aria-labelledby="weights-title">
      <h2 id="weights-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <p className="muted small" style={{ margin: 0 }}>
        {t("help")}
      </p>
      {current ? (
        <p className="small" style={{ margin: 0 }} data-testid="weights-current" data-version={current.version}>
          {t("current", { v: current.version, name: current.setBy ?? "—", when: when(current.setAt) })}
        </p>
      ) : (
        <p className="alert" data-tone="warn" style={{ margin: 0 }} data-testid="weights-none">
          {t("none", { year })}
        </p>
      )}
      <form noValidate onSubmit={submit} data-testid="weights-form" data-version={current?.version ?? 0}>
        {notice && (
          <div className="alert" data-tone="ok" role="status" data-testid="notice">
            {notice}
          </div>
        )}
        {SATISFACTION_ITEMS.map((item) => (
          <label key={item} className="field" style={{ display: "grid", gridTemplateColumns: "1fr 7.5rem", alignItems: "center", gap: 8 }}>
            <span style={{ fontWeight: 700 }}>{tr(`analysis.item.${item}`)}</span>
            <span style={{ display: "flex", alignItems: "center", gap: 6 }}>
              <input
                className="input"
                inputMode="decimal"
                autoComplete="off"
                value={shown[item]}
                onChange={(e) => set(item, e.target.value)}
                aria-invalid={Boolean(errors.fields[item])}
                style={{ textAlign: "right", fontSize: "1.2rem", fontWeight: 700 }}
                data-testid={`weight-${item}`}
              />
              <span aria-hidden="true">%</span>
            </span>
            {errors.fields[item] && (
              <span className="field-error" style={{ gridColumn: "1 / -1" }}>
                {tr(errors.fields[item])}
              </span>
            )}
          </label>
        ))}
        <p
          className="alert"
          data-tone={ok ? "ok" : "bad"}
          role="status"
          aria-live="polite"
          style={{ fontSize: "1.2rem", fontWeight: 800, display: "flex", justifyContent: "space-between", flexWrap: "wrap", gap: 8 }}
          data-testid="weights-sum"
          data-sum={tenths / 10}
          data-ok={ok}
        >
          <span>{t("sum", { sum: tenths / 10 })}</span>
          <span>{ok ? `✓ ${t("sumOk")}` : `✗ ${t("sumBad", { sum: tenths / 10 })}`}</span>
        </p>
        <label className="field">
          <span>{t("note")}</span>
          <textarea className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="weights-note" />
          {errors.fields.note && <span className="field-error">{tr(errors.fields.note)}</span>}
        </label>
        {errors.form && (
          <div className="alert" data-tone="bad" role="alert" data-testid="form-error">
            {tr(errors.form, { sum: errors.sum ?? 0 })}
          </div>
        )}
        <Refusal error={save.error} testId="form-error" />
        <button type="submit" className="btn block" disabled={save.isPending} data-testid="weights-save">
          {t("save", { v: (current?.version ?? 0) + 1 })}
        </button>
      </form>
      <details data-testid="weights-history">
        <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 700, cursor: "pointer" }}>{t("history")}</summary>
        {versions.length === 0 ? (
          <p className="muted">{t("noVersions")}</p>
        ) : (
          <ol className="list">
            {versions.map((v) => (
              <li key={v.version} data-testid={`weights-v${v.version}`}>
                <strong>{t("version", { v: v.version })}</strong>
                <p className="muted small" style={{ margin: "2px 0" }}>
                  {t("by", { name: v.setBy ?? "—", when: when(v.setAt) })}
                </p>
                <p className="small" style={{ margin: "2px 0" }}>
                  {SATISFACTION_ITEMS.map((i) => `${tr(`analysis.item.${i}`)} ${v.weights[i]} %`).join(" · ")}
                </p>
                {v.note && <p className="event-note">{v.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}
