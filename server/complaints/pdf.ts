import "server-only";
import { operatorDay } from "@/domain/time/operator";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { MUTED, RecordLayout, type Column, type Field } from "@/server/pdf/layout";
import type { TComplaintPrint } from "./pdf-data";
import type { TMonthSummary } from "./summary";

/**
 * The printouts of complaints (procedure P1), bilingual like the work-order record (Chinese label, English beside
 * it; times in Beijing time; a footer with the generation time and page numbers): the written reply to the customer
 * (书面答复), the form itself (《客户投诉查询表》, or for a key customer's request the service record 重点客户服务记录)
 * and the month's summary for enterprise management. pdfkit draws them (ADR 0011).
 */
const P = "complaintsPdf";
const both = (key: string, values?: Record<string, string | number>) => L.both(`${P}.${key}`, values);
const enumText = (group: string, value: string | null | undefined) => (value ? L.bothOr(`complaints.${group}.${value}`, value) : "—");
const who = (name: string | null | undefined) => name ?? both("system");

function newLayout(title: string, code: string, at: Date, compress: boolean): RecordLayout {
  return new RecordLayout({ compress, info: { Title: `${code} ${title}`, Author: "Tracemark 迹码", Subject: code, CreationDate: at } });
}

function heading(p: RecordLayout, title: string, code: string, sub: string) {
  // the title on a line of its own (both languages are long), the number on the line below at the right
  p.gap(p.write(title, p.left, p.y, p.width, { font: "bold", size: 16 }) + 4);
  const y = p.y;
  p.write(code, p.left + p.width / 2, y, p.width / 2, { font: "bold", size: 14, align: "right" });
  p.y = y + Math.max(p.write(sub, p.left, y, p.width / 2, { size: 10, color: MUTED }), 18) + 10;
}

function finish(p: RecordLayout, code: string, at: Date): Promise<Buffer> {
  p.footers(both("footer.generated", { time: time(at) }), (n, total) => `${code} · ${both("footer.page", { n, total })}`);
  return p.finish();
}

function deptName(r: TComplaintPrint, code: string | null): string {
  if (!code) return "—";
  const n = r.departmentNames[code];
  return n ? `${n[0]} ${n[1]}` : code;
}

function limitText(r: TComplaintPrint): string {
  if (!r.limit) return "—";
  return L.both(`complaints.limit.${r.limit.unit}`, { value: r.limit.value });
}

function paragraph(p: RecordLayout, zh: string, en: string) {
  p.ensure(40);
  p.gap(p.write(zh, p.left, p.y, p.width, { size: 11 }) + 3);
  p.gap(p.write(en, p.left, p.y, p.width, { size: 9.5, color: MUTED }) + 10);
}

/** The written reply (书面答复) to the customer: their form number (and the 180 centre's), how it was handled, the result. */
export async function renderReplyLetter(r: TComplaintPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const c = r.c;
  const p = newLayout(both("title.letter"), c.code, r.generatedAt, opts.compress ?? true);
  heading(p, both("title.letter"), c.code, `${enumText("kind", c.kind)} · ${enumText("channel", c.channel)}`);
  const values = { customer: c.customerName, code: c.code, ref: c.centreRef ?? "" };
  const intro = c.centreRef ? "letter.introCentre" : "letter.intro";
  paragraph(p, L.zh(`${P}.letter.to`, values), L.en(`${P}.letter.to`, values));
  paragraph(p, L.zh(`${P}.${intro}`, values), L.en(`${P}.${intro}`, values));
  p.section(both("letter.process"));
  p.gap(p.write(c.letterProcess ?? "—", p.left, p.y, p.width, { size: 10.5 }) + 10);
  p.section(both("letter.result"));
  p.gap(p.write(c.letterResult ?? c.result ?? "—", p.left, p.y, p.width, { size: 10.5 }) + 14);
  paragraph(p, L.zh(`${P}.letter.closing`), L.en(`${P}.letter.closing`));
  p.ensure(60);
  p.fields(
    [
      [both("letter.department"), deptName(r, c.department ?? "customer_service")],
      [both("letter.date"), operatorDay(c.letterAt ?? r.generatedAt)],
      [both("field.code"), c.code],
      [both("field.centreRef"), c.centreRef ?? "—"],
    ],
    2,
  );
  return finish(p, c.code, r.generatedAt);
}

/**
 * The form as recorded and handled: 《客户投诉查询表》, or for a key customer's service request the key-customer
 * service record (重点客户服务记录) with the departments concerned and the time limit; then the handling, the
 * escalations and the whole history.
 */
export async function renderComplaintForm(r: TComplaintPrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const c = r.c;
  const service = c.kind === "service_request";
  const title = both(service ? "title.serviceRecord" : "title.form");
  const p = newLayout(title, c.code, r.generatedAt, opts.compress ?? true);
  heading(p, title, c.code, `${enumText("status", c.status)} · ${enumText("kind", c.kind)} · ${enumText("channel", c.channel)}`);

  p.section(both("section.intake"));
  const intake: Field[] = [
    [both("field.customer"), c.customerName],
    [both("field.contact"), c.contact],
    [both("field.address"), c.address || "—"],
    [both("field.receivedAt"), time(c.receivedAt)],
    [both("field.recordedBy"), c.recordedByName],
    [both("field.dueAt"), time(c.dueAt)],
  ];
  // the counter clerk's self-check (营业员自检) of a form made at the desk
  if (c.clerkCheckedAt) intake.push([L.both("serviceRecord.clerk.printed"), `${c.clerkCheckedByName ?? "—"} · ${time(c.clerkCheckedAt)}`]);
  if (c.centreRef) intake.push([both("field.centreRef"), c.centreRef]);
  if (c.workOrder) intake.push([both("field.workOrder"), c.workOrder.code]);
  p.fields(intake, 2);
  p.ensure(40);
  p.gap(p.write(both("field.words"), p.left, p.y, p.width, { size: 7.5, color: MUTED }));
  p.gap(p.write(c.words, p.left, p.y, p.width, { size: 10.5 }) + 8);

  if (service) {
    p.section(both("section.request"));
    p.fields(
      [
        [both("field.serviceType"), enumText("requestType", c.serviceType)],
        [both("field.limit"), limitText(r)],
        [both("field.departmentsConcerned"), c.departmentsConcerned.map((d) => deptName(r, d)).join("、") || "—"],
        [both("field.policyVersion"), String(c.policyVersion)],
      ],
      2,
    );
    p.gap(p.write(both("service.notice"), p.left, p.y, p.width, { size: 9, color: MUTED }) + 8);
  }

  p.section(both("section.classification"));
  p.fields(
    [
      [both("field.category"), c.categoryName ? `${c.categoryName.zh} ${c.categoryName.en}` : both("unclassified")],
      [both("field.severity"), enumText("severity", c.severity)],
      [both("field.department"), deptName(r, c.department)],
      [both("field.keyCustomer"), c.keyCustomer?.name ?? "—"],
      [both("field.limit"), limitText(r)],
      [both("field.escalation"), enumText("escalationLevel", c.escalation)],
    ],
    2,
  );

  p.section(both("section.handling"));
  const handling: Field[] = [
    [both("field.result"), c.result || "—"],
    [both("field.reply"), c.replyMethod ? `${enumText("replyMethod", c.replyMethod)} · ${time(c.repliedAt)}` : both("notYet")],
    [both("field.callback"), c.callbackAt ? time(c.callbackAt) : both("notYet")],
    [both("field.satisfaction"), c.satisfaction === null ? "—" : String(c.satisfaction)],
  ];
  if (c.letterAt) handling.push([both("title.letter"), time(c.letterAt)]);
  p.fields(handling, 2);
  if (c.signerName || r.signature) {
    p.ensure(110);
    const y = p.y;
    p.image(r.signature, p.left, y, 240, 90, () => both("none"));
    p.write(`${both("field.signer")}\n${c.signerName ?? "—"}`, p.left + 256, y, p.width - 256, { size: 9.5 });
    p.y = y + 98;
  }

  p.section(both("section.escalations"));
  if (c.escalations.length === 0) p.gap(p.write(both("none"), p.left, p.y, p.width, { color: MUTED }) + 8);
  else {
    const cols: Column[] = [
      { label: both("col.time"), width: 100 },
      { label: both("col.level"), width: 110 },
      { label: both("col.cause"), width: 90 },
      { label: both("col.by"), width: 70 },
      { label: both("col.reason"), width: p.width - 370 },
    ];
    p.table(
      cols,
      c.escalations.map((e) => [time(e.at), enumText("escalationLevel", e.level), enumText("escalationCause", e.cause), who(e.actorName), e.reason]),
    );
    p.gap(8);
  }

  p.section(both("section.timeline"));
  const cols: Column[] = [
    { label: both("col.time"), width: 100 },
    { label: both("col.step"), width: 100 },
    { label: both("col.by"), width: 80 },
    { label: both("col.note"), width: p.width - 280 },
  ];
  p.table(
    cols,
    c.timeline.map((e) => [time(e.at), enumText("action", e.action), who(e.actorName), e.note || "—"]),
  );
  return finish(p, c.code, r.generatedAt);
}

/** The month's summary for enterprise management: the figures of server/complaints/summary.ts as tables. */
export async function renderMonthSummary(
  s: TMonthSummary,
  opts: { compress?: boolean; generatedAt?: Date; departmentNames?: Record<string, [string, string]> } = {},
): Promise<Buffer> {
  const at = opts.generatedAt ?? new Date();
  const code = `TS-${s.month}`;
  const p = newLayout(both("title.summary"), code, at, opts.compress ?? true);
  heading(p, both("title.summary"), s.month, `${both("summary.month", { month: s.month })} · ${both("summary.asOf", { time: time(s.asOf) })}`);
  const cols = (): Column[] => [
    { label: both("col.item"), width: p.width - 120 },
    { label: both("col.count"), width: 120 },
  ];
  const table = (title: string, rows: [string, string | number | null][]) => {
    p.section(both(`summary.${title}`), 60);
    p.table(
      cols(),
      rows.map(([k, v]) => [k, v === null ? "—" : String(v)]),
    );
    p.gap(6);
  };
  const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);
  const named = (rec: Record<string, number>, name: (k: string) => string) => Object.entries(rec).map(([k, v]): [string, number] => [name(k), v]);
  table("totals", [
    [both("summary.received"), s.received],
    [both("summary.closed"), s.closed],
    [both("summary.openAtEnd"), s.openAtEnd],
    [both("summary.overdueAtEnd"), s.overdueAtEnd],
  ]);
  table(
    "byChannel",
    named(s.byChannel, (k) => enumText("channel", k)),
  );
  table(
    "byKind",
    named(s.byKind, (k) => enumText("kind", k)),
  );
  table(
    "byCategory",
    named(s.byCategory, (k) => (k === "" ? both("unclassified") : s.categoryNames[k] ? `${s.categoryNames[k][0]} ${s.categoryNames[k][1]}` : k)),
  );
  table(
    "byDepartment",
    named(s.byDepartment, (k) => {
      if (k === "") return both("unclassified");
      const n = opts.departmentNames?.[k];
      return n ? `${n[0]} ${n[1]}` : k;
    }),
  );
  table(
    "bySeverity",
    named(s.bySeverity, (k) => enumText("severity", k)),
  );
  table("answered", [
    [both("summary.answeredCount"), s.answered.count],
    [both("summary.onTime"), s.answered.onTime],
    [both("summary.share"), pct(s.answered.share)],
  ]);
  table("escalations", [
    [both("summary.total"), s.escalations.total],
    ...named(s.escalations.byLevel, (k) => enumText("escalationLevel", k)),
    ...named(s.escalations.byCause, (k) => enumText("escalationCause", k)),
  ]);
  table("keyCustomers", [
    [both("summary.requests"), s.keyCustomers.requests],
    [both("summary.answeredCount"), s.keyCustomers.answered.count],
    [both("summary.share"), pct(s.keyCustomers.answered.share)],
  ]);
  table("callbacks", [
    [both("summary.callbackCount"), s.callbacks.count],
    [both("summary.meanSatisfaction"), s.callbacks.meanSatisfaction],
  ]);
  return finish(p, code, at);
}
