"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { isApprover } from "@/domain/instruments/roles";
import { MAX_LONG_LOAN_MONTHS, mayApproveScrapping } from "@/domain/instruments/settings";
import { OnlineError } from "@/app/_ui/instruments/online-error";

type TSettings = { longLoanMonths: number | null; scrapApproverId: string | null; version: number };

/** The settings as they are, and (for the custodian and Technology Development's head) the form to change them. */
export function SettingsScreen() {
  const t = useTranslations("instrumentsUi.settings");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.settings.queryOptions());
  const [saved, setSaved] = useState(false);
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={false} empty="" onRetry={() => void q.refetch()}>
      {q.data && (
        <>
          <section className="card" data-testid="settings-now">
            <dl className="facts">
              <dt>{t("longTerm")}</dt>
              <dd data-testid="settings-term">{q.data.longLoanMonths === null ? t("noTerm") : t("months", { months: q.data.longLoanMonths })}</dd>
              <dt>{t("approver")}</dt>
              <dd data-testid="settings-approver" data-role={q.data.scrapApprover?.role ?? ""}>
                {q.data.scrapApprover ? leaderLabel(tAll, q.data.scrapApprover) : t("noApprover")}
                {q.data.scrapApprover && !mayApproveScrapping(q.data.scrapApprover) && (
                  <p className="help" data-testid="settings-approver-cannot">
                    {t("approverCannot")}
                  </p>
                )}
              </dd>
            </dl>
          </section>
          {saved && (
            <p className="alert" data-tone="ok" role="status" data-testid="settings-saved">
              {t("saved")}
            </p>
          )}
          {q.data.canEdit && (
            <SettingsForm key={q.data.version} now={q.data} leaders={q.data.leaders} onSaving={() => setSaved(false)} onSaved={() => setSaved(true)} />
          )}
          <Link className="btn secondary block" href="/instruments/register">
            {t("back")}
          </Link>
        </>
      )}
    </QueryState>
  );
}

type TLeader = { id: string; displayName: string; department: TDepartment; role: TRole };

/**
 * A leader who may approve scrapping, with their role (部门负责人 or 总经理); a department head with their department
 * too (the general manager's own department says nothing about the decision).
 */
function leaderLabel(tAll: ReturnType<typeof useTranslations>, l: Pick<TLeader, "displayName" | "department" | "role">): string {
  const parts = [l.displayName, tAll(`roles.${l.role}`)];
  if (isApprover(l.role)) parts.push(tAll(`departments.${l.department}`));
  return parts.join(" · ");
}

function SettingsForm({ now, leaders, onSaving, onSaved }: { now: TSettings; leaders: TLeader[]; onSaving: () => void; onSaved: () => void }) {
  const t = useTranslations("instrumentsUi.settings");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { flush } = useSync();
  const [hasTerm, setHasTerm] = useState(now.longLoanMonths !== null);
  const [months, setMonths] = useState(String(now.longLoanMonths ?? 12));
  const [approver, setApprover] = useState(now.scrapApproverId ?? "");
  const m = useMutation(
    trpc.instruments.saveSettings.mutationOptions({
      onSuccess: async () => {
        onSaved();
        await qc.invalidateQueries({ queryKey: trpc.instruments.settings.queryKey() });
        // the phones' borrow form says the term: this phone's copy follows at once
        flush();
      },
    }),
  );
  const n = Number(months);
  const badMonths = hasTerm && !(Number.isInteger(n) && n >= 1 && n <= MAX_LONG_LOAN_MONTHS);
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (badMonths) return;
    onSaving();
    m.mutate({ longLoanMonths: hasTerm ? n : null, scrapApproverId: approver || null, version: now.version });
  };
  return (
    <form className="card change-form" onSubmit={onSubmit} noValidate data-testid="settings-form">
      <h2>{t("edit")}</h2>
      <OnlineError error={m.error} testId="settings-error" />
      <fieldset className="choices">
        <legend>{t("longTerm")}</legend>
        <p className="help">{t("longTermHelp")}</p>
        <label className="choice" data-testid="settings-no-term">
          <input type="radio" name="term" checked={!hasTerm} onChange={() => setHasTerm(false)} />
          <span className="grow">{t("noTerm")}</span>
        </label>
        <label className="choice" data-testid="settings-has-term">
          <input type="radio" name="term" checked={hasTerm} onChange={() => setHasTerm(true)} />
          <span className="grow">{t("termOf")}</span>
        </label>
      </fieldset>
      {hasTerm && (
        <label className="field">
          <span>{t("monthsLabel")}</span>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LONG_LOAN_MONTHS}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
            aria-invalid={badMonths}
            data-testid="settings-months"
          />
          {badMonths && (
            <p className="field-error" role="alert">
              {t("monthsInvalid", { max: MAX_LONG_LOAN_MONTHS })}
            </p>
          )}
        </label>
      )}
      <label className="field">
        <span>{t("approver")}</span>
        <select className="input" value={approver} onChange={(e) => setApprover(e.target.value)} data-testid="settings-approver-select">
          <option value="">{t("noApprover")}</option>
          {leaders.map((l) => (
            <option key={l.id} value={l.id} data-role={l.role}>
              {leaderLabel(tAll, l)}
            </option>
          ))}
        </select>
        <span className="help">{t("approverHelp")}</span>
      </label>
      <button type="submit" className="btn block big-action" disabled={m.isPending} data-testid="settings-save">
        {t("save")}
      </button>
    </form>
  );
}
