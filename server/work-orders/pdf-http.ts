import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";
import { renderWorkOrderRecord } from "./pdf";
import { loadWorkOrderRecord } from "./pdf-data";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

/**
 * GET /api/work-orders/<id>/pdf: the work order's printable record as a download named after its code, for the
 * office desk's readers and the lineman it is assigned to. 401 without a session; 404 when it does not exist or
 * the user may not read it (one answer for both, as workOrders.get); 429 with Retry-After past PDF_MAX_PER_MINUTE.
 */
export async function workOrderPdfResponse(db: Db, req: Request, workOrderId: string): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  // In customer mode the phone is in a customer's hands: no records leave it (as tRPC refuses all but signing).
  if (ctx.session.customerWorkOrderId || !z.uuid().safeParse(workOrderId).success) return new Response("Not found", { status: 404, headers: PLAIN });
  // PDFs per user per minute (PDF_MAX_PER_MINUTE): counted before any work, whatever its outcome.
  try {
    await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return tooManyRequests(req, Number(err.details?.retryAfterSeconds));
    throw err;
  }
  const record = await loadWorkOrderRecord({ db, user: ctx.session.user, workOrderId });
  if (!record) return new Response("Not found", { status: 404, headers: PLAIN });
  let pdf: Buffer;
  try {
    pdf = await renderWorkOrderRecord(record);
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
  const name = record.order.code.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
