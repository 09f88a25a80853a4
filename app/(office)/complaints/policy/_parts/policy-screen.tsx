"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { errorCode, useTRPC } from "@/client/trpc";
import { LIMIT_UNITS, policyProblems, TIERS, type TLimit, type TPolicyLimits } from "@/domain/complaints/deadlines";
import { REQUEST_TYPES } from "@/domain/complaints/model";
import { ZPolicyInput } from "@/domain/complaints/schemas";
import { StepError } from "../../_parts/step-error";
import { useWhen } from "../../_parts/deadline";

/** A limit as people read it: "4 hours", "by the end of the next day". */
function useLimitText(): (l: TLimit) => string {
  const t = useTranslations("complaints.limit");
  return (l) => t(l.unit, { value: l.value });
}

/**
 * The policy: a limit per request type for key customers and for everyone else. Quality edits a copy of the version in
 * force and saves it as the next (based on the version seen: a newer one meanwhile is a conflict, shown and reloaded).
 */
export function PolicyScreen({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("complaintsDesk.policy");
  const tc = useTranslations("complaints");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const when = useWhen();
  const limitText = useLimitText();
  const policy = useQuery(trpc.complaints.policy.queryOptions());
  const [draft, setDraft] = useState<{ basedOn: number; limits: TPolicyLimits } | null>(null);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation(
    trpc.complaints.setPolicy.mutationOptions({
      onSuccess: ({ version }) => {
        setNotice(t("saved", { v: version }));
        setDraft(null);
        setNote("");
        void qc.invalidateQueries({ queryKey: trpc.complaints.policy.queryKey() });
      },
      onError: (e) => {
        if (errorCode(e) === "conflict") {
          setDraft(null);
          void qc.invalidateQueries({ queryKey: trpc.complaints.policy.queryKey() });
        }
      },
    }),
  );
  const current = policy.data?.current;
  // the draft starts from the version in force; a newer version (after a conflict) starts a new draft
  const shown = draft && current && draft.basedOn === current.version ? draft : current ? { basedOn: current.version, limits: current.limits } : null;
  const problems = shown ? policyProblems(shown.limits) : [];
  const setLimit = (tier: (typeof TIERS)[number], type: (typeof REQUEST_TYPES)[number], patch: Partial<TLimit>) => {
    if (!shown) return;
    const limits = structuredClone(shown.limits);
    limits[tier][type] = { ...limits[tier][type], ...patch };
    setDraft({ basedOn: shown.basedOn, limits });
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!shown || problems.length > 0) return;
    const parsed = ZPolicyInput.safeParse({ ...shown.limits, note, basedOn: shown.basedOn });
    if (!parsed.success) {
      setNoteError(parsed.error.issues.find((i) => i.path[0] === "note")?.message ?? "validation.invalid");
      return;
    }
    setNoteError(null);
    save.mutate(parsed.data);
  };
  const tr = useTranslations();
  return (
    <QueryState isPending={policy.isPending} isError={policy.isError} isEmpty={false} empty="" onRetry={() => void policy.refetch()}>
      {shown && current && (
        <form className="stack" noValidate onSubmit={submit} data-testid="policy-form" data-version={current.version}>
          {notice && (
            <div className="alert" data-tone="ok" role="status" data-testid="notice">
              {notice}
            </div>
          )}
          {errorCode(save.error) === "conflict" ? (
            <div className="alert" data-tone="bad" role="alert" data-testid="error" data-code="conflict">
              {t("conflict")}
            </div>
          ) : (
            <StepError error={save.error} />
          )}
          <p className="muted small" data-testid="policy-version">
            {t("basedOn", { v: current.version, time: when(current.setAt), name: current.setBy ?? "—" })}
          </p>
          <div className="card" style={{ overflowX: "auto", padding: 0 }}>
            <table className="table" style={{ width: "100%", borderCollapse: "collapse" }} data-testid="policy-table">
              <thead>
                <tr>
                  {TIERS.map((tier) => (
                    <th key={tier} style={{ textAlign: "left", padding: 8 }}>
                      {tc(`tier.${tier}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              {/* a request type's name above its two limits: two columns fit a phone */}
              {REQUEST_TYPES.map((type) => (
                <tbody key={type} style={{ borderTop: "1px solid var(--line)" }}>
                  <tr>
                    <th colSpan={TIERS.length} scope="colgroup" style={{ textAlign: "left", padding: "8px 8px 0", fontWeight: 700 }}>
                      {tc(`requestType.${type}`)}
                    </th>
                  </tr>
                  <tr>
                    {TIERS.map((tier) => {
                      const l = shown.limits[tier][type];
                      return (
                        <td key={tier} style={{ padding: 8, verticalAlign: "top", width: `${100 / TIERS.length}%` }} data-testid={`limit-${tier}-${type}`}>
                          {canEdit ? (
                            <div className="stack" style={{ gap: 4 }}>
                              <input
                                className="input"
                                type="number"
                                inputMode="numeric"
                                min={l.unit === "hours" ? 1 : 0}
                                max={l.unit === "hours" ? 720 : 60}
                                value={Number.isNaN(l.value) ? "" : l.value}
                                onChange={(e) => setLimit(tier, type, { value: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
                                aria-label={`${tc(`requestType.${type}`)} · ${tc(`tier.${tier}`)} · ${t("value")}`}
                                style={{ minWidth: 70 }}
                                data-testid={`value-${tier}-${type}`}
                              />
                              <select
                                className="input"
                                value={l.unit}
                                onChange={(e) => setLimit(tier, type, { unit: e.target.value as TLimit["unit"] })}
                                aria-label={`${tc(`requestType.${type}`)} · ${tc(`tier.${tier}`)} · ${t("unit")}`}
                                data-testid={`unit-${tier}-${type}`}
                              >
                                {LIMIT_UNITS.map((u) => (
                                  <option key={u} value={u}>
                                    {tc(`limitUnit.${u}`)}
                                  </option>
                                ))}
                              </select>
                              {!Number.isNaN(l.value) && <span className="muted small">{limitText(l)}</span>}
                            </div>
                          ) : (
                            limitText(l)
                          )}
                        </td>
                      );
                    })}
                  </tr>
                </tbody>
              ))}
            </table>
          </div>
          {problems.length > 0 && (
            <ul className="alert" data-tone="bad" role="alert" data-testid="policy-problems" style={{ margin: 0, paddingLeft: 28 }}>
              {problems.map((p) => (
                <li key={`${p.tier}-${p.type}-${p.problem}`}>{t(`problem.${p.problem}`, { tier: tc(`tier.${p.tier}`), type: tc(`requestType.${p.type}`) })}</li>
              ))}
            </ul>
          )}
          {canEdit && (
            <>
              <label className="field">
                <span>{t("note")}</span>
                <textarea
                  className="input"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  aria-invalid={Boolean(noteError)}
                  data-testid="policy-note"
                />
                {noteError && (
                  <p className="field-error" data-testid="err-note">
                    {tr(noteError)}
                  </p>
                )}
              </label>
              <button type="submit" className="btn block" disabled={save.isPending || problems.length > 0} data-testid="policy-save">
                {t("save")}
              </button>
            </>
          )}
          <details data-testid="policy-history">
            <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 700, cursor: "pointer" }}>{t("history")}</summary>
            <ol className="list">
              {(policy.data?.history ?? []).map((v) => (
                <li key={v.version}>
                  <strong>{t("version", { v: v.version })}</strong>
                  <p className="muted small" style={{ margin: "2px 0" }}>
                    {when(v.setAt)} · {v.setBy ?? "—"}
                  </p>
                  <p className="event-note">{v.note}</p>
                </li>
              ))}
            </ol>
          </details>
        </form>
      )}
    </QueryState>
  );
}
