"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/app/_ui/confirm";
import { useDateTime } from "@/app/_ui/use-when";
import { errorCode, useTRPC } from "@/client/trpc";
import { Refusal } from "../../_parts/refusal";
import { CallList } from "./call-list";
import { StrataTable } from "./strata-table";

/**
 * One survey: its head (code, title, year, seed and frame), the response rate, the sample by customer category, the
 * inquiry letters, closing it (quality), and the call list with the answer form.
 */
export function SurveyScreen({ id, canWork, canClose }: { id: string; canWork: boolean; canClose: boolean }) {
  const t = useTranslations("analysisSurvey.survey");
  const ts = useTranslations("analysisSurvey.surveys");
  const when = useDateTime();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.survey.get.queryOptions({ id }));
  const close = useMutation(
    trpc.survey.close.mutationOptions({
      onSettled: () => void qc.invalidateQueries({ queryKey: trpc.survey.pathKey() }),
    }),
  );
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (q.isError) return errorCode(q.error) === "not_found" ? <p className="empty">{t("notFound")}</p> : <Refusal error={q.error} />;
  const s = q.data;
  const open = s.status === "open";
  return (
    <div className="stack" data-testid="survey-detail" data-code={s.code} data-status={s.status}>
      <header>
        <h1 className="title-row" style={{ flexWrap: "wrap", marginBottom: 4 }}>
          <span className="mono">{s.code}</span>
          <span className="badge" data-tone={open ? "warn" : "ok"}>
            {ts(`status.${s.status}`)}
          </span>
        </h1>
        <p style={{ margin: 0, fontWeight: 700 }}>{s.title}</p>
        <p className="muted small" style={{ margin: 0 }}>
          {t("head", { year: s.year, seed: s.seed, frame: s.frameSize })}
        </p>
        {s.closedAt && (
          <p className="small" style={{ margin: "4px 0 0" }}>
            {t("closed", { when: when(s.closedAt) })}
          </p>
        )}
      </header>
      <section className="card" data-testid="response-rate" data-pct={s.responseRatePct ?? ""} aria-labelledby="rate-title">
        <h2 id="rate-title" style={{ margin: 0, fontSize: "1rem" }}>
          {t("responseRate")}
        </h2>
        <p style={{ margin: 0, fontSize: "2.4rem", fontWeight: 900, lineHeight: 1.1 }}>
          {s.responseRatePct === null ? "—" : `${s.responseRatePct.toFixed(1)} %`}
        </p>
        <p className="small" style={{ margin: 0 }}>
          {t("responded", { responded: s.responded, size: s.sampleSize })}
        </p>
      </section>
      <StrataTable strata={s.strata} />
      <div className="card stack">
        <a className="btn secondary block" href={`/api/analysis/surveys/${s.id}/letters`} target="_blank" rel="noopener" data-testid="letters-pdf">
          {t("letters")}
        </a>
        <p className="muted small" style={{ margin: 0 }}>
          {t("lettersHelp")}
        </p>
      </div>
      {canClose && open && (
        <div className="stack">
          <Refusal error={close.error} conflict={t("closeConflict")} />
          <ConfirmButton
            label={t("close")}
            title={t("close")}
            body={t("closeConfirm")}
            confirmLabel={t("closeYes")}
            cancelLabel={t("cancel")}
            destructive
            pending={close.isPending}
            onConfirm={() => close.mutate({ id: s.id, version: s.version })}
            testId="survey-close"
          />
        </div>
      )}
      <CallList surveyId={s.id} contacts={s.contacts} canWork={canWork && open} />
    </div>
  );
}
