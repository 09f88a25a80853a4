"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { TBadRow } from "@/domain/licenses/csv-format";
import { useReasonText } from "./use-reason-text";

export interface TImportResultView {
  importId: number | null;
  imported: number;
  updated: number;
  unchanged: number;
  badCount: number;
  bad: TBadRow[];
  ignoredColumns: string[];
  version: Date | null;
}

/** What an import did: counts, the new version, ignored columns, and every bad row with its line and reasons. */
export function ImportResult({ result }: { result: TImportResultView }) {
  const t = useTranslations("licenses.result");
  const format = useFormatter();
  const reasons = useReasonText();
  const written = result.importId !== null;
  return (
    <section className="card stack" data-testid="license-import-result" aria-live="polite">
      <h2 style={{ marginTop: 0 }}>{t("heading")}</h2>
      <div className="row">
        {/* only what happened: a zero count says nothing */}
        {result.imported > 0 && (
          <span className="badge" data-tone="ok" data-testid="result-imported">
            {t("imported", { n: result.imported })}
          </span>
        )}
        {result.updated > 0 && (
          <span className="badge" data-tone="info" data-testid="result-updated">
            {t("updated", { n: result.updated })}
          </span>
        )}
        {result.unchanged > 0 && (
          <span className="badge" data-tone="muted" data-testid="result-unchanged">
            {t("unchanged", { n: result.unchanged })}
          </span>
        )}
        {result.badCount > 0 && (
          <span className="badge" data-tone="bad" data-testid="result-bad">
            {t("bad", { n: result.badCount })}
          </span>
        )}
      </div>
      {!written ? (
        <div className="alert" data-tone="bad" role="alert">
          {t("nothingImported")}
        </div>
      ) : (
        <>
          {result.badCount === 0 && <p>{t("allGood")}</p>}
          {result.version && (
            <p data-testid="result-version">{t("version", { date: format.dateTime(result.version, { dateStyle: "medium", timeStyle: "short" }) })}</p>
          )}
        </>
      )}
      {result.ignoredColumns.length > 0 && (
        <div className="alert" data-tone="info" data-testid="result-ignored">
          {t("ignoredColumns", { names: format.list(result.ignoredColumns, { type: "conjunction" }) })}
        </div>
      )}
      {result.bad.length > 0 && (
        <>
          <h3 style={{ margin: "8px 0 0" }}>{t("badHeading")}</h3>
          {result.badCount > result.bad.length && <p className="muted small">{t("shownOf", { shown: result.bad.length, total: result.badCount })}</p>}
          <ul className="list" data-testid="bad-rows">
            {result.bad.map((row) => (
              <li key={row.line} data-testid={`bad-row-${row.line}`} style={{ borderLeft: "8px solid var(--bad)" }}>
                <div className="title-row">
                  <strong>{t("line", { line: row.line })}</strong>
                  <span className="mono small" style={{ overflowWrap: "anywhere" }}>
                    {row.licenseNo || t("noNumber")}
                  </span>
                </div>
                <ul style={{ margin: "6px 0 0", paddingLeft: "1.2em" }}>
                  {row.reasons.map((r, i) => (
                    <li key={i} data-code={r.code}>
                      {reasons.row(r)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
