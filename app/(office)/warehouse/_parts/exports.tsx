"use client";
import { useTranslations } from "next-intl";

export type TRegister = "receipts" | "forms" | "stock" | "quarantine" | "counts" | "differences";

/** A register as a file: CSV (Excel) and PDF (print), with the screen's filters (`/api/warehouse/register/<name>.<csv|pdf>`). */
export function ExportLinks({ register, params = {} }: { register: TRegister; params?: Record<string, string | boolean | undefined> }) {
  const t = useTranslations("warehouseOffice.export");
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== false && v !== "") q.set(k, v === true ? "1" : v);
  const qs = q.toString() ? `?${q.toString()}` : "";
  return (
    <div className="decision" style={{ marginBottom: 12 }} data-testid="exports">
      <a className="btn secondary" href={`/api/warehouse/register/${register}.csv${qs}`} download data-testid="export-csv">
        {t("csv")}
      </a>
      <a className="btn secondary" href={`/api/warehouse/register/${register}.pdf${qs}`} target="_blank" rel="noreferrer" data-testid="export-pdf">
        {t("pdf")}
      </a>
    </div>
  );
}
