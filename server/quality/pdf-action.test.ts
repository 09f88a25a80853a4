import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { person, sentAction, type TPerson } from "./actions.fixtures";
import { actionPdfResponse, loadActionPrint, renderActionRecord } from "./pdf-action";

let t: TestDb;
let quality: TPerson, head: TPerson, otherHead: TPerson, gm: TPerson;
let id: string, code: string, ncCode: string;
const today = operatorToday();
const holds = (text: string, s: string) => text.replace(/\s+/g, "").includes(s.replace(/\s+/g, ""));

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  otherHead = await person(t.db, "department_head", "finance");
  gm = await person(t.db, "general_manager", "enterprise_management");
  const a = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(today, 7), description: "给本月安装的全部 ONU 贴标签" });
  ({ id, code, ncCode } = a);
  await head.caller.actions.plan({
    actionId: id,
    version: 1,
    sign: true,
    causeAnalysis: "新装维人员未培训贴标步骤",
    causeCategory: "man",
    correction: "已补贴 12 台 ONU 标签",
    correctiveAction: "贴标纳入入职培训",
    preventiveAction: "部门负责人每月抽查",
    ownerId: head.id,
    dueOn: addDays(today, 10),
  });
  await head.caller.actions.implement({ actionId: id, version: 2, sign: true, note: "培训已完成" });
  await quality.caller.actions.verify({ actionId: id, version: 3, sign: true, effective: false, note: "仍有两台未贴", requiredBy: addDays(today, 5) });
});
afterAll(async () => {
  await t?.close();
});

describe("the Corrective/Preventive Action Record as printed", () => {
  it("is bilingual, with the nonconformity, the request and every signed step with its signer and date", async () => {
    const print = (await loadActionPrint(t.db, gm.user, id, new Date()))!;
    const pdf = await renderActionRecord(print, { compress: false });
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-action.pdf`, pdf);
    const { text } = pdfText(pdf);
    for (const s of [
      "纠正预防措施记录表",
      "Corrective/Preventive Action Record",
      code,
      ncCode,
      "不合格项 Nonconformity",
      "给本月安装的全部 ONU 贴标签",
      "新装维人员未培训贴标步骤",
      "人 Man",
      "验证无效 Verified not effective",
      "仍有两台未贴",
      quality.displayName,
      head.displayName,
      "SHA-256",
    ])
      expect(holds(text, s), s).toBe(true);
  });
});

describe("GET /api/quality/actions/<id>/pdf", () => {
  const get = (who?: TPerson) => new Request(`${APP_ORIGIN}/api/quality/actions/${id}/pdf`, { headers: who ? { cookie: who.cookie } : {} });

  it("gives the record to quality, the general manager and the department's head, named after its number", async () => {
    for (const who of [quality, gm, head]) {
      const res = await actionPdfResponse(t.db, get(who), id);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain(`${code}.pdf`);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
  });

  it("404 for another department's head, an unknown or malformed id; 401 signed out", async () => {
    expect((await actionPdfResponse(t.db, get(otherHead), id)).status).toBe(404);
    expect((await actionPdfResponse(t.db, get(quality), "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await actionPdfResponse(t.db, get(quality), "not-a-uuid")).status).toBe(404);
    expect((await actionPdfResponse(t.db, get(), id)).status).toBe(401);
  });
});
