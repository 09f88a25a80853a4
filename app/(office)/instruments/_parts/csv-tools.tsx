"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/client/trpc";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import { downloadFile, readCsvFile } from "./download";
import { listInput, type TRegisterFilters } from "./register-screen";

/**
 * The register as CSV: export what the filters show (UTF-8 with BOM, opens in Excel), and for the custodian an
 * import of new instruments (same columns: an export edited in Excel imports back); bad rows are listed with their
 * line and column, good rows are kept.
 */
export function CsvTools({ filters, canImport, onImported }: { filters: TRegisterFilters; canImport: boolean; onImported: () => void }) {
  const t = useTranslations();
  const tu = useTranslations("instrumentsUi.csv");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const locale: "en" | "zh-CN" = useLocale() === "en" ? "en" : "zh-CN";
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const imp = useMutation(trpc.instruments.importCsv.mutationOptions({ onSuccess: () => onImported() }));
  const onExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      downloadFile(await client.instruments.exportCsv.query({ register: "instruments", filters: listInput(filters), locale }));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };
  const onImport = async () => {
    if (!file) return;
    imp.mutate({ csv: await readCsvFile(file) });
  };
  return (
    <section className="card stack" data-testid="csv-tools">
      <button type="button" className="btn secondary block" onClick={() => void onExport()} disabled={exporting} data-testid="export-csv">
        {tu("export")}
      </button>
      <OnlineError error={exportError} testId="export-error" />
      {canImport && (
        <details>
          <summary className="btn secondary block">{tu("import")}</summary>
          <div className="stack" style={{ marginTop: 10 }}>
            <p className="help">{tu("importHelp")}</p>
            <input
              type="file"
              accept=".csv,text/csv"
              className="input"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                imp.reset();
              }}
              data-testid="import-file"
            />
            <button type="button" className="btn block" disabled={!file || imp.isPending} onClick={() => void onImport()} data-testid="import-csv">
              {tu("importRun")}
            </button>
            <OnlineError error={imp.error} testId="import-error" />
            {imp.data && (
              <div data-testid="import-result">
                <p className="alert" data-tone={imp.data.errors.length === 0 ? "ok" : "info"}>
                  {tu("imported", { created: imp.data.created, bad: new Set(imp.data.errors.map((e) => e.line)).size })}
                </p>
                {imp.data.errors.length > 0 && (
                  <ul className="list" data-testid="import-errors">
                    {imp.data.errors.slice(0, 100).map((e, i) => (
                      <li key={i}>
                        <strong>{tu("line", { line: e.line })}</strong>
                        {e.column && <span className="mono small"> {e.column}</span>}
                        <div className="small">{t.has(e.code) ? t(e.code) : e.code}</div>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
        </details>
      )}
    </section>
  );
}
