import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { AppError } from "@/server/errors";
import { assertExpensiveAllowed, tooManyRequests } from "@/server/http/expensive";
import { logEvent } from "@/server/log";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { MissingCjkFontError } from "@/server/pdf/font";
import { MUTED, RecordLayout, type Column } from "@/server/pdf/layout";
import { createContext } from "@/server/trpc";
import { departmentNames } from "@/server/warehouse/registers";
import { getAction, type TActionDetail } from "./actions-read";

/**
 * The Corrective/Preventive Action Record (《纠正预防措施记录表》) as printed: bilingual like the work-order record
 * (Chinese label, English beside it; Beijing time; a footer with the generation time and page numbers): the
 * nonconformity, what quality asked and by when, then every signed step of every round with its signer, date and
 * the SHA-256 of what was signed.
 */
const P = "qualityPdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);
const enumText = (group: string, value: string | null | undefined) => (value ? L.bothOr(`${P}.${group}.${value}`, value) : "—");

export interface TActionPrint {
  a: TActionDetail;
  departmentNames: Record<string, [string, string]>;
  generatedAt: Date;
}

/** What the printed record needs, for a reader of the record (domain mayReadAction); null otherwise or when absent. */
export async function loadActionPrint(db: Db, user: SessionUser, id: string, now: Date): Promise<TActionPrint | null> {
  try {
    return { a: await getAction(db, user, id, now), departmentNames: await departmentNames(db), generatedAt: now };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** A signed step's content as lines "label: value" (what the person signed). */
export function stepText(step: string, content: Record<string, unknown>): string {
  const line = (key: string, value: unknown) => (str(value) ? `${both(`content.${key}`)}: ${str(value)}` : null);
  const lines: (string | null)[] = [];
  if (step === "sent") lines.push(str(content.description), line("requiredBy", content.requiredBy));
  else if (step === "planned")
    lines.push(
      line("causeAnalysis", content.causeAnalysis),
      `${both("content.cause")}: ${enumText("cause", str(content.causeCategory))}`,
      line("correction", content.correction),
      line("correctiveAction", content.correctiveAction),
      line("preventiveAction", content.preventiveAction),
      line("owner", content.ownerName),
      line("dueOn", content.dueOn),
    );
  else if (step === "implemented") lines.push(str(content.note), line("implementedOn", content.implementedOn));
  else
    lines.push(
      both(content.effective === true ? "content.effective" : "content.notEffective"),
      str(content.note),
      content.effective === true ? null : line("newRequiredBy", content.requiredBy),
    );
  return lines.filter((l): l is string => !!l).join("\n");
}

export async function renderActionRecord(f: TActionPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { a } = f;
  const dept = (code: string) => {
    const n = f.departmentNames[code];
    return n ? `${n[0]} ${n[1]}` : code;
  };
  const title = `《${L.zh(`${P}.title`)}》 ${L.en(`${P}.title`)}`;
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${a.code} ${title}`, Author: "Tracemark 迹码", Subject: a.code, CreationDate: f.generatedAt },
  });
  p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: 16 }) + 4);
  const y0 = p.y;
  p.write(a.code, p.left + p.width / 2, y0, p.width / 2, { font: "bold", size: 14, align: "right" });
  p.y = y0 + Math.max(p.write(`${both("field.ncCode")}: ${a.nc.code}`, p.left, y0, p.width / 2, { size: 10, color: MUTED }), 18) + 10;

  p.section(both("section.nc"));
  p.fields(
    [
      [both("field.ncCode"), a.nc.code],
      [both("field.department"), dept(a.nc.department)],
      [both("field.source"), enumText("source", a.nc.source)],
      [both("field.sourceRef"), a.nc.sourceRef || "—"],
      [both("field.finding"), enumText("finding", a.nc.finding)],
      [both("field.raisedAt"), time(a.nc.raisedAt)],
      ...(a.nc.tag ? ([[both("field.tag"), a.nc.tag]] as [string, string][]) : []),
    ],
    2,
  );
  p.fields([[both("field.description"), a.nc.description]], 1);

  p.section(both("section.request"));
  p.fields(
    [
      [both("field.sentBy"), a.sentByName ?? "—"],
      [both("field.sentAt"), time(a.sentAt)],
      [both("field.requiredBy"), a.requiredBy],
      [both("field.department"), dept(a.department)],
    ],
    2,
  );
  p.fields([[both("field.description"), a.description]], 1);

  p.section(both("section.steps"));
  const cols: Column[] = [
    { label: both("col.round"), width: 44 },
    { label: both("col.step"), width: 96 },
    { label: both("col.content"), width: p.width - 44 - 96 - 130 },
    { label: both("col.signed"), width: 130 },
  ];
  p.table(
    cols,
    a.steps.map((s) => [
      String(s.round),
      enumText("step", s.step),
      stepText(s.step, s.content),
      `${s.byName}\n${time(s.at)}\n${both("content.hash")} ${s.contentSha256.slice(0, 16)}…`,
    ]),
  );
  p.gap(8);

  p.section(both("section.status"), 90);
  p.fields(
    [
      [both("field.status"), enumText("status", a.status)],
      [both("field.round"), String(a.round)],
      [both("field.owner"), a.ownerName ?? "—"],
      [both("field.actionDueOn"), a.actionDueOn ?? "—"],
      ...(a.closedAt ? ([[both("field.closedAt"), time(a.closedAt)]] as [string, string][]) : []),
    ],
    2,
  );

  p.footers(both("footer.generated", { time: time(f.generatedAt) }), (n, total) => `${a.code} · ${both("footer.page", { n, total })}`);
  return p.finish();
}

// ── HTTP (the same guard as the warehouse's and the complaints' downloads) ────────────────────────────────────

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const notFound = () => new Response("Not found", { status: 404, headers: PLAIN });

/**
 * GET /api/quality/actions/<id>/pdf: for whoever may read the record (quality and the general manager, the
 * department's people, the action's owner); signed in, not a phone in a customer's hands, within the per-user PDF
 * limit; 404 for a record the reader may not see (one answer with one that does not exist); 503 without the
 * Chinese font.
 */
export async function actionPdfResponse(db: Db, req: Request, id: string): Promise<Response> {
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
  const print = await loadActionPrint(db, ctx.session.user, id, clockNow());
  if (!print) return notFound();
  let pdf: Buffer;
  try {
    pdf = await renderActionRecord(print);
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
      "Content-Disposition": `attachment; filename="${print.a.code.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
