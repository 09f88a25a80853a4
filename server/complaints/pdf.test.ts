import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEscalations, complaintEvents, complaints } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import type { SessionUser } from "@/server/auth/session";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { makeUser } from "@/tests/helpers/users";
import { ensurePolicy, form, makeKeyCustomer } from "./desk.fixtures";
import { renderComplaintForm, renderMonthSummary, renderReplyLetter } from "./pdf";
import { loadComplaintPrint } from "./pdf-data";
import { complaintPdfResponse, summaryResponse } from "./pdf-http";
import { monthSummary } from "./summary";

const NOW = new Date("2026-11-20T06:00:00Z"); // 14:00 in Shanghai
let t: TestDb;
const people = new Map<string, { user: SessionUser; cookie: string }>();
let letterForm: string;
let serviceForm: string;

beforeAll(async () => {
  t = await createTestDb();
  await ensurePolicy(t.db);
  const roles: [string, TRole, TDepartment][] = [
    ["desk", "customer_service", "customer_service"],
    ["quality", "quality", "enterprise_management"],
    ["opsHead", "department_head", "operations"],
    ["financeHead", "department_head", "finance"],
    ["recorder", "lineman", "terminal_service"],
    ["otherLineman", "lineman", "terminal_service"],
  ];
  for (const [key, role, department] of roles) {
    const u = await makeUser(t.db, { role, department, username: `pdf-c-${key.toLowerCase()}` });
    const { cookie, user } = await login(t.db, u.username, u.password);
    people.set(key, { user, cookie });
  }
  const kc = await makeKeyCustomer(t.db, "市第一医院");
  const recorder = people.get("recorder")!.user.id;
  const desk = people.get("desk")!.user.id;
  const a = form("TS-20261118-0007", recorder, {
    channel: "centre_180",
    centreRef: "180-2026-55123",
    customerName: "李女士",
    contact: "13912345678",
    words: "宽带每天晚上断线，已经报修两次。",
    status: "replied",
    category: "network_quality",
    department: "operations",
    receivedAt: new Date("2026-11-18T01:00:00Z"),
    dueAt: new Date("2026-11-20T16:00:00Z"),
    result: "更换了分光器，连续三天监测无断线。",
    replyMethod: "letter",
    repliedAt: new Date("2026-11-20T02:00:00Z"),
    letterProcess: "11 月 18 日受理，19 日运维部现场检测，发现分光器老化。",
    letterResult: "已更换分光器，线路恢复正常。",
    letterAt: new Date("2026-11-19T23:30:00Z"),
    escalation: "quality",
  });
  const b = form("TS-20261119-0002", desk, {
    kind: "service_request",
    serviceType: "repair",
    channel: "line_189",
    customerName: "市第一医院",
    keyCustomerId: kc.id,
    status: "classified",
    category: "fault_repair",
    department: "terminal_service",
    departmentsConcerned: ["terminal_service", "operations"],
    words: "门诊楼专线中断。",
    receivedAt: new Date("2026-11-19T01:00:00Z"),
    dueAt: new Date("2026-11-19T05:00:00Z"),
  });
  await t.db.insert(complaints).values([a, b]);
  letterForm = a.id!;
  serviceForm = b.id!;
  await t.db.insert(complaintEvents).values([
    { complaintId: a.id, action: "recorded", toStatus: "recorded", actorId: recorder, at: new Date("2026-11-18T01:00:00Z"), versionAfter: 1 },
    {
      complaintId: a.id,
      action: "classified",
      fromStatus: "recorded",
      toStatus: "classified",
      actorId: desk,
      at: new Date("2026-11-18T01:30:00Z"),
      versionAfter: 2,
    },
    {
      complaintId: a.id,
      action: "escalated",
      fromStatus: "investigating",
      toStatus: "investigating",
      note: "time limit passed",
      actorId: null,
      at: new Date("2026-11-19T16:05:00Z"),
      versionAfter: 4,
    },
  ]);
  await t.db.insert(complaintEscalations).values({
    complaintId: a.id,
    level: "quality",
    cause: "deadline_passed",
    reason: "超过时限未答复",
    dueAt: new Date("2026-11-19T16:00:00Z"),
    at: new Date("2026-11-19T16:05:00Z"),
  });
});
afterAll(async () => {
  await t?.close();
});

async function printed(id: string, which: "letter" | "form") {
  const print = await loadComplaintPrint(t.db, people.get("desk")!.user, id, NOW);
  if (!print) throw new Error("not readable");
  // uncompressed: the text can be read back (tests/helpers/pdf-text.ts)
  const pdf = which === "letter" ? await renderReplyLetter(print, { compress: false }) : await renderComplaintForm(print, { compress: false });
  if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-${which}.pdf`, pdf);
  return { pdf, ...pdfText(pdf) };
}

/** Whether the printed text holds `s`, whichever way the lines wrapped (a wrap is a space in English, nothing in Chinese). */
function holds(text: string, s: string): boolean {
  return text.replace(/\n/g, " ").includes(s) || text.replace(/\n/g, "").includes(s);
}

describe("complaint printouts", () => {
  it("the written reply: to the customer, their form number and the 180 reference, how it was handled, the result, date and department", async () => {
    const out = await printed(letterForm, "letter");
    expect(out.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    for (const s of [
      "书面答复 Written reply",
      "TS-20261118-0007",
      "李女士：",
      "To 李女士:",
      "180 投诉中心编号 180-2026-55123",
      "180 complaint centre reference 180-2026-55123",
      "处理经过 How it was handled",
      "分光器老化",
      "处理结果 Result",
      "已更换分光器，线路恢复正常。",
      "答复部门 Replying department",
      "运维部 Operations Dept",
      "2026-11-20", // the letter's day in Shanghai (23:30Z on the 19th)
      `第 1 页，共 ${out.pages} 页 Page 1 of ${out.pages}`,
      "生成于 2026-11-20 14:00:00（北京时间） Generated 2026-11-20 14:00:00 (Beijing time)",
    ])
      expect(holds(out.text, s), s).toBe(true);
  });

  it("the form: 《客户投诉查询表》 with intake, classification, handling, escalations and history", async () => {
    const out = await printed(letterForm, "form");
    for (const s of [
      "客户投诉查询表 Customer Complaint/Inquiry Form",
      "宽带每天晚上断线",
      "网络质量 Network quality",
      "运维部 Operations Dept",
      "2026-11-21 00:00:00", // answer by: the end of the 20th in Shanghai
      "更换了分光器",
      "Time limit passed",
      "超过时限未答复",
      "系统（作业） System (job runner)",
      "Classified",
    ])
      expect(holds(out.text, s), s).toBe(true);
  });

  it("a key customer's request prints as the service record with the departments concerned and the time limit", async () => {
    const out = await printed(serviceForm, "form");
    for (const s of [
      "重点客户服务记录 Key-customer service record",
      "相关部门 Departments concerned",
      "终端服务部 Terminal Service Dept",
      "4 hours",
      "市第一医院",
    ])
      expect(holds(out.text, s), s).toBe(true);
    expect(out.text).not.toContain("Customer Complaint/Inquiry Form");
  });

  it("the month summary prints its figures", async () => {
    const s = await monthSummary(t.db, "2026-11", NOW);
    const out = pdfText(await renderMonthSummary(s, { compress: false, generatedAt: NOW }));
    for (const x of [
      "客户投诉查询月度汇总 Monthly summary of complaints and inquiries",
      "受理 Received",
      "按受理渠道 By channel",
      "按时答复率 Share on time",
      "100.0%",
    ])
      expect(holds(out.text, x), x).toBe(true);
  });
});

describe("the printouts over HTTP", () => {
  const get = (path: string, who?: string) => new Request(`${APP_ORIGIN}${path}`, { headers: who ? { cookie: people.get(who)!.cookie } : {} });
  const pdfOf = (id: string, which: "letter" | "form", who?: string) => complaintPdfResponse(t.db, get(`/api/complaints/${id}/${which}.pdf`, who), id, which);

  it("gives the form and its letter to whoever may read the form, named after its number", async () => {
    for (const who of ["desk", "quality", "opsHead", "recorder"]) {
      const res = await pdfOf(letterForm, "letter", who);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="TS-20261118-0007-reply.pdf"');
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    const record = await pdfOf(serviceForm, "form", "opsHead"); // a department concerned
    expect(record.status).toBe(200);
    expect(record.headers.get("content-disposition")).toBe('attachment; filename="TS-20261119-0002-service-record.pdf"');
  });

  it("answers 404 to anyone else, for an unknown form, and for a letter not written; 401 without a session", async () => {
    expect((await pdfOf(letterForm, "letter", "otherLineman")).status).toBe(404);
    expect((await pdfOf(letterForm, "form", "financeHead")).status).toBe(404);
    expect((await pdfOf("00000000-0000-4000-8000-000000000000", "form", "desk")).status).toBe(404);
    expect((await pdfOf("not-a-uuid", "form", "desk")).status).toBe(404);
    expect((await pdfOf(serviceForm, "letter", "desk")).status).toBe(404);
    expect((await pdfOf(letterForm, "form")).status).toBe(401);
  });

  it("gives the month's summary as CSV (BOM) and PDF to those who read every form only", async () => {
    const sum = (month: string, format: string, who?: string) => summaryResponse(t.db, get(`/api/complaints/summary/${month}?format=${format}`, who), month);
    const csv = await sum("2026-11", "csv", "quality");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="complaints-2026-11.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("totals,received,");
    const pdf = await sum("2026-11", "pdf", "desk");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await sum("2026-11", "csv", "opsHead")).status).toBe(404);
    expect((await sum("2026-13", "csv", "desk")).status).toBe(404);
    expect((await sum("2026-11", "xml", "desk")).status).toBe(400);
    expect((await sum("2026-11", "csv")).status).toBe(401);
  });
});
