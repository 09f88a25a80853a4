import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";
import { departmentNames } from "@/server/warehouse/registers";
import { renderReportPdf } from "./report-pdf";
import { getReport, type TStoredReport } from "./report-store";
import { renderReportCsv, renderReportXlsx } from "./report-xlsx";

/**
 * GET /api/analysis/reports/<id>/pdf|xlsx|csv: a stored report printed from its data, for the analysis's readers
 * (quality, the general manager, department heads); signed in, within the per-user limit of expensive downloads;
 * 404 for anyone else and for a report that does not exist; 503 for the PDF without the Chinese font. The file is
 * called <kind>-<period>[-r<revision>].<ext> (monthly-2026-11.pdf).
 */
export type TReportFormat = "pdf" | "xlsx" | "csv";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

const TYPES: Record<TReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** monthly-2026-11.pdf, meeting-business-2026-11-r2.xlsx (a later revision names itself). */
export function reportFileName(r: Pick<TStoredReport, "kind" | "periodKey" | "revision">, format: TReportFormat): string {
  const base = `${r.kind.replaceAll("_", "-")}-${r.periodKey}${r.revision > 1 ? `-r${r.revision}` : ""}`;
  return `${base.replace(/[^A-Za-z0-9._-]/g, "_")}.${format}`;
}

export async function reportFileResponse(db: Db, req: Request, id: string, format: TReportFormat): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  if (ctx.session.customerWorkOrderId || !ANALYSIS_READER_ROLES.includes(ctx.session.user.role)) return notFound();
  try {
    await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return tooManyRequests(req, Number(err.details?.retryAfterSeconds));
    throw err;
  }
  if (!z.uuid().safeParse(id).success) return notFound();
  let report: TStoredReport;
  try {
    report = await getReport(db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return notFound();
    throw err;
  }
  let body: Uint8Array<ArrayBuffer>;
  if (format === "csv") body = new TextEncoder().encode(renderReportCsv(report.data));
  else if (format === "xlsx") body = new Uint8Array(await renderReportXlsx(report.data, report.revision));
  else {
    try {
      body = new Uint8Array(await renderReportPdf({ data: report.data, revision: report.revision, departmentNames: await departmentNames(db) }));
    } catch (err) {
      if (!(err instanceof MissingCjkFontError)) throw err;
      logEvent("error", "pdf.font_missing", { message: err.message });
      return new Response(err.message, { status: 503, headers: PLAIN });
    }
  }
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${reportFileName(report, format)}"`,
      "Content-Length": String(body.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
