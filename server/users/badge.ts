import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { badgeCode, mayShowBadge } from "@/domain/auth/badge";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { MissingCjkFontError } from "@/server/pdf/font";
import { createContext } from "@/server/trpc";
import { badgeQrSvg, renderBadgePdf } from "./badge-pdf";

/**
 * Person badges (工牌码, ADR 0040): `GET /api/users/<id|me>/badge.pdf` (the printed card) and `/badge.svg` (the QR code
 * the phone shows under Me). For the person themself or an admin (domain mayShowBadge), for an active user with a
 * username under the rule. Signed in, not a phone in a customer's hands; the PDF within the per-user PDF limit and 503
 * without the Chinese font; 404 for a badge the reader may not see, one answer with one that does not exist (another
 * person's, an unknown or disabled user, a malformed id).
 */

/** The holder named in the path: a user id, or `me`. */
export const ZBadgeHolder = z.union([z.literal("me"), z.uuid()]);

export interface TBadge {
  userId: string;
  username: string;
  displayName: string;
  role: TRole;
  department: TDepartment;
  code: string;
}

/** The badge of `holder` for `viewer`, or null when there is none they may see. */
export async function loadBadge(db: Db, viewer: Pick<SessionUser, "id" | "role">, holder: z.infer<typeof ZBadgeHolder>): Promise<TBadge | null> {
  const id = holder === "me" ? viewer.id : holder;
  const [row] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  if (!row || !mayShowBadge(viewer, row)) return null;
  return { userId: row.id, username: row.username, displayName: row.displayName, role: row.role, department: row.department, code: badgeCode(row.username)! };
}

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

function file(body: Uint8Array<ArrayBuffer>, type: string, name: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Disposition": `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(body.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ...extra,
    },
  });
}

/** GET /api/users/<id|me>/badge.<pdf|svg>. */
export async function badgeResponse(db: Db, req: Request, holder: string, format: "pdf" | "svg"): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  if (ctx.session.customerWorkOrderId) return notFound();
  const parsed = ZBadgeHolder.safeParse(holder);
  if (!parsed.success) return notFound();
  if (format === "pdf") {
    try {
      await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "rate_limited") return tooManyRequests(req, Number(err.details?.retryAfterSeconds));
      throw err;
    }
  }
  const badge = await loadBadge(db, ctx.session.user, parsed.data);
  if (!badge) return notFound();
  if (format === "svg") {
    // an image only: nothing in it may run or load anything, even when opened on its own
    const csp = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    return file(new TextEncoder().encode(badgeQrSvg(badge.code)), "image/svg+xml; charset=utf-8", `${badge.code}.svg`, { "Content-Security-Policy": csp });
  }
  try {
    return file(new Uint8Array(await renderBadgePdf(badge)), "application/pdf", `${badge.code}.pdf`);
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
}
