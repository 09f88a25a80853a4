"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import { parsePeriodKey } from "@/domain/analysis/periods";
import { REPORT_KINDS, ZGenerateReportArgs, type TReportKind } from "@/domain/analysis/schemas";

/** The period a kind covers by default: last week (weekly), last month (the rest), in operator days. */
export interface TDefaults {
  week: string;
  month: string;
}
const defaultFor = (kind: TReportKind, d: TDefaults) => (kind === "weekly" ? d.week : d.month);

/**
 * Quality makes a report now (周报, 月报, the four meetings' packs 经营分析会 …): a new revision of that kind and
 * period; the list below shows it once made. The period is typed as its key (2026-W49, 2026-11) and checked here as
 * the server checks it: a week for the weekly report, a month for the rest.
 */
export function GenerateForm({ defaults }: { defaults: TDefaults }) {
  const t = useTranslations("analysisReports.reports");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<TReportKind>("weekly");
  const [period, setPeriod] = useState(defaults.week);
  const [error, setError] = useState<string | null>(null);
  const generate = useMutation(trpc.reports.generate.mutationOptions());
  const made = generate.data;

  const submit = () => {
    const parsed = ZGenerateReportArgs.safeParse({ kind, periodKey: period.trim().toUpperCase() });
    const p = parsed.success ? parsePeriodKey(parsed.data.periodKey) : null;
    if (!parsed.success || !p || (kind === "weekly" ? p.kind !== "week" : p.kind !== "month")) {
      setError("analysis.validation.period");
      return;
    }
    setError(null);
    generate.mutate(parsed.data, { onSuccess: () => router.refresh() });
  };

  return (
    <form
      className="card stack"
      aria-labelledby="generate-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!generate.isPending) submit();
      }}
      data-testid="report-form"
    >
      <h2 id="generate-title" style={{ margin: 0 }}>
        {t("generateTitle")}
      </h2>
      <label className="field">
        <span>{t("kind")}</span>
        <select
          className="input"
          value={kind}
          onChange={(e) => {
            const next = e.target.value as TReportKind;
            if (period === defaultFor(kind, defaults)) setPeriod(defaultFor(next, defaults));
            setKind(next);
          }}
          data-testid="report-kind"
        >
          {REPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr(`analysis.reportKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("period")}</span>
        <input
          className="input mono"
          value={period}
          inputMode="text"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setPeriod(e.target.value)}
          data-testid="report-period"
        />
        <span className="help">{t("periodHelp")}</span>
        {error && (
          <p className="field-error" data-testid="err-period">
            {tr(error)}
          </p>
        )}
      </label>
      {generate.isError && <ErrorText error={generate.error} />}
      {made && !generate.isPending && (
        <div className="alert" data-tone="ok" role="status" data-testid="notice">
          {t("generated", { kind: tr(`analysis.reportKind.${made.kind}`), period: made.periodKey, revision: made.revision })}{" "}
          <Link href={`/analysis/reports/${made.id}`} className="tap-link" data-testid="notice-open">
            {t("open")}
          </Link>
        </div>
      )}
      <button type="submit" className="btn block" disabled={generate.isPending} style={{ minHeight: 56, fontSize: "1.1rem" }} data-testid="report-generate">
        {generate.isPending ? t("generating") : t("generate")}
      </button>
    </form>
  );
}
