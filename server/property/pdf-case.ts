import "server-only";
import type { Db } from "@/db/client";
import type { Column, Field, RecordLayout } from "@/server/pdf/layout";
import { isPbx, isWorks, loadCasePrint, type TCasePrint, type TPrintRound } from "./pdf-case-data";
import { both, dash, deptName, footers, formName, pdfWord, signatureGrid, sizeText, startRecord, time, word } from "./pdf-common";
import { propertyPdfResponse } from "./pdf-http";

/**
 * The printed form of a case: for a PBX 《安装用户交换机申请检验表》 (the application as the customer wrote it, the
 * certificate and the registry's verdict), for works the acceptance record against 《客户自建通信工程验收项目一览表》
 * (the project, the agreement with its signature, the documents with their SHA-256); then every round — its items
 * with results and measurements, and each inspector's name, department, signature and time — and the letters.
 */

function customerSection(p: RecordLayout, f: TCasePrint): void {
  const { c } = f;
  p.section(both("section.customer"));
  p.fields(
    [
      [both("field.customerName"), c.customerName],
      [both("field.customerPhone"), c.customerPhone],
      [both("field.customerAddress"), c.customerAddress],
      [both("field.appliedOn"), c.appliedOn],
      [both("field.recordedBy"), f.createdByName],
      [both("field.recordedAt"), time(c.createdAt)],
      [both("field.status"), word("status", c.status)],
      ...(c.connectedAt ? ([[both("field.connectedAt"), time(c.connectedAt)]] as Field[]) : []),
      ...(c.cancelReason ? ([[both("field.cancelReason"), c.cancelReason]] as Field[]) : []),
    ],
    2,
  );
  if (c.note) p.fields([[both("field.note"), c.note]], 1);
}

function pbxSections(p: RecordLayout, f: TCasePrint): void {
  if (!isPbx(f.c)) return;
  const d = f.c.details;
  p.section(both("section.application"));
  p.fields(
    [
      [both("field.certificateNo"), d.certificateNo],
      [both("field.model"), d.model],
      [both("field.manufacturer"), dash(d.manufacturer)],
      [both("field.capacity"), d.capacity],
      [both("field.standard"), d.standard],
      [both("field.connection"), d.connection],
      [both("field.power"), d.power],
      [both("field.trunkLines"), String(d.trunkLines)],
    ],
    2,
  );
  p.fields([[both("field.ancillary"), dash(d.ancillary)]], 1);
  p.section(both("section.registry"));
  p.fields(
    [
      [both("field.verdict"), pdfWord("verdict", d.registry.verdict)],
      [both("field.expiryDate"), dash(d.registry.expiryDate)],
      [both("field.applicant"), dash(d.registry.applicant)],
      [both("field.equipmentName"), dash(d.registry.equipmentName)],
    ],
    2,
  );
}

function worksSections(p: RecordLayout, f: TCasePrint): void {
  if (!isWorks(f.c)) return;
  const d = f.c.details;
  // the operator's form name is long: the band says what it is, the name follows on a line of its own
  p.section(both("section.agreement"));
  p.gap(p.write(formName("title.agreement"), p.left, p.y, p.width, { size: 9.5, font: "bold" }) + 6);
  p.fields(
    [
      [both("field.projectName"), d.projectName],
      [both("field.constructorName"), d.constructorName],
      [both("field.agreementKind"), word("agreementKind", d.agreementKind)],
      [both("field.period"), `${d.startsOn} — ${d.endsOn}`],
    ],
    2,
  );
  p.fields(
    [
      [both("field.parties"), d.parties],
      [both("field.scope"), d.scope],
    ],
    1,
  );
  if (d.signatureSha256) {
    signatureGrid(p, [{ image: f.agreementSignature, lines: [both("field.customerSignature"), f.c.customerName, time(f.c.createdAt)] }]);
  } else {
    p.fields([[both("field.customerSignature"), both("scannedAgreement")]], 1);
  }
  p.section(both("section.documents"));
  if (f.documents.length === 0) {
    p.fields([[both("section.documents"), both("none")]], 1);
    return;
  }
  documentsTable(p, f);
}

function documentsTable(p: RecordLayout, f: TCasePrint): void {
  const cols: Column[] = [
    { label: both("col.kind"), width: 92 },
    { label: both("col.file"), width: 120 },
    { label: both("col.size"), width: 44 },
    { label: both("col.uploaded"), width: 86 },
    { label: both("col.sha256"), width: p.width - 342, mono: true },
  ];
  p.table(
    cols,
    f.documents.map((d) => [
      word("documentKind", d.kind),
      d.fileName,
      sizeText(d.bytes),
      `${d.uploadedByName}\n${time(d.uploadedAt)}`,
      `${d.sha256.slice(0, 32)}\n${d.sha256.slice(32)}`,
    ]),
  );
  p.gap(8);
}

function roundSection(p: RecordLayout, f: TCasePrint, r: TPrintRound): void {
  p.section(both("section.round", { n: r.roundNo }), 120);
  p.fields(
    [
      [both("field.scheduledFor"), r.scheduledFor],
      [both("field.roundStatus"), word("roundStatus", r.status)],
      [both("field.departments"), r.departments.map((d) => deptName(f.departmentNames, d)).join("、")],
      [both("field.scheduledBy"), `${r.scheduledByName} ${time(r.scheduledAt)}`],
      [both("field.inspectedAt"), time(r.inspectedAt)],
      [both("field.submittedBy"), r.submittedByName ? `${r.submittedByName} ${time(r.submittedAt)}` : "—"],
    ],
    2,
  );
  if (r.note) p.fields([[both("field.note"), r.note]], 1);
  const cols: Column[] = [
    { label: both("col.clause"), width: 74 },
    { label: both("col.item"), width: p.width - 74 - 56 - 70 - 120 },
    { label: both("col.result"), width: 56 },
    { label: both("col.measurement"), width: 70 },
    { label: both("col.note"), width: 120 },
  ];
  p.table(
    cols,
    r.items.map((i) => [
      `${i.clause}\n${i.group}`,
      i.textEn ? `${i.textZh}\n${i.textEn}` : i.textZh,
      i.result ? word("itemResult", i.result) : "—",
      i.measurement ? `${i.measurement}${i.unit ? ` ${i.unit}` : ""}` : i.unit ? `— ${i.unit}` : "—",
      [i.note, i.photos > 0 ? `(${both("photosTaken", { count: i.photos })})` : ""].filter(Boolean).join(" ") || "—",
    ]),
  );
  if (r.submitNote) p.fields([[both("field.submitNote"), r.submitNote]], 1);
  p.gap(6);
  p.ensure(90);
  p.write(both("section.inspectors"), p.left, p.y, p.width, { font: "bold", size: 9.5 });
  p.gap(16);
  signatureGrid(
    p,
    r.inspectors.map((i) => ({
      image: i.signature,
      lines: [
        i.name,
        deptName(f.departmentNames, i.department),
        i.signedAt ? time(i.signedAt) : both("notSigned"),
        ...(i.signatureSha256 ? [`SHA-256 ${i.signatureSha256.slice(0, 16)}…`] : []),
      ],
    })),
  );
}

function lettersSection(p: RecordLayout, f: TCasePrint): void {
  if (f.letters.length === 0) return;
  p.section(both("section.letters"));
  p.table(
    [
      { label: both("col.letter"), width: 96 },
      { label: both("col.issued"), width: 130 },
      { label: both("col.deadline"), width: 80 },
      { label: both("col.failedItems"), width: 60 },
      { label: both("col.rectified"), width: p.width - 366 },
    ],
    f.letters.map((l) => [l.code, `${l.issuedByName}\n${time(l.issuedAt)}`, l.deadline, String(l.items.length), l.rectifiedAt ? time(l.rectifiedAt) : "—"]),
  );
}

export async function renderCaseForm(f: TCasePrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { c } = f;
  const p = startRecord({
    titleKey: c.kind === "pbx" ? "title.pbx" : "title.works",
    code: c.code,
    subtitle: c.kind === "works" ? both("subtitle.works") : word("kind", c.kind),
    generatedAt: f.generatedAt,
    compress: opts.compress,
  });
  customerSection(p, f);
  pbxSections(p, f);
  worksSections(p, f);
  if (c.kind === "pbx" && f.documents.length > 0) {
    p.section(both("section.documents"));
    documentsTable(p, f);
  }
  if (f.rounds.length === 0) {
    p.section(both("section.rounds"), 20);
    p.fields([[both("section.rounds"), both("noRounds")]], 1);
  }
  for (const r of f.rounds) roundSection(p, f, r);
  lettersSection(p, f);
  footers(p, c.code, f.generatedAt);
  return p.finish();
}

/** GET /api/property/cases/<id>/pdf: the case's form, to whoever may read cases. */
export function casePdfResponse(db: Db, req: Request, id: string): Promise<Response> {
  return propertyPdfResponse(db, req, id, { load: loadCasePrint, render: (f) => renderCaseForm(f), code: (f) => f.c.code });
}
