import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { CAUSE_CATEGORIES } from "@/domain/quality/model";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { MissingCjkFontError } from "@/server/pdf/font";
import { RecordLayout, type Column } from "@/server/pdf/layout";
import { createContext } from "@/server/trpc";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { getFishbone, type TFishbone } from "./fishbone";
import { boneName, drawFishbone } from "./fishbone-svg";

/**
 * The fishbone worksheet as printed (鱼刺图): the diagram (the same SVG the screen shows), the causes of each bone as a
 * list, and the linked nonconformity and corrective action; bilingual like the quality records (Chinese first).
 */
const P = "analysisFishbonePdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);

export async function renderFishbonePdf(f: TFishbone, generatedAt: Date, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const title = `${L.zh(`${P}.title`)} ${L.en(`${P}.title`)}`;
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${f.code} ${title}`, Author: "Tracemark 迹码", Subject: f.code, CreationDate: generatedAt },
  });
  const y0 = p.y;
  p.write(title, p.left, y0, p.width / 2, { font: "bold", size: 16 });
  p.write(f.code, p.left + p.width / 2, y0, p.width / 2, { font: "bold", size: 14, align: "right" });
  p.y = y0 + 28;
  p.fields([[both("field.problem"), f.problem]], 1);

  p.section(both("section.diagram"), 260);
  p.gap(drawFishbone(p.doc, f, { x: p.left, y: p.y, width: p.width }, "body") + 8);

  p.section(both("section.links"));
  p.fields(
    [
      [both("field.nonconformity"), f.ncCode ?? both("none")],
      [both("field.action"), f.actionCode ?? both("none")],
      [both("field.createdBy"), `${f.createdByName} ${time(f.createdAt)}`],
      [both("field.updatedBy"), `${f.updatedByName ?? f.createdByName} ${time(f.updatedAt)}`],
      [both("field.version"), String(f.version)],
    ],
    2,
  );

  p.section(both("section.causes"));
  const cols: Column[] = [
    { label: both("col.category"), width: 110 },
    { label: both("col.causes"), width: p.width - 110 },
  ];
  p.table(
    cols,
    CAUSE_CATEGORIES.map((c) => [boneName(c, "both"), f.causes[c].length ? f.causes[c].map((x, i) => `${i + 1}. ${x}`).join("\n") : "—"]),
  );

  p.footers(both("footer.generated", { time: time(generatedAt) }), (n, total) => `${f.code} · ${both("footer.page", { n, total })}`);
  return p.finish();
}

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

/** A session of an analysis reader that may download (not a phone in a customer's hands), or the answer to give. */
export async function analysisDownloader(db: Db, req: Request, limited: boolean): Promise<{ error: Response } | { user: SessionUser }> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return { error: new Response("Unauthorized", { status: 401, headers: PLAIN }) };
  if (ctx.session.customerWorkOrderId || !ANALYSIS_READER_ROLES.includes(ctx.session.user.role)) return { error: notFound() };
  if (limited) {
    try {
      await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
    } catch (err) {
      if (err instanceof AppError && err.code === "rate_limited") return { error: tooManyRequests(req, Number(err.details?.retryAfterSeconds)) };
      throw err;
    }
  }
  return { user: ctx.session.user };
}

/** A download's answer: attachment, private, not sniffed. */
export function download(body: Buffer | string, type: string, name: string): Response {
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

/**
 * GET /api/analysis/fishbones/<id>/pdf: for the analysis readers (quality, the general manager, department heads),
 * signed in, within the per-user PDF limit; 404 for anyone else and for an unknown or malformed id; 503 without the
 * Chinese font.
 */
export async function fishbonePdfResponse(db: Db, req: Request, id: string): Promise<Response> {
  const who = await analysisDownloader(db, req, true);
  if ("error" in who) return who.error;
  if (!z.uuid().safeParse(id).success) return notFound();
  let f: TFishbone;
  try {
    f = await getFishbone(db, who.user, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return notFound();
    throw err;
  }
  try {
    return download(await renderFishbonePdf(f, clockNow()), "application/pdf", `${f.code}.pdf`);
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
}
