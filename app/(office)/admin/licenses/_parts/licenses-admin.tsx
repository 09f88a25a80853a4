"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { QueryState } from "@/app/_ui/query-state";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { LICENSE_CSV_MAX_ROWS, licenseCsvTemplate, type TFileError } from "@/domain/licenses/csv-format";
import { ImportForm } from "./import-form";
import { ImportResult } from "./import-result";
import { LicenseLookup } from "./license-lookup";
import { useReasonText } from "./use-reason-text";

/** A file refused whole comes back as bad_input with `details.file`; the size limit as a field error. */
function fileProblem(error: unknown): TFileError | "too_large" | null {
  if (!(error instanceof TRPCClientError)) return null;
  const file = (error.data as { details?: { file?: TFileError } } | undefined)?.details?.file;
  if (file) return file;
  return fieldErrors(error).csv === "licenses.file.too_large" ? "too_large" : null;
}

const templateHref = (lang: "zh" | "en") => `data:text/csv;charset=utf-8,${encodeURIComponent(licenseCsvTemplate(lang))}`;

export function LicensesAdmin() {
  const t = useTranslations("licenses");
  const format = useFormatter();
  const reasons = useReasonText();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.licenses.status.queryOptions());
  const [formKey, setFormKey] = useState(0);
  const importing = useMutation(
    trpc.licenses.import.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.licenses.status.queryKey() });
        if (r.importId !== null) setFormKey((k) => k + 1); // a fresh form: the same file is not imported twice by accident
      },
    }),
  );
  const problem = fileProblem(importing.error);
  // the outcome appears below the form: bring it into view (below the sticky top bar)
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (importing.data || importing.error) outcome.current?.scrollIntoView({ block: "start" });
  }, [importing.data, importing.error]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="stack">
      <section className="card" data-testid="license-status">
        <QueryState isPending={status.isPending} isError={status.isError} isEmpty={false} empty="" onRetry={() => void status.refetch()}>
          {status.data && (
            <>
              <p style={{ fontSize: "1.25rem", fontWeight: 800, margin: 0 }} data-testid="license-count">
                {t("status.count", { count: status.data.count })}
              </p>
              <p className="muted" data-testid="license-version">
                {status.data.version ? t("status.version", { date: when(status.data.version) }) : t("status.never")}
              </p>
              {status.data.recentImports.length > 0 && (
                <details>
                  <summary style={{ minHeight: 48, padding: "10px 0", fontWeight: 700, cursor: "pointer" }}>{t("status.recent")}</summary>
                  <ul className="list small">
                    {status.data.recentImports.map((i) => (
                      <li key={i.id}>
                        <strong>{when(i.importedAt)}</strong>
                        <div className="muted">{t("status.importLine", { ok: i.rowsOk, bad: i.rowsBad, name: i.importedBy ?? t("status.unknownUser") })}</div>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </QueryState>
      </section>

      <ImportForm key={formKey} pending={importing.isPending} onImport={(req) => importing.mutate(req)} />

      <div ref={outcome} style={{ scrollMarginTop: 96 }}>
        {problem ? (
          <div className="alert" data-tone="bad" role="alert" data-testid="license-file-error" data-code={problem === "too_large" ? "too_large" : problem.code}>
            {reasons.file(problem === "too_large" ? { code: "too_large" } : problem)}
          </div>
        ) : (
          <ErrorText error={importing.error} />
        )}
        {importing.data && !importing.isPending && <ImportResult result={importing.data} />}
      </div>

      <section className="card stack">
        <h2 style={{ marginTop: 0 }}>{t("template.heading")}</h2>
        <p className="small">{t("template.help", { maxRows: format.number(LICENSE_CSV_MAX_ROWS), maxSize: reasons.maxSize })}</p>
        <a className="btn secondary block" href={templateHref("zh")} download="license-registry-template-zh.csv" data-testid="template-zh">
          {t("template.zh")}
        </a>
        <a className="btn secondary block" href={templateHref("en")} download="license-registry-template-en.csv" data-testid="template-en">
          {t("template.en")}
        </a>
      </section>

      <LicenseLookup />
    </div>
  );
}
