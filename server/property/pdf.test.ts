import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { scribbleSignature, tinyPdf } from "@/server/seed/property-files";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { casePdfResponse, renderCaseForm } from "./pdf-case";
import { loadCasePrint, loadLetterPrint } from "./pdf-case-data";
import { letterPdfResponse, renderLetter } from "./pdf-letter";
import { loadMaintenancePrint, maintenancePdfResponse, renderMaintenance } from "./pdf-maintenance";
import { caseRow, inspectedRound, letterRow, person, worksInput, type TPerson } from "./works.fixtures";

let t: TestDb;
let service: TPerson, lineman: TPerson, techhead: TPerson, gm: TPerson, keeper: TPerson, opsHead: TPerson;
let pbxId: string, worksId: string, worksCode: string, letterId: string, agreementId: string, agreementCode: string;
let failed: { clause: string; textZh: string; note: string; measurement: string }[];
const today = operatorToday();
const deadline = addDays(today, 30);
const holds = (text: string, s: string) => text.replace(/\s+/g, "").includes(s.replace(/\s+/g, ""));
const PDF = tinyPdf("Test report of the works");
const out = (name: string, pdf: Buffer) => {
  if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-${name}.pdf`, pdf);
};

beforeAll(async () => {
  t = await createTestDb();
  service = await person(t.db, "customer_service", "customer_service", "周静 Zhou Jing");
  lineman = await person(t.db, "lineman", "terminal_service", "王建国 Wang Jianguo");
  techhead = await person(t.db, "department_head", "technology_development", "黄伟 Huang Wei");
  gm = await person(t.db, "general_manager", "enterprise_management");
  keeper = await person(t.db, "warehouse_keeper", "finance");
  opsHead = await person(t.db, "department_head", "operations");

  pbxId = await caseRow(t.db, service, { kind: "pbx", status: "recorded", code: "PBX-2026-0007" });
  await inspectedRound(t.db, { caseId: pbxId, kind: "pbx", by: service, inspectors: [lineman, service], failed: false });

  ({ id: worksId, code: worksCode } = await service.caller.works.record(worksInput({ signature: scribbleSignature(2) })));
  await service.caller.works.addDocument({
    caseId: worksId,
    kind: "design",
    fileName: "design.pdf",
    mime: "application/pdf",
    base64: tinyPdf("Design").toString("base64"),
  });
  await service.caller.works.addDocument({
    caseId: worksId,
    kind: "test_report",
    fileName: "test-report.pdf",
    mime: "application/pdf",
    base64: PDF.toString("base64"),
  });
  const r = await inspectedRound(t.db, { caseId: worksId, kind: "works", by: techhead, inspectors: [techhead, lineman], failed: true });
  failed = r.failedItems;
  letterId = await letterRow(t.db, { caseId: worksId, roundId: r.roundId, code: "RL-2026-0003", deadline, by: techhead, items: r.failedItems });

  ({ id: agreementId, code: agreementCode } = await service.caller.maintenance.record({
    customerName: "恒信贸易公司 Hengxin Trading",
    customerPhone: "0571-8600 3344",
    customerAddress: "商贸城 B 座 9 楼",
    equipment: ["松下 KX-TES824CN 用户交换机", "话务台 KX-T7730 ×2"],
    appliedOn: today,
    startsOn: today,
    endsOn: addDays(today, 364),
    terms: "每季度上门巡检一次；故障 4 小时内响应。",
    offeredBy: lineman.id,
    signature: scribbleSignature(8),
  }));
});
afterAll(async () => {
  await t?.close();
});

describe("the PBX application form 《安装用户交换机申请检验表》", () => {
  it("has the application, the registry's verdict, the round's items and results, each inspector's name, department and signature", async () => {
    const pdf = await renderCaseForm((await loadCasePrint(t.db, gm.user, pbxId, new Date()))!, { compress: false });
    out("pbx", pdf);
    const { text, images } = pdfText(pdf);
    for (const s of [
      "《安装用户交换机申请检验表》",
      "Application and Inspection Form for Installing a PBX",
      "PBX-2026-0007",
      "03-A511-240178",
      "KX-TES824CN",
      "制式 Standard",
      "附属设备 Ancillary equipment",
      "计费盒 Call accounting box",
      "有效 Valid",
      "第 1 次检验 Inspection round 1",
      "合格 Passed",
      "王建国 Wang Jianguo",
      "周静 Zhou Jing",
      "终端服务部 Terminal Service Dept",
      "客户服务部 Customer Service Dept",
    ])
      expect(holds(text, s), s).toBe(true);
    expect(images).toBeGreaterThanOrEqual(2);
  });
});

describe("the works acceptance record against 《客户自建通信工程验收项目一览表》", () => {
  it("has the agreement with the customer's signature, the documents with SHA-256, the failed items with notes and measurements, and the letter", async () => {
    const print = (await loadCasePrint(t.db, techhead.user, worksId, new Date()))!;
    const pdf = await renderCaseForm(print, { compress: false });
    out("works", pdf);
    const { text, images } = pdfText(pdf);
    for (const s of [
      "《客户自建通信工程验收项目一览表》",
      "《客户自建通信工程验收或管理维护协议》",
      worksCode,
      "华联商厦室内分布系统",
      "浙江某通信工程公司",
      "design.pdf",
      "test-report.pdf",
      print.documents[1]!.sha256.slice(0, 32),
      "不合格 Fail",
      failed[0]!.note,
      failed[0]!.clause,
      "黄伟 Huang Wei",
      "技术发展部 Technology Development Dept",
      "RL-2026-0003",
      deadline,
    ])
      expect(holds(text, s), s).toBe(true);
    expect(images).toBeGreaterThanOrEqual(3);
  });
});

describe("the rectification letter 整改通知书", () => {
  it("names the customer, the case, every failed item with its note and measurement, the deadline, who issued it and when", async () => {
    const pdf = await renderLetter((await loadLetterPrint(t.db, service.user, letterId, new Date()))!, { compress: false });
    out("letter", pdf);
    const { text } = pdfText(pdf);
    for (const s of [
      "整改通知书",
      "Rectification Notice",
      "RL-2026-0003",
      worksCode,
      "华联商厦 Hualian Mall",
      "中山路 100 号",
      `请于 ${deadline} 前整改完毕`,
      `Please put them right by ${deadline}`,
      "黄伟 Huang Wei",
      "等待客户整改 Awaiting the customer's rectification",
      ...failed.flatMap((f) => [f.clause, f.textZh, f.note]),
    ])
      expect(holds(text, s), s).toBe(true);
    expect(failed.some((f) => f.measurement !== "") ? holds(text, failed.find((f) => f.measurement)!.measurement) : true).toBe(true);
  });
});

describe("the maintenance agreement 设备代维协议", () => {
  it("has the customer, the equipment, the period, the terms, who offered it and the customer's signature", async () => {
    const pdf = await renderMaintenance((await loadMaintenancePrint(t.db, lineman.user, agreementId, new Date()))!, { compress: false });
    out("maintenance", pdf);
    const { text, images } = pdfText(pdf);
    for (const s of [
      "设备代维协议",
      "Equipment Maintenance Agreement",
      agreementCode,
      "恒信贸易公司 Hengxin Trading",
      "松下 KX-TES824CN 用户交换机",
      "话务台 KX-T7730 ×2",
      `${today} — ${addDays(today, 364)}`,
      "每季度上门巡检一次",
      "王建国 Wang Jianguo",
      "有效 In force",
    ])
      expect(holds(text, s), s).toBe(true);
    expect(images).toBe(1);
  });
});

describe("the PDF routes: who may read", () => {
  const req = (path: string, who?: TPerson) => new Request(`${APP_ORIGIN}${path}`, { headers: who ? { cookie: who.cookie } : {} });
  const routes = [
    {
      name: "case",
      call: (id: string, who?: TPerson) => casePdfResponse(t.db, req(`/api/property/cases/${id}/pdf`, who), id),
      id: () => pbxId,
      code: () => "PBX-2026-0007",
    },
    {
      name: "letter",
      call: (id: string, who?: TPerson) => letterPdfResponse(t.db, req(`/api/property/letters/${id}/pdf`, who), id),
      id: () => letterId,
      code: () => "RL-2026-0003",
    },
    {
      name: "maintenance",
      call: (id: string, who?: TPerson) => maintenancePdfResponse(t.db, req(`/api/property/maintenance/${id}/pdf`, who), id),
      id: () => agreementId,
      code: () => agreementCode,
    },
  ];

  it.each(routes)("$name: the cases' readers get it named after its number", async (r) => {
    for (const who of [service, lineman, techhead, gm, opsHead]) {
      const res = await r.call(r.id(), who);
      expect(res.status, who.user.role).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${r.code()}.pdf"`);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
  });

  it.each(routes)("$name: 404 for a department that does not read them, an unknown or malformed id; 401 signed out", async (r) => {
    expect((await r.call(r.id(), keeper)).status).toBe(404);
    expect((await r.call("00000000-0000-4000-8000-000000000000", service)).status).toBe(404);
    expect((await r.call("../../etc", service)).status).toBe(404);
    expect((await r.call(r.id())).status).toBe(401);
  });
});
