import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { surveyContacts, surveys } from "@/db/schema";
import { elementsOfItem, SATISFACTION_ITEMS } from "@/domain/analysis/satisfaction";
import { SURVEY_ROLES } from "@/domain/analysis/targets";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { MissingCjkFontError } from "@/server/pdf/font";
import { BAND, INK, LINE, MUTED, RecordLayout } from "@/server/pdf/layout";
import { createContext } from "@/server/trpc";
import { LETTER_STATUSES } from "./survey-read";

/**
 * The Service Quality Customer Inquiry Letter (《服务质量客户征询函》, P5's year-end survey by post): one page per
 * customer, bilingual like the other printed records (Chinese first, English beside or below it): the customer's name,
 * telephone and address, the eleven elements under their five items each with boxes 1–5 and "don't know", room for
 * comments, the signature and date, and how to reply. Printed for the contacts still waiting for an answer (pending,
 * unreachable by phone, letter already sent) — or for every sampled customer with `?contacts=all`.
 */
const P = "analysisLetterPdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);

export type TLetterSelection = "open" | "all";

export interface TLettersPrint {
  survey: { id: string; code: string; year: number; title: string };
  contacts: { seq: number; name: string; phone: string; address: string }[];
  generatedAt: Date;
}

/** The survey and the contacts to print, in sequence; null when there is no such survey. */
export async function loadLetters(db: Db, id: string, which: TLetterSelection, now: Date): Promise<TLettersPrint | null> {
  const [survey] = await db.select({ id: surveys.id, code: surveys.code, year: surveys.year, title: surveys.title }).from(surveys).where(eq(surveys.id, id));
  if (!survey) return null;
  const contacts = await db
    .select({ seq: surveyContacts.seq, name: surveyContacts.name, phone: surveyContacts.phone, address: surveyContacts.address })
    .from(surveyContacts)
    .where(and(eq(surveyContacts.surveyId, id), which === "all" ? undefined : inArray(surveyContacts.status, [...LETTER_STATUSES])))
    .orderBy(asc(surveyContacts.seq));
  return { survey, contacts, generatedAt: now };
}

const BOXES = ["1", "2", "3", "4", "5", "na"] as const;

function letterPage(p: RecordLayout, survey: TLettersPrint["survey"], c: TLettersPrint["contacts"][number]): void {
  const doc = p.doc;
  const y0 = p.y;
  const th = p.write(`《${L.zh(`${P}.title`)}》`, p.left, y0, p.width * 0.65, { font: "bold", size: 16 });
  p.write(both("ref", { code: survey.code, seq: String(c.seq).padStart(3, "0") }), p.left + p.width * 0.55, y0 + 4, p.width * 0.45, {
    size: 8.5,
    color: MUTED,
    align: "right",
  });
  p.y = y0 + th + 2;
  p.gap(p.write(L.en(`${P}.title`), p.left, p.y, p.width, { size: 11, color: MUTED }) + 8);

  p.fields(
    [
      [both("field.customer"), c.name],
      [both("field.phone"), c.phone],
    ],
    2,
  );
  p.fields([[both("field.address"), c.address || "—"]], 1);
  p.gap(4);
  p.gap(p.write(`${L.zh(`${P}.greeting`)}${L.zh(`${P}.intro`)}`, p.left, p.y, p.width, { size: 10 }) + 3);
  p.gap(p.write(`${L.en(`${P}.greeting`)} ${L.en(`${P}.intro`)}`, p.left, p.y, p.width, { size: 8.5, color: MUTED }) + 6);
  p.gap(p.write(`${L.zh(`${P}.scale`)}    ${L.en(`${P}.scale`)}`, p.left, p.y, p.width, { size: 7.5, color: MUTED }) + 4);

  // the form: item | element | 1 2 3 4 5 | don't know
  const itemW = 112;
  const elementW = 190;
  const boxW = (p.width - itemW - elementW) / BOXES.length;
  const headH = 26;
  const rowH = 25;
  let y = p.y;
  doc.rect(p.left, y, p.width, headH).fill(BAND);
  p.write(`${L.zh(`${P}.col.item`)}\n${L.en(`${P}.col.item`)}`, p.left + 4, y + 3, itemW - 8, { font: "bold", size: 7.5 });
  p.write(`${L.zh(`${P}.col.element`)}\n${L.en(`${P}.col.element`)}`, p.left + itemW + 4, y + 3, elementW - 8, { font: "bold", size: 7.5 });
  BOXES.forEach((b, i) => {
    const x = p.left + itemW + elementW + i * boxW;
    const text = b === "na" ? `${L.zh(`${P}.col.na`)}\n${L.en(`${P}.col.na`)}` : b;
    p.write(text, x, y + (b === "na" ? 3 : 8), boxW, { font: "bold", size: b === "na" ? 7 : 10, align: "center" });
  });
  y += headH;
  for (const item of SATISFACTION_ITEMS) {
    const elements = elementsOfItem(item);
    const groupH = elements.length * rowH;
    doc.rect(p.left, y, p.width, groupH).lineWidth(0.8).strokeColor(INK).stroke();
    p.write(`${L.zh(`analysis.item.${item}`)}\n${L.en(`analysis.item.${item}`)}`, p.left + 4, y + 4, itemW - 8, { font: "bold", size: 8.5 });
    elements.forEach((e, k) => {
      const ry = y + k * rowH;
      if (k > 0)
        doc
          .moveTo(p.left + itemW, ry)
          .lineTo(p.left + p.width, ry)
          .lineWidth(0.5)
          .strokeColor(LINE)
          .stroke();
      p.write(L.zh(`analysis.element.${e}`), p.left + itemW + 4, ry + 3, elementW - 8, { size: 9 });
      p.write(L.en(`analysis.element.${e}`), p.left + itemW + 4, ry + 14, elementW - 8, { size: 6.5, color: MUTED });
      BOXES.forEach((_, i) => {
        const x = p.left + itemW + elementW + i * boxW + boxW / 2 - 5.5;
        doc
          .rect(x, ry + rowH / 2 - 5.5, 11, 11)
          .lineWidth(0.8)
          .strokeColor(INK)
          .stroke();
      });
    });
    doc
      .moveTo(p.left + itemW, y)
      .lineTo(p.left + itemW, y + groupH)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    y += groupH;
  }
  p.y = y + 10;

  p.gap(p.write(both("comments"), p.left, p.y, p.width, { font: "bold", size: 9 }) + 3);
  doc.rect(p.left, p.y, p.width, 64).lineWidth(0.5).strokeColor(LINE).stroke();
  p.gap(64 + 16);
  const half = p.width / 2;
  p.write(`${both("signature")}: ____________________`, p.left, p.y, half, { size: 9 });
  p.write(`${both("date")}: ______年____月____日`, p.left + half, p.y, half, { size: 9 });
  p.gap(24);
  p.gap(p.write(L.zh(`${P}.reply`), p.left, p.y, p.width, { size: 9 }) + 2);
  p.write(L.en(`${P}.reply`), p.left, p.y, p.width, { size: 8, color: MUTED });
}

export async function renderLetters(f: TLettersPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const title = `《${L.zh(`${P}.title`)}》 ${L.en(`${P}.title`)}`;
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${f.survey.code} ${title}`, Author: "Tracemark 迹码", Subject: f.survey.code, CreationDate: f.generatedAt },
  });
  if (f.contacts.length === 0) {
    p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: 16 }) + 12);
    p.write(`${f.survey.code} ${f.survey.title}\n${both("none")}`, p.left, p.y, p.width, { size: 10 });
  }
  f.contacts.forEach((c, i) => {
    if (i > 0) {
      p.doc.addPage();
      p.y = p.top;
    }
    letterPage(p, f.survey, c);
  });
  p.footers(both("footer.generated", { time: time(f.generatedAt) }), (n, total) => `${f.survey.code} · ${both("footer.page", { n, total })}`);
  return p.finish();
}

// ── HTTP ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

/**
 * GET /api/analysis/surveys/<id>/letters[?contacts=all]: the inquiry letters as one PDF, for quality and customer
 * service (SURVEY_ROLES; another role 403); signed in, not a phone in a customer's hands, within the per-user PDF
 * limit; 404 for an unknown survey; 503 without the Chinese font.
 */
export async function lettersPdfResponse(db: Db, req: Request, id: string): Promise<Response> {
  const ctx = await createContext({ db, req, resHeaders: new Headers() });
  if (!ctx.session) return new Response("Unauthorized", { status: 401, headers: PLAIN });
  if (ctx.session.customerWorkOrderId) return notFound();
  if (!SURVEY_ROLES.includes(ctx.session.user.role)) return new Response("Forbidden", { status: 403, headers: PLAIN });
  try {
    await assertExpensiveAllowed(db, "pdf", ctx.session.user.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return tooManyRequests(req, Number(err.details?.retryAfterSeconds));
    throw err;
  }
  if (!z.uuid().safeParse(id).success) return notFound();
  const which: TLetterSelection = new URL(req.url).searchParams.get("contacts") === "all" ? "all" : "open";
  const print = await loadLetters(db, id, which, clockNow());
  if (!print) return notFound();
  let pdf: Buffer;
  try {
    pdf = await renderLetters(print);
  } catch (err) {
    if (!(err instanceof MissingCjkFontError)) throw err;
    logEvent("error", "pdf.font_missing", { message: err.message });
    return new Response(err.message, { status: 503, headers: PLAIN });
  }
  const bytes = new Uint8Array(pdf);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${print.survey.code.replace(/[^A-Za-z0-9._-]/g, "_")}-letters.pdf"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
