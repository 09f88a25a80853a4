"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { sha256Hex } from "@/domain/evidence/canonical";
import { DOCUMENT_KINDS, DOCUMENT_MIMES, MAX_DOCUMENT_BYTES, type TDocumentKind, type TDocumentMime } from "@/domain/property/model";
import { formatSize, ShortHash, StepError, useWhen } from "../../_parts/kit";
import type { TCaseDetail } from "../../_parts/types";

interface TChosen {
  fileName: string;
  mime: TDocumentMime;
  bytes: number;
  sha256: string;
  base64: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The case's documents (PDF or images, kept as evidence by SHA-256) and, for the organisers, an upload. */
export function Documents({ c, mayUpload, onUploaded }: { c: TCaseDetail; mayUpload: boolean; onUploaded: () => void }) {
  const t = useTranslations("propertyOffice.documents");
  const tp = useTranslations("property");
  const locale = useLocale();
  const when = useWhen();
  const final = c.case.status === "connected" || c.case.status === "cancelled";
  return (
    <section aria-labelledby="documents-title" className="stack">
      <h2 id="documents-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      {c.case.kind === "works" && (
        <p className="help" style={{ margin: 0 }}>
          {t("worksNeed")}
        </p>
      )}
      {c.documents.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <ul className="list" data-testid="documents">
          {c.documents.map((d) => (
            <li key={d.id} data-testid={`document-${d.kind}`} data-sha256={d.sha256}>
              <div className="title-row" style={{ flexWrap: "wrap" }}>
                <strong>{tp(`documentKind.${d.kind}`)}</strong>
                <span className="muted small">{formatSize(d.bytes, locale)}</span>
              </div>
              <p style={{ margin: "4px 0", overflowWrap: "anywhere" }}>{d.fileName}</p>
              <p className="muted small" style={{ margin: "0 0 6px" }}>
                SHA-256 <ShortHash sha256={d.sha256} /> · {t("uploadedBy", { name: d.uploadedBy, time: when(d.uploadedAt) })}
              </p>
              <a className="btn secondary" href={`/api/property/documents/${d.id}`} target="_blank" rel="noreferrer" data-testid="document-download">
                {t("download")}
              </a>
            </li>
          ))}
        </ul>
      )}
      {mayUpload && !final && <Upload c={c} onUploaded={onUploaded} />}
    </section>
  );
}

function Upload({ c, onUploaded }: { c: TCaseDetail; onUploaded: () => void }) {
  const t = useTranslations("propertyOffice.documents");
  const tp = useTranslations("property");
  const tr = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  // a new file input once a document is on file (clears the chosen file)
  const [inputKey, setInputKey] = useState(0);
  const have = new Set(c.documents.map((d) => d.kind));
  const firstMissing: TDocumentKind =
    c.case.kind === "works" ? (!have.has("design") ? "design" : !have.has("test_report") ? "test_report" : "other") : "application";
  const [kind, setKind] = useState<TDocumentKind>(firstMissing);
  const [chosen, setChosen] = useState<TChosen | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const add = useMutation(
    trpc.works.addDocument.mutationOptions({
      onSuccess: () => {
        setUploaded(chosen?.fileName ?? "");
        setChosen(null);
        setInputKey((k) => k + 1);
        onUploaded();
      },
      onError: (e) => {
        setProblem(Object.values(fieldErrors(e))[0] ?? null);
      },
    }),
  );
  const choose = async (file: File | undefined) => {
    setProblem(null);
    setUploaded(null);
    setChosen(null);
    if (!file) return;
    if (!(DOCUMENT_MIMES as readonly string[]).includes(file.type)) {
      setProblem("property.validation.documentType");
      return;
    }
    if (file.size > MAX_DOCUMENT_BYTES) {
      setProblem("property.validation.documentTooLarge");
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    setChosen({ fileName: file.name.slice(0, 200), mime: file.type as TDocumentMime, bytes: bytes.length, sha256: sha256Hex(bytes), base64: toBase64(bytes) });
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!chosen) {
      setProblem("propertyOffice.documents.chooseFile");
      return;
    }
    add.mutate({ caseId: c.case.id, kind, fileName: chosen.fileName, mime: chosen.mime, base64: chosen.base64 });
  };
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="document-upload">
      <h3 style={{ margin: 0 }}>{t("upload")}</h3>
      <label className="field">
        <span>{t("kind")}</span>
        <select className="input" value={kind} onChange={(e) => setKind(e.target.value as TDocumentKind)} data-testid="document-kind">
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {tp(`documentKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("file")}</span>
        <input
          key={inputKey}
          className="input"
          type="file"
          accept={DOCUMENT_MIMES.join(",")}
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="document-file"
        />
        <span className="help">{t("fileHelp")}</span>
      </label>
      {chosen && (
        <p className="small" style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="document-chosen" data-sha256={chosen.sha256}>
          {chosen.fileName} · {formatSize(chosen.bytes, locale)} · SHA-256 <ShortHash sha256={chosen.sha256} />
        </p>
      )}
      {problem && (
        <p className="field-error" data-testid="err-document">
          {tr(problem)}
        </p>
      )}
      <StepError error={add.error && Object.keys(fieldErrors(add.error)).length === 0 ? add.error : null} />
      {uploaded !== null && (
        <div className="alert" data-tone="ok" role="status" data-testid="document-uploaded">
          {t("uploaded", { name: uploaded })}
        </div>
      )}
      <button type="submit" className="btn block" disabled={add.isPending} data-testid="document-submit">
        {add.isPending ? t("uploading") : t("submit")}
      </button>
    </form>
  );
}
