import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

/** A printable record of customer property: who may read it decides `load` (null: not found, or not theirs to read). */
export interface TPropertyPdf<T> {
  load: (db: Db, user: SessionUser, id: string, now: Date) => Promise<T | null>;
  render: (print: T) => Promise<Buffer>;
  /** The record's number, which names the file (PBX-2026-0001.pdf). */
  code: (print: T) => string;
}

/**
 * GET /api/property/…/<id>/pdf, the same guard as the quality and warehouse downloads: signed in (401), not a phone
 * in a customer's hands, within the per-user PDF limit (429), a well-formed id; 404 for a record the reader may not
 * see (one answer with one that does not exist); 503 without the Chinese font.
 */
export async function propertyPdfResponse<T>(db: Db, req: Request, id: string, pdf: TPropertyPdf<T>): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  if (ctx.session.customerWorkOrderId) return notFound();
  try {
    await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return tooManyRequests(req, Number(err.details?.retryAfterSeconds));
    throw err;
  }
  if (!z.uuid().safeParse(id).success) return notFound();
  const print = await pdf.load(db, ctx.session.user, id, clockNow());
  if (print === null) return notFound();
  let pdfBytes: Buffer;
  try {
    pdfBytes = await pdf.render(print);
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
  const bytes = new Uint8Array(pdfBytes);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.code(print).replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
