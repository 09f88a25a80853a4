import "server-only";
import { operatorDay } from "@/domain/time/operator";
import { signedChecklist, type TSignedChecklistItem } from "@/domain/work-orders/checklist";
import { needsServiceRecord, partsLine } from "@/domain/work-orders/service-record";
import type { TWorkOrderRecord } from "./pdf-data";
import { propertySection } from "./pdf-property";
import { labels as L, printedTime as time } from "@/server/pdf/bilingual";
import { BAD, MUTED, OK, RecordLayout, type Field } from "@/server/pdf/layout";

/**
 * The printable record of a work order (issue 5): bilingual (Chinese label, English beside it), with the order,
 * the equipment checks, photos, the lineman's self-check and signature, the customer's ratings and signature,
 * the evidence hash with the server's receipt time, the status history and the audit trail (times in Beijing
 * time), and a footer with the generation time and page numbers on every page. pdfkit draws it (ADR 0011).
 */
export async function renderWorkOrderRecord(r: TWorkOrderRecord, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const o = r.order;
  const p = new RecordLayout({
    compress: opts.compress ?? true,
    info: { Title: `${o.code} ${L.both("pdf.title")}`, Author: "Tracemark 迹码", Subject: r.customer?.row.evidenceHash ?? "", CreationDate: r.generatedAt },
  });
  header(p, r);
  propertySection(p, r);
  serviceRecordSection(p, r);
  checks(p, r);
  photos(p, r);
  selfCheck(p, r);
  customer(p, r);
  evidence(p, r);
  history(p, r);
  p.footers(L.both("pdf.footer.generated", { time: time(r.generatedAt) }), (n, total) => `${o.code} · ${L.both("pdf.footer.page", { n, total })}`);
  return p.finish();
}

const yesNo = (v: boolean) => L.both(v ? "pdf.yes" : "pdf.no");
const enumText = (group: string, value: string | null | undefined) => (value ? L.bothOr(`pdf.${group}.${value}`, value) : "—");
const who = (name: string | null | undefined) => name ?? L.both("pdf.timeline.system");

function header(p: RecordLayout, r: TWorkOrderRecord) {
  const o = r.order;
  const y = p.y;
  p.write(L.both("pdf.title"), p.left, y, p.width / 2, { font: "bold", size: 16 });
  p.write(o.code, p.left + p.width / 2, y - 2, p.width / 2, { font: "bold", size: 20, align: "right" });
  p.y = y + 28;
  p.write(`${L.bothOr(`status.workOrder.${o.status}`, o.status)} · ${L.bothOr(`workOrderKind.${o.kind}`, o.kind)}`, p.left, p.y, p.width, {
    size: 10,
    color: MUTED,
  });
  p.gap(22);
  if (o.status !== "closed") {
    p.doc.rect(p.left, p.y, p.width, 20).fill("#ffedc7");
    p.write(L.both("pdf.interim"), p.left + 8, p.y + 4, p.width - 16, { font: "bold", size: 10, color: "#8a4b00" });
    p.gap(26);
  }
  p.section(L.both("pdf.section.order"));
  const fields: Field[] = [
    [L.both("pdf.field.customer"), o.customerName],
    [L.both("pdf.field.contact"), o.contact],
    [L.both("pdf.field.address"), o.address],
    [L.both("pdf.field.service"), o.service],
    [L.both("pdf.field.lineman"), o.assigneeName ?? "—"],
    [L.both("pdf.field.keyCustomer"), yesNo(o.keyCustomer)],
    [L.both("pdf.field.scheduled"), o.scheduledFor],
    [L.both("pdf.field.deadline"), time(o.dueAt)],
    [L.both("pdf.field.createdAt"), `${time(o.createdAt)}${o.createdByName ? ` · ${o.createdByName}` : ""}`],
    [
      L.both("serviceRecord.clerk.printed"),
      o.clerkCheckedAt ? `${o.clerkCheckedByName ?? "—"} · ${time(o.clerkCheckedAt)}` : L.both("serviceRecord.clerk.none"),
    ],
    [L.both("pdf.field.closedAt"), time(o.closedAt)],
  ];
  if (o.notes) fields.push([L.both("pdf.field.notes"), o.notes]);
  if (o.statusReason) fields.push([L.both("pdf.field.statusReason"), o.statusReason]);
  p.fields(fields, 2);
}

/** The data-terminal service record (服务记录表) with its completion column (完成情况), when the order keeps one. */
function serviceRecordSection(p: RecordLayout, r: TWorkOrderRecord) {
  if (!needsServiceRecord(r.order.kind) && !r.serviceRecord) return;
  p.section(L.both("serviceRecord.pdf.title"));
  const s = r.serviceRecord;
  if (!s) {
    p.write(L.both("serviceRecord.pdf.missing"), p.left, p.y, p.width, { color: BAD });
    p.gap(18);
    return;
  }
  p.fields(
    [
      [L.both("serviceRecord.field.requested"), s.requested],
      [L.both("serviceRecord.field.done"), s.done],
      [L.both("serviceRecord.field.parts"), s.parts.length > 0 ? partsLine(s.parts) : L.both("serviceRecord.noParts")],
      [L.both("serviceRecord.field.completion"), L.bothOr(`serviceRecord.completion.${s.completion}`, s.completion)],
      [L.both("serviceRecord.pdf.recordedBy"), `${who(s.recordedByName)} · ${time(s.clientTime ?? s.recordedAt)}`],
    ],
    1,
  );
}

function verdict(result: string, registry: string | null): string {
  // the registry's version is an instant (its import time): its day is the operator's, as the phone shows it
  const day = registry && !Number.isNaN(Date.parse(registry)) ? operatorDay(registry) : registry;
  const reg = day ? L.both("pdf.check.registry", { date: day }) : L.both("pdf.check.noRegistry");
  return `${enumText("result", result)} (${reg})`;
}

function checks(p: RecordLayout, r: TWorkOrderRecord) {
  p.section(L.both("pdf.section.checks"));
  if (r.checks.length === 0) {
    p.write(L.both("pdf.none"), p.left, p.y, p.width, { color: MUTED });
    p.gap(18);
    return;
  }
  r.checks.forEach((c, i) => {
    p.ensure(110);
    const good = c.outcome === "connected";
    const title = `${L.both("pdf.check.n", { n: i + 1 })} · ${enumText("equipmentType", c.equipmentType)} · ${enumText("result", c.serverResult)} · ${enumText("outcome", c.outcome)}`;
    p.doc.rect(p.left, p.y, 3, 14).fill(good ? OK : BAD);
    p.gap(p.write(title, p.left + 8, p.y, p.width - 8, { font: "bold", size: 10.5 }) + 4);
    const f: Field[] = [[L.both("pdf.check.label"), enumText("labelKind", c.labelKind)]];
    if (c.licenseNo) f.push([L.both("pdf.check.licenseNo"), c.licenseNo]);
    if (c.markCode) f.push([L.both("pdf.check.markCode"), c.markCode]);
    if (c.scrambleCode) f.push([L.both("pdf.check.scrambleCode"), c.scrambleCode]);
    if (c.labelModel) f.push([L.both("pdf.check.labelModel"), c.labelModel]);
    f.push(
      [L.both("pdf.check.model"), c.equipmentModel || "—"],
      [L.both("pdf.check.serial"), c.serial || "—"],
      [L.both("pdf.check.entry"), enumText("entry", c.entry)],
    );
    f.push(
      [L.both("pdf.check.phoneVerdict"), verdict(c.clientResult, c.clientRegistryVersion)],
      [L.both("pdf.check.serverVerdict"), verdict(c.serverResult, c.serverRegistryVersion)],
    );
    f.push([L.both("pdf.check.outcome"), enumText("outcome", c.outcome)], [L.both("pdf.check.checkedBy"), `${who(c.actorName)} · ${time(c.serverTime)}`]);
    if (c.note) f.push([L.both("pdf.check.note"), c.note]);
    p.fields(f, 3);
    if (c.clientResult !== c.serverResult) {
      p.gap(p.write(`⚠ ${L.both("pdf.check.differs")}`, p.left, p.y, p.width, { size: 9, color: BAD }) + 2);
    }
    if (c.pbx) {
      p.ensure(60);
      p.gap(p.write(L.both("pdf.check.pbx"), p.left, p.y, p.width, { font: "bold", size: 9 }) + 2);
      p.fields(
        [
          [L.both("pdf.check.capacity"), c.pbx.capacity],
          [L.both("pdf.check.standard"), c.pbx.standard],
          [L.both("pdf.check.connection"), c.pbx.connection],
          [L.both("pdf.check.power"), c.pbx.power],
          [L.both("pdf.check.trunkLines"), String(c.pbx.trunkLines)],
          [L.both("pdf.check.inspection"), `${enumText("inspection", c.pbx.inspection)}${c.pbx.inspectionNote ? ` · ${c.pbx.inspectionNote}` : ""}`],
        ],
        3,
      );
    }
    p.gap(8);
  });
}

function photos(p: RecordLayout, r: TWorkOrderRecord) {
  if (r.photos.length === 0) return;
  p.section(L.both("pdf.section.photos"), 210);
  const gutter = 14;
  const w = (p.width - gutter) / 2;
  const h = 170;
  const missing = (mime: string | null) => (mime ? L.both("pdf.photo.unsupported", { mime }) : L.both("pdf.photo.missing"));
  for (let i = 0; i < r.photos.length; i += 2) {
    p.ensure(h + 34);
    const y = p.y;
    let tallest = 0;
    r.photos.slice(i, i + 2).forEach((ph, j) => {
      const x = p.left + j * (w + gutter);
      p.image(ph.image, x, y, w, h, missing);
      const caption = ph.checkNo ? L.both("pdf.photo.check", { n: ph.checkNo }) : ph.caption || "—";
      const ch = p.write(caption, x, y + h + 3, w, { size: 8.5 });
      const mh = p.write(`${who(ph.actorName)} · ${time(ph.at)} · ${ph.sha256.slice(0, 12)}`, x, y + h + 3 + ch, w, { size: 7, color: MUTED });
      tallest = Math.max(tallest, ch + mh);
    });
    p.y = y + h + tallest + 12;
  }
}

function signatureBlock(p: RecordLayout, sig: { mime: string; data: Uint8Array } | null, lines: string[]) {
  p.ensure(110);
  const y = p.y;
  p.image(sig, p.left, y, 240, 90, () => L.both("pdf.photo.missing"));
  let ly = y;
  for (const line of lines) ly += p.write(line, p.left + 256, ly, p.width - 256, { size: 9.5 }) + 2;
  p.y = Math.max(y + 96, ly + 4);
}

/** A self-check item as the phone's self-check showed it, else in the record's short words. */
function checklistText(item: TSignedChecklistItem, checks: number): string {
  const fallback = L.bothOr(`pdf.checklist.${item.id}`, item.id);
  if (!item.derived) return L.bothOr(`workOrders.selfCheck.item.${item.id}`, fallback);
  const key =
    item.id === "equipment_resolved"
      ? checks === 0
        ? "noEquipment"
        : item.on
          ? "equipment_resolved"
          : "equipment_unresolved"
      : item.on
        ? "pbx_inspected"
        : "pbx_not_inspected";
  return L.bothOr(`workOrders.selfCheck.derived.${key}`, fallback, { count: checks });
}

function selfCheck(p: RecordLayout, r: TWorkOrderRecord) {
  p.section(L.both("pdf.section.selfCheck"), 140);
  const s = r.selfCheck;
  if (!s) {
    p.gap(p.write(L.both("pdf.signoff.none"), p.left, p.y, p.width, { color: MUTED }) + 8);
    return;
  }
  // exactly what the lineman was shown and signed, in the phone's own words (domain/work-orders/checklist.ts)
  const atSignoff = r.checks.filter((c) => c.serverTime.getTime() <= s.row.serverTime.getTime());
  const items = signedChecklist(r.order.kind, s.row.checklist, atSignoff).map((i) => [checklistText(i, atSignoff.length), i.on] as const);
  const colW = p.width / 2;
  for (let i = 0; i < items.length; i += 2) {
    const row = items.slice(i, i + 2);
    const h = Math.max(...row.map(([text]) => p.heightOf(text, colW - 20, "body", 9.5))) + 4;
    p.ensure(h);
    const y = p.y;
    row.forEach(([text, on], j) => {
      const x = p.left + j * colW;
      p.tick(x, y + 2, on);
      p.write(text, x + 15, y, colW - 20, { size: 9.5 });
    });
    p.y = y + h;
  }
  p.gap(6);
  signatureBlock(p, s.signature, [`${L.both("pdf.signoff.lineman")}: ${who(s.actorName)}`, `${L.both("pdf.signoff.signedAt")}: ${time(s.row.serverTime)}`]);
}

function customer(p: RecordLayout, r: TWorkOrderRecord) {
  p.section(L.both("pdf.section.customer"), 140);
  const c = r.customer;
  if (!c) {
    p.gap(p.write(L.both("pdf.signoff.none"), p.left, p.y, p.width, { color: MUTED }) + 8);
    return;
  }
  if (c.row.kind === "customer_refused") {
    p.gap(p.write(L.both("pdf.signoff.refused"), p.left, p.y, p.width, { font: "bold", color: BAD }) + 4);
    p.fields(
      [
        [L.both("pdf.signoff.refusalReason"), c.row.refusalReason || "—"],
        [L.both("pdf.signoff.signedBy"), c.row.signerName || "—"],
      ],
      2,
    );
    return;
  }
  for (const [key, n] of [
    ["attitude", c.row.ratingAttitude],
    ["onTime", c.row.ratingOnTime],
  ] as const) {
    p.ensure(18);
    const y = p.y;
    p.write(L.both(`pdf.signoff.${key}`), p.left, y, 200, { size: 10 });
    p.stars(p.left + 210, y + 1, n ?? 0);
    p.write(L.en("pdf.signoff.rating", { n: n ?? 0 }), p.left + 280, y, 60, { size: 10 });
    p.y = y + 18;
  }
  p.fields([[L.both("pdf.signoff.comment"), c.row.comment || "—"]], 1);
  p.gap(4);
  signatureBlock(p, c.signature, [
    `${L.both("pdf.signoff.signedBy")}: ${c.row.signerName}`,
    `${L.both("pdf.signoff.signedAt")}: ${time(c.row.clientTime)}`,
    `${L.both("pdf.signoff.lineman")}: ${who(c.actorName)}`,
  ]);
}

function evidence(p: RecordLayout, r: TWorkOrderRecord) {
  p.section(L.both("pdf.section.evidence"), 120);
  const c = r.customer;
  if (!c || c.row.kind !== "customer_signed" || !c.row.evidenceHash) {
    p.gap(p.write(L.both("pdf.evidence.none"), p.left, p.y, p.width, { color: MUTED }) + 8);
    return;
  }
  p.gap(p.write(L.zh("pdf.evidence.intro"), p.left, p.y, p.width, { size: 8, color: MUTED }));
  p.gap(p.write(L.en("pdf.evidence.intro"), p.left, p.y, p.width, { size: 8, color: MUTED }) + 8);
  p.gap(p.write(L.both("pdf.evidence.hash"), p.left, p.y, p.width, { size: 7.5, color: MUTED }) + 3);
  p.gap(p.write(c.row.evidenceHash, p.left, p.y, p.width, { font: "Courier", size: 10 }) + 2);
  const ok = c.evidenceRecomputes === true;
  p.gap(
    p.write(L.both(ok ? "pdf.evidence.recomputes" : "pdf.evidence.doesNotRecompute"), p.left, p.y, p.width, { font: "bold", size: 9, color: ok ? OK : BAD }) +
      6,
  );
  p.fields(
    [
      [L.both("pdf.evidence.serverTime"), time(c.row.serverTime)],
      [L.both("pdf.evidence.clientTime"), time(c.row.clientTime)],
      [L.both("pdf.evidence.user"), who(c.actorName)],
      [L.both("pdf.evidence.device"), c.row.deviceId ?? "—"],
    ],
    2,
  );
  p.fields([[L.both("pdf.evidence.signatureSha"), c.row.signatureSha256 ?? "—"]], 1);
}

/** Events whose payload names only where the order came from. */
const ENDS_IN: Record<string, string> = { "workOrder.closed": "closed", "workOrder.cancelled": "cancelled" };

/** A short account of an audit event's payload: its status step, equipment verdict, caption or reason. */
function auditDetail(name: string, payload: Record<string, unknown>): string {
  const s = (k: string) => (typeof payload[k] === "string" ? payload[k] : null);
  const parts: string[] = [];
  const from = s("from") ?? s("fromStatus");
  const to = s("to") ?? ENDS_IN[name] ?? null;
  if (from || to) parts.push(`${from ? L.bothOr(`status.workOrder.${from}`, from) : ""} → ${to ? L.bothOr(`status.workOrder.${to}`, to) : ""}`.trim());
  if (s("equipmentType"))
    parts.push(`${enumText("equipmentType", s("equipmentType"))}: ${enumText("result", s("serverResult"))}, ${enumText("outcome", s("outcome"))}`);
  if (s("signerName")) parts.push(s("signerName")!);
  if (s("caption")) parts.push(s("caption")!);
  if (s("reason")) parts.push(s("reason")!);
  return parts.join(" · ");
}

function history(p: RecordLayout, r: TWorkOrderRecord) {
  p.section(L.both("pdf.section.status"));
  const w = p.width;
  p.table(
    [
      { label: L.both("pdf.timeline.time"), width: w * 0.2 },
      { label: L.both("pdf.timeline.who"), width: w * 0.18 },
      { label: L.both("pdf.timeline.what"), width: w * 0.62 },
    ],
    r.statusEvents.map((e) => [
      `${time(e.at)}${e.clientTime && Math.abs(e.clientTime.getTime() - e.at.getTime()) > 60_000 ? `\n${L.en("pdf.timeline.phoneTime", { time: time(e.clientTime) })}` : ""}`,
      who(e.actorName),
      `${e.from ? `${L.bothOr(`status.workOrder.${e.from}`, e.from)} → ` : ""}${L.bothOr(`status.workOrder.${e.to}`, e.to)}${e.reason ? ` · ${e.reason}` : ""}`,
    ]),
  );
  p.section(L.both("pdf.section.audit"));
  p.table(
    [
      { label: L.both("pdf.timeline.seq"), width: w * 0.08 },
      { label: L.both("pdf.timeline.time"), width: w * 0.17 },
      { label: L.both("pdf.timeline.who"), width: w * 0.15 },
      { label: L.both("pdf.timeline.what"), width: w * 0.42 },
      { label: L.both("pdf.timeline.hash"), width: w * 0.18, mono: true },
    ],
    r.auditTrail.map((a) => [
      a.chainSeq === null ? "—" : String(a.chainSeq),
      time(a.at),
      who(a.actorName),
      [L.bothOr(`pdf.event.${a.name}`, a.name), auditDetail(a.name, a.payload)].filter(Boolean).join("\n"),
      a.hash ? `${a.hash.slice(0, 16)}…` : "—",
    ]),
  );
}
