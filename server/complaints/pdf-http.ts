import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { departments } from "@/db/schema";
import { ZMonth } from "@/domain/complaints/schemas";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";
import { readsEveryRecord } from "./access";
import { renderComplaintForm, renderMonthSummary, renderReplyLetter } from "./pdf";
import { loadComplaintPrint } from "./pdf-data";
import { summaryCsv, summaryFor } from "./summary";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

function download(body: Buffer | string, type: string, name: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A session that may download (not a phone in a customer's hands), within PDF_MAX_PER_MINUTE; or the answer to give. */
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

/**
 * GET /api/complaints/<id>/letter.pdf (the written reply) and /form.pdf (the form, or a key customer's service
 * record): for whoever may read the form as complaints.get decides (the desk's readers, the department, the
 * recorder); 404 otherwise and when it does not exist (one answer for both), and for a letter not written yet.
 */
export async function complaintPdfResponse(db: Db, req: Request, id: string, which: "letter" | "form"): Promise<Response> {
  const who = await signedIn(db, req, true);
  if ("error" in who) return who.error;
  if (!z.uuid().safeParse(id).success) return notFound();
  const print = await loadComplaintPrint(db, who.user, id, clockNow());
  if (!print) return notFound();
  if (which === "letter" && print.c.letterResult === null) return new Response("No written reply yet", { status: 404, headers: PLAIN });
  const pdf = await pdfOr503(() => (which === "letter" ? renderReplyLetter(print) : renderComplaintForm(print)));
  if (pdf instanceof Response) return pdf;
  return download(
    pdf,
    "application/pdf",
    `${print.c.code}-${which === "letter" ? "reply" : print.c.kind === "service_request" ? "service-record" : "form"}.pdf`,
  );
}

/**
 * GET /api/complaints/summary/<YYYY-MM>?format=csv|pdf: the month's summary (the latest produced, else as of now)
 * for those who read every form (customer service, quality, the general manager, admins); 404 for anyone else.
 */
export async function summaryResponse(db: Db, req: Request, month: string): Promise<Response> {
  const format = new URL(req.url).searchParams.get("format") ?? "pdf";
  if (format !== "csv" && format !== "pdf") return new Response("format is csv or pdf", { status: 400, headers: PLAIN });
  const who = await signedIn(db, req, format === "pdf");
  if ("error" in who) return who.error;
  if (!readsEveryRecord(who.user) || !ZMonth.safeParse(month).success) return notFound();
  const at = clockNow();
  const { data } = await summaryFor(db, month, at);
  if (format === "csv") return download(summaryCsv(data), "text/csv; charset=utf-8", `complaints-${month}.csv`);
  const names = await db.select({ code: departments.code, zh: departments.nameZh, en: departments.nameEn }).from(departments);
  const pdf = await pdfOr503(() =>
    renderMonthSummary(data, { generatedAt: at, departmentNames: Object.fromEntries(names.map((d) => [d.code, [d.zh, d.en] as [string, string]])) }),
  );
  if (pdf instanceof Response) return pdf;
  return download(pdf, "application/pdf", `complaints-${month}.pdf`);
}
