import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { lettersPdfResponse, loadLetters, renderLetters } from "./letters-pdf";
import { answers, order } from "./satisfaction.fixtures";

let t: TestDb;
let quality: TPerson, service: TPerson, gm: TPerson, lineman: TPerson;
let id: string, code: string;
const holds = (text: string, s: string) => text.replace(/\s+/g, "").includes(s.replace(/\s+/g, ""));
const NAMES = ["张三", "李四", "城南五金店", "Acme Co., Ltd"];

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  service = await person(t.db, "customer_service", "customer_service");
  gm = await person(t.db, "general_manager", "enterprise_management");
  lineman = await person(t.db, "lineman", "terminal_service");
  for (const [i, name] of NAMES.entries())
    await order(t.db, { name, contact: `1380000000${i}`, day: `2026-03-0${i + 1}`, address: `开发区 ${i + 1} 号路 ${name}` });
  ({ id, code } = await quality.caller.survey.draw({ year: 2026, title: "2026 年终调查", sampleSize: 4, seed: 3 }));
  const { contacts } = await service.caller.survey.get({ id });
  const zhang = contacts.find((c) => c.name === "张三")!;
  await service.caller.survey.record({ id: zhang.id, version: 1, status: "answered", channel: "phone", answers: answers(4) });
});
afterAll(async () => {
  await t?.close();
});

describe("the Service Quality Customer Inquiry Letter (《服务质量客户征询函》)", () => {
  it("one page per customer still waiting for an answer, bilingual, with the eleven elements under their items", async () => {
    const print = (await loadLetters(t.db, id, "open", new Date()))!;
    expect(print.contacts.map((c) => c.name).sort()).toEqual(["Acme Co., Ltd", "李四", "城南五金店"].sort());
    const pdf = await renderLetters(print, { compress: false });
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-letters.pdf`, pdf);
    const { text, pages } = pdfText(pdf);
    expect(pages).toBe(3);
    for (const s of [
      "服务质量客户征询函",
      "Service Quality Customer Inquiry Letter",
      code,
      "李四",
      "城南五金店",
      "Acme Co., Ltd",
      "开发区 2 号路 李四",
      "① 服务态度",
      "① Staff attitude",
      "营业人员服务态度",
      "Voice clarity",
      "189 电话受理",
      "不了解",
      "意见和建议",
      "客户签字",
    ])
      expect(holds(text, s), s).toBe(true);
    expect(holds(text, "开发区 1 号路 张三")).toBe(false);
    const all = pdfText(await renderLetters((await loadLetters(t.db, id, "all", new Date()))!, { compress: false }));
    expect(all.pages).toBe(4);
    expect(holds(all.text, "张三")).toBe(true);
  });
});

describe("GET /api/analysis/surveys/<id>/letters", () => {
  const get = (who?: TPerson, query = "") =>
    new Request(`${APP_ORIGIN}/api/analysis/surveys/${id}/letters${query}`, { headers: who ? { cookie: who.cookie } : {} });

  it("gives the letters to quality and customer service, named after the survey", async () => {
    for (const who of [quality, service]) {
      const res = await lettersPdfResponse(t.db, get(who), id);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain(`${code}-letters.pdf`);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    expect((await lettersPdfResponse(t.db, get(service, "?contacts=all"), id)).status).toBe(200);
  });

  it("refuses other roles (403), no session (401), an unknown or malformed survey (404)", async () => {
    for (const who of [gm, lineman]) expect((await lettersPdfResponse(t.db, get(who), id)).status).toBe(403);
    expect((await lettersPdfResponse(t.db, get(), id)).status).toBe(401);
    expect((await lettersPdfResponse(t.db, get(quality), "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await lettersPdfResponse(t.db, get(quality), "not-a-uuid")).status).toBe(404);
  });
});
