import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { addDays } from "@/domain/time/calendar";
import { operatorToday } from "@/domain/time/operator";
import { person, sentAction, type TPerson } from "@/server/quality/actions.fixtures";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { pdfText } from "@/tests/helpers/pdf-text";
import { getFishbone } from "./fishbone";
import { renderFishbonePdf, fishbonePdfResponse } from "./fishbone-pdf";
import { fishboneSvg, truncate } from "./fishbone-svg";

let t: TestDb;
let quality: TPerson, head: TPerson, otherHead: TPerson, gm: TPerson, cs: TPerson;
let action: { ncId: string; ncCode: string; id: string; code: string };
const empty = { man: [], machine: [], material: [], method: [], environment: [], measurement: [] };
const causes = { ...empty, man: ["新装维人员未培训贴标步骤", "<script>alert(1)</script>"], method: ["贴标不在作业指导书中"] };
const holds = (text: string, s: string) => text.replace(/\s+/g, "").includes(s.replace(/\s+/g, ""));

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  otherHead = await person(t.db, "department_head", "finance");
  gm = await person(t.db, "general_manager", "enterprise_management");
  cs = await person(t.db, "customer_service", "customer_service");
  action = await sentAction(t.db, quality, { department: "terminal_service", requiredBy: addDays(operatorToday(), 7) });
});
afterAll(async () => {
  await t?.close();
});

describe("analysis.saveFishbone", () => {
  let id: string;
  it("quality creates one numbered FB-YYYY-NNNN, its nonconformity taken from the action; audited", async () => {
    const a = await quality.caller.analysis.saveFishbone({ problem: "ONU 未贴标签", actionId: action.id, causes });
    expect(a.code).toMatch(/^FB-\d{4}-0001$/);
    expect(a.version).toBe(1);
    const b = await quality.caller.analysis.saveFishbone({ problem: "第二个问题", causes: empty });
    expect(b.code).toBe(a.code.replace(/0001$/, "0002"));
    id = a.id;
    const f = await gm.caller.analysis.fishbone({ id });
    expect(f).toMatchObject({ code: a.code, ncCode: action.ncCode, actionCode: action.code, nonconformityId: action.ncId, can: { edit: false } });
    expect((await head.caller.analysis.fishbone({ id })).can.edit).toBe(true);
    const list = await head.caller.analysis.fishbones({});
    expect(list.rows.map((r) => r.code).sort()).toEqual([a.code, b.code]);
    expect((await gm.caller.analysis.fishbones({ actionId: action.id })).rows.map((r) => r.causeCount)).toEqual([3]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, a.id));
    expect(events.map((e) => e.name)).toEqual(["fishbone.saved"]);
    // the causes as saved are in the chain (an edit overwrites the row)
    expect((events[0]!.payload as { causes: unknown }).causes).toEqual((await gm.caller.analysis.fishbone({ id })).causes);
  });

  it("the action's department head edits on the version read; a stale version is a conflict", async () => {
    const saved = await head.caller.analysis.saveFishbone({ id, version: 1, problem: "ONU 未贴标签（已分析）", actionId: action.id, causes });
    expect(saved.version).toBe(2);
    const stale = await expectAppError(quality.caller.analysis.saveFishbone({ id, version: 1, problem: "x", actionId: action.id, causes }), "conflict");
    expect(stale.data.details).toMatchObject({ version: 2 });
  });

  it("refuses another head, a head creating or unlinking, other roles, and bad input with its keys", async () => {
    await expectAppError(otherHead.caller.analysis.saveFishbone({ id, version: 2, problem: "x", actionId: action.id, causes }), "forbidden");
    await expectAppError(head.caller.analysis.saveFishbone({ problem: "x", actionId: action.id, causes }), "forbidden");
    await expectAppError(head.caller.analysis.saveFishbone({ id, version: 2, problem: "x", actionId: null, causes }), "forbidden");
    await expectAppError(gm.caller.analysis.saveFishbone({ problem: "x", causes }), "forbidden");
    await expectAppError(cs.caller.analysis.fishbones({}), "forbidden");
    const blank = await expectAppError(quality.caller.analysis.saveFishbone({ problem: "", causes }), "bad_input");
    expect(blank.data.fieldErrors).toMatchObject({ problem: "validation.required" });
    const many = await expectAppError(
      quality.caller.analysis.saveFishbone({ problem: "x", causes: { ...empty, man: Array.from({ length: 13 }, (_, i) => `c${i}`) } }),
      "bad_input",
    );
    expect(many.data.fieldErrors).toMatchObject({ "causes.man": "analysis.validation.tooManyCauses" });
    await expectAppError(quality.caller.analysis.saveFishbone({ problem: "x", actionId: "00000000-0000-4000-8000-000000000000", causes }), "not_found");
    await expectAppError(gm.caller.analysis.fishbone({ id: "00000000-0000-4000-8000-000000000000" }), "not_found");
  });

  it("draws the diagram with every bone and escaped text, long causes cut", () => {
    const svg = fishboneSvg({ problem: "A & B <c>", causes: { ...causes, material: ["很".repeat(80)] } }, "en");
    expect(svg).toContain("A &amp; B &lt;c&gt;");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    for (const s of ["人 Man", "机 Machine", "料 Material", "法 Method", "环 Environment", "测 Measurement", "…"]) expect(svg).toContain(s);
    expect(fishboneSvg({ problem: "p", causes: empty }, "zh-CN")).toContain(">人<");
    expect(truncate("abcdef", 2)).toBe("abc…");
  });

  it("prints the diagram, the causes and the linked codes in both languages", async () => {
    const f = await getFishbone(t.db, gm.user, id);
    const pdf = await renderFishbonePdf(f, new Date(), { compress: false });
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-fishbone.pdf`, pdf);
    const { text } = pdfText(pdf);
    for (const s of [
      "鱼刺图",
      "Fishbone diagram",
      f.code,
      action.ncCode,
      action.code,
      "新装维人员未培训贴标步骤",
      "贴标不在作业指导书中",
      "纠正预防措施 Corrective action",
    ])
      expect(holds(text, s), s).toBe(true);
  });

  it("GET /api/analysis/fishbones/<id>/pdf: readers get it; 404 for others and bad ids; 401 signed out", async () => {
    const get = (who: TPerson | null, x = id) =>
      fishbonePdfResponse(t.db, new Request(`${APP_ORIGIN}/api/analysis/fishbones/${x}/pdf`, { headers: who ? { cookie: who.cookie } : {} }), x);
    const res = await get(otherHead);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await get(cs)).status).toBe(404);
    expect((await get(gm, "not-a-uuid")).status).toBe(404);
    expect((await get(gm, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get(null)).status).toBe(401);
  });
});
