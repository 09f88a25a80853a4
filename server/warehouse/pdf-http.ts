import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { STOCK_TAG_PATTERN } from "@/domain/items/tags";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { labels as L } from "@/server/pdf/bilingual";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";
import { REGISTERS, registerCsv, registerFilters, registerPdf, registerTable, type TRegister } from "./csv-registers";
import { loadFormPrint, renderAcceptanceForm } from "./pdf-form";
import { loadTagLabels, renderTagPng, renderTagsPdf } from "./pdf-tags";
import { readsRegisters } from "./registers";

/**
 * The warehouse's downloads (app/api/warehouse/**): the Quality Acceptance Form, tag labels (a PDF sheet, or one
 * label as PNG) and the registers as CSV or PDF. Signed in, not a phone in a customer's hands; PDFs within the
 * per-user PDF limit; 503 when the server has no Chinese font; 404 for what the reader may not see (one answer
 * with what does not exist).
 */
const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });
/** Most tags on one sheet request (a serialised line's most units). */
export const MAX_TAGS_PER_SHEET = 500;

function download(body: Buffer | string, type: string, name: string, inline = false): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

async function signedIn(db: Db, req: Request, pdf: boolean): Promise<{ error: Response } | { user: SessionUser }> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return { error: new Response("Unauthorized", { status: 401, headers: PLAIN }) };
  if (ctx.session.customerWorkOrderId) return { error: notFound() };
  if (pdf) {
    try {
      await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "rate_limited") return { error: tooManyRequests(req, Number(err.details?.retryAfterSeconds)) };
      throw err;
    }
  }
  return { user: ctx.session.user };
}

async function pdfOr503(render: () => Promise<Buffer>): Promise<Buffer | Response> {
  try {
    return await render();
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
}

/** GET /api/warehouse/forms/<formId>/pdf: the registers' readers, or the requesting department's people. */
export async function formPdfResponse(db: Db, req: Request, formId: string): Promise<Response> {
  const who = await signedIn(db, req, true);
  if ("error" in who) return who.error;
  if (!z.uuid().safeParse(formId).success) return notFound();
  const print = await loadFormPrint(db, who.user, formId, clockNow());
  if (!print) return notFound();
  const pdf = await pdfOr503(() => renderAcceptanceForm(print));
  if (pdf instanceof Response) return pdf;
  return download(pdf, "application/pdf", `${print.form.code}.pdf`);
}

/** GET /api/warehouse/tags.pdf?tags=ST-001001,ST-001002: the keeper and the registers' readers print labels. */
export async function tagsPdfResponse(db: Db, req: Request): Promise<Response> {
  const who = await signedIn(db, req, true);
  if ("error" in who) return who.error;
  if (!readsRegisters(who.user)) return notFound();
  const tags = (new URL(req.url).searchParams.get("tags") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length === 0 || tags.length > MAX_TAGS_PER_SHEET || tags.some((t) => !STOCK_TAG_PATTERN.test(t)))
    return new Response(`tags: 1 to ${MAX_TAGS_PER_SHEET} stock tags (ST-000000), comma-separated`, { status: 400, headers: PLAIN });
  const labels = await loadTagLabels(db, tags);
  if (!labels) return notFound();
  const pdf = await pdfOr503(() => renderTagsPdf(labels, { blank: L.both("warehousePdf.blank"), lot: (quantity) => L.both("warehousePdf.lot", { quantity }) }));
  if (pdf instanceof Response) return pdf;
  return download(pdf, "application/pdf", labels.length === 1 ? `${labels[0]!.tag}.pdf` : `stock-tags-${labels.length}.pdf`);
}

/** GET /api/warehouse/tags/<tag>.png: one label for a label printer (the codes and the tag). */
export async function tagPngResponse(db: Db, req: Request, file: string): Promise<Response> {
  const who = await signedIn(db, req, false);
  if ("error" in who) return who.error;
  if (!readsRegisters(who.user)) return notFound();
  const tag = file.endsWith(".png") ? file.slice(0, -4) : "";
  if (!STOCK_TAG_PATTERN.test(tag)) return notFound();
  const labels = await loadTagLabels(db, [tag]);
  if (!labels) return notFound();
  return download(await renderTagPng(tag), "image/png", `${tag}.png`, true);
}

/** GET /api/warehouse/register/<receipts|forms|stock|quarantine|counts>.<csv|pdf>; one stock-take's differences.<csv|pdf>?count=<id>. */
export async function registerResponse(db: Db, req: Request, file: string): Promise<Response> {
  const m = /^([a-z]+)\.(csv|pdf)$/.exec(file);
  if (!m || !(REGISTERS as readonly string[]).includes(m[1]!)) return notFound();
  const format = m[2] as "csv" | "pdf";
  const who = await signedIn(db, req, format === "pdf");
  if ("error" in who) return who.error;
  const now = clockNow();
  const filters = registerFilters(new URL(req.url).searchParams);
  if (!filters) return notFound();
  const table = await registerTable(db, who.user, m[1] as TRegister, now, filters);
  if (!table) return notFound();
  if (format === "csv") return download(registerCsv(table), "text/csv; charset=utf-8", `${table.filename}.csv`);
  const pdf = await pdfOr503(() => registerPdf(table, now));
  if (pdf instanceof Response) return pdf;
  return download(pdf, "application/pdf", `${table.filename}.pdf`);
}
