"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type SubmitEvent } from "react";
import { formatSize, readCsvFile } from "./read-file";
import { useReasonText } from "./use-reason-text";

export interface TImportRequest {
  csv: string;
  fileName: string | null;
}

/** Choose a CSV file (or paste rows), then import. Size and workbook checks happen here, before any upload. */
export function ImportForm({ pending, onImport }: { pending: boolean; onImport: (req: TImportRequest) => void }) {
  const t = useTranslations("licenses.form");
  const locale = useLocale();
  const { maxSize } = useReasonText();
  const [mode, setMode] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const choose = async (f: File | undefined) => {
    setProblem(null);
    setFile(null);
    if (!f) return;
    const read = await readCsvFile(f);
    if (!read.ok) {
      const size = formatSize(f.size, locale);
      setProblem(
        read.problem === "too_large"
          ? t("fileTooLarge", { name: f.name, size, max: maxSize })
          : read.problem === "workbook"
            ? t("notCsv", { name: f.name })
            : t("readFailed"),
      );
      if (inputRef.current) inputRef.current.value = "";
      return;
    }
    setFile({ name: f.name, size: f.size, text: read.text });
  };

  const request: TImportRequest | null =
    mode === "file" ? (file ? { csv: file.text, fileName: file.name } : null) : pasted.trim() ? { csv: pasted, fileName: null } : null;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (request) onImport(request);
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="license-import-form">
      <h2 style={{ marginTop: 0 }}>{t("heading")}</h2>
      {mode === "file" ? (
        <>
          {/* one primary action at a time: choose a file, then import it */}
          <label className={`btn ${file ? "secondary" : ""} block`} data-testid="license-file-label">
            <input
              ref={inputRef}
              className="sr-only"
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              data-testid="license-file"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            {file ? t("changeFile") : t("chooseFile")}
          </label>
          {file && (
            <p className="mono" data-testid="license-file-chosen" style={{ wordBreak: "break-all" }}>
              {t("fileChosen", { name: file.name, size: formatSize(file.size, locale) })}
            </p>
          )}
        </>
      ) : (
        <label className="field">
          <span>{t("pasteLabel")}</span>
          <textarea
            className="input mono"
            rows={8}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            spellCheck={false}
            autoCapitalize="none"
            data-testid="license-paste"
          />
        </label>
      )}
      {problem && (
        <div className="alert" data-tone="bad" role="alert" data-testid="license-form-problem">
          {problem}
        </div>
      )}
      <button type="submit" className={`btn block ${request ? "" : "secondary"}`} disabled={pending || !request} data-testid="license-import">
        {pending ? t("importing") : t("import")}
      </button>
      <button
        type="button"
        className="btn secondary block"
        onClick={() => {
          setProblem(null);
          setMode(mode === "file" ? "paste" : "file");
        }}
        data-testid="license-mode"
      >
        {mode === "file" ? t("orPaste") : t("useFile")}
      </button>
    </form>
  );
}
