"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPCClient } from "@/client/trpc";
import { OnlineError } from "@/app/_ui/instruments/online-error";
import { downloadFile } from "./download";

/** Printable asset-tag labels (Code 128 and QR): an A4 PDF sheet, or the barcode PNGs for a label printer. */
export function LabelTools({ instrumentIds, testId = "labels" }: { instrumentIds: string[]; testId?: string }) {
  const t = useTranslations("instrumentsUi.labels");
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = instrumentIds.slice(0, 200);
  const run = async (format: "pdf" | "png") => {
    setBusy(true);
    setError(null);
    try {
      const r = await client.instruments.labels.query({ instrumentIds: ids, format });
      for (const f of r.files) downloadFile(f);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (ids.length === 0) return null;
  return (
    <div className="stack" data-testid={testId}>
      <div className="decision">
        <button type="button" className="btn secondary" disabled={busy} onClick={() => void run("pdf")} data-testid={`${testId}-pdf`}>
          {t("pdf", { n: ids.length })}
        </button>
        <button type="button" className="btn secondary" disabled={busy} onClick={() => void run("png")} data-testid={`${testId}-png`}>
          {t("png")}
        </button>
      </div>
      <OnlineError error={error} testId={`${testId}-error`} />
    </div>
  );
}
