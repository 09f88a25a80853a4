import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { evidenceFiles, propertyDocuments } from "@/db/schema";
import { mayReadCases } from "@/domain/property/model";
import { createContext } from "@/server/trpc";

/* The document download, apart from documents.ts so that the seed and the jobs (run outside Next) never import the
   tRPC context (it pulls the translated messages' React bindings). */

// ── GET /api/property/documents/<id> ─────────────────────────────────────────────────────────────────────────

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

/** A file name safe in a header: the name as uploaded in RFC 5987 form, and an ASCII fallback. */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120) || "document";
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A case's document, to whoever may read cases (domain mayReadCases): its type as stored, inline for an image and as
 * a download for a PDF, never sniffed, never framed. 401 signed out; 404 for a reader who may not read cases, a phone
 * in a customer's hands, an unknown or malformed id (one answer with a document that does not exist).
 */
export async function documentResponse(db: Db, req: Request, id: string): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  if (ctx.session.customerWorkOrderId || !mayReadCases(ctx.session.user)) return notFound();
  if (!z.uuid().safeParse(id).success) return notFound();
  const [row] = await db
    .select({ fileName: propertyDocuments.fileName, mime: evidenceFiles.mime, data: evidenceFiles.data, sha256: evidenceFiles.sha256 })
    .from(propertyDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.sha256, propertyDocuments.sha256))
    .where(eq(propertyDocuments.id, id));
  if (!row) return notFound();
  const bytes = new Uint8Array(row.data);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": row.mime,
      "Content-Disposition": contentDisposition(row.mime === "application/pdf" ? "attachment" : "inline", row.fileName),
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ETag: `"${row.sha256}"`,
    },
  });
}
