import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import bwipjs from "bwip-js/node";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDecoder } from "@/client/scanner";
import { acceptanceForms, countDifferences, items, receiptLines, receipts, stockCounts } from "@/db/schema";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { makeUser } from "@/tests/helpers/users";
import { leaseBlock, makeMaterial } from "@/tests/helpers/warehouse";
import type { SessionUser } from "@/server/auth/session";
import { loadFormPrint, renderAcceptanceForm } from "./pdf-form";
import { formPdfResponse, registerResponse, tagPngResponse, tagsPdfResponse } from "./pdf-http";
import { registerCsv, registerTable } from "./csv-registers";

let t: TestDb;
const people = new Map<string, { user: SessionUser; cookie: string; caller: Awaited<ReturnType<typeof login>>["caller"] }>();
let formId: string;
let formCode: string;
let tags: string[];
let receiptCode: string;
const NOW = new Date("2026-12-06T06:00:00Z");

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  for (const [key, role, department] of [
    ["keeper", "warehouse_keeper", "finance"],
    ["inspector", "lineman", "terminal_service"],
    ["other", "lineman", "operations"],
    ["quality", "quality", "enterprise_management"],
  ] as const) {
    const u = await makeUser(t.db, { role, department, username: `wh-pdf-${key}` });
    const l = await login(t.db, u.username, u.password);
    people.set(key, { user: l.user, cookie: l.cookie, caller: l.caller });
  }
  const mat = await makeMaterial(t.db, { serialised: false, code: "MAT-PDF-ONU-01" });
  const lease = await leaseBlock(t.db, people.get("keeper")!.user.id);
  const id = randomUUID();
  receiptCode = "RC-19990101-0901";
  await t.db.insert(receipts).values({
    id,
    code: receiptCode,
    purchaseRequest: "PR-2026-0042",
    department: "terminal_service",
    // a supplier's name that a spreadsheet would run as a formula
    supplier: '=HYPERLINK("http://x")',
    deliveryNote: "DN-88001",
    inspectionZone: "WH1-IN",
    status: "awaiting_inspection",
    receivedBy: people.get("keeper")!.user.id,
    receivedAt: new Date("2026-12-06T01:30:00Z"),
  });
  tags = [lease.take(), lease.take()];
  const ids: string[] = [];
  for (const [n, tag] of tags.entries()) {
    const lineId = randomUUID();
    await t.db.insert(receiptLines).values({ id: lineId, receiptId: id, lineNo: n + 1, materialCode: mat.code, quantity: 10, unit: "box", serialised: false });
    const [row] = await t.db
      .insert(items)
      .values({
        tagCode: tag,
        kind: "material",
        name: "ONU 光猫 / ONU modem",
        zoneCode: "WH1-IN",
        status: "pending_inspection",
        materialCode: mat.code,
        quantity: 10,
        receiptLineId: lineId,
      })
      .returning();
    ids.push(row!.id);
  }
  const signature = (await bwipjs.toBuffer({ bcid: "code128", text: "inspector's signature", scale: 2 })).toString("base64");
  ({ formCode } = await people.get("inspector")!.caller.warehouse.inspect({
    receiptId: id,
    signature,
    lines: [
      { itemId: ids[0]!, accepted: 10, rejected: 0, rejectTo: null, reason: "" },
      { itemId: ids[1]!, accepted: 7, rejected: 3, rejectTo: "returned", reason: "包装受潮 damp boxes" },
    ],
  }));
  const [form] = await t.db.select({ id: acceptanceForms.id }).from(acceptanceForms).where(eq(acceptanceForms.code, formCode));
  formId = form!.id;
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, who?: string) => new Request(`${APP_ORIGIN}${path}`, { headers: who ? { cookie: people.get(who)!.cookie } : {} });

describe("the Quality Acceptance Form PDF", () => {
  it("is bilingual, with the receipt, each tag's accepted / rejected / where / why, the inspector and the signature", async () => {
    const print = await loadFormPrint(t.db, people.get("quality")!.user, formId, NOW);
    const bytes = await renderAcceptanceForm(print!, { compress: false });
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-acceptance-form.pdf`, bytes);
    const pdf = pdfText(bytes);
    expect(pdf.text).toContain("质量认可单 Quality Acceptance Form");
    for (const s of [formCode, receiptCode, "PR-2026-0042", "DN-88001", tags[0]!, tags[1]!, "包装受潮 damp boxes", "退货", "Test lineman", "MAT-PDF-ONU-01"])
      expect(pdf.text).toContain(s);
    // a narrow column wraps its header: read it as one line
    expect(pdf.text.replace(/\s+/g, " ")).toContain("不合格 Rejected");
    expect(pdf.text).toContain("2026-12-06");
    expect(pdf.images).toBeGreaterThanOrEqual(1);
  });

  it("over HTTP: the readers and the requesting department; 404 for another department, 401 without a session", async () => {
    const ok = await formPdfResponse(t.db, get(`/api/warehouse/forms/${formId}/pdf`, "inspector"), formId);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await formPdfResponse(t.db, get(`/api/warehouse/forms/${formId}/pdf`, "quality"), formId)).status).toBe(200);
    expect((await formPdfResponse(t.db, get(`/api/warehouse/forms/${formId}/pdf`, "other"), formId)).status).toBe(404);
    expect((await formPdfResponse(t.db, get(`/api/warehouse/forms/${formId}/pdf`), formId)).status).toBe(401);
    expect((await formPdfResponse(t.db, get(`/api/warehouse/forms/x/pdf`, "quality"), "x")).status).toBe(404);
  });
});

describe("tag labels", () => {
  function wasmBinary(): ArrayBuffer {
    const buf = readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm"));
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  }

  it("a PDF sheet: the tag, the material, the receipt; a leased tag not yet used prints blank; an unknown tag is 404", async () => {
    const lease = await leaseBlock(t.db, people.get("keeper")!.user.id);
    const blank = lease.take();
    const res = await tagsPdfResponse(t.db, get(`/api/warehouse/tags.pdf?tags=${tags.join(",")},${blank}`, "keeper"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const buf = Buffer.from(await res.arrayBuffer());
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-tags.pdf`, buf);
    expect(buf.toString("latin1").match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect((await tagsPdfResponse(t.db, get(`/api/warehouse/tags.pdf?tags=ST-999998`, "keeper"))).status).toBe(404);
    expect((await tagsPdfResponse(t.db, get(`/api/warehouse/tags.pdf?tags=nonsense`, "keeper"))).status).toBe(400);
    expect((await tagsPdfResponse(t.db, get(`/api/warehouse/tags.pdf?tags=${tags[0]}`, "inspector"))).status).toBe(404);
  });

  it("one label as PNG: the app's scanner reads the QR and the Code 128 back as the tag", async () => {
    const res = await tagPngResponse(t.db, get(`/api/warehouse/tags/${tags[0]}.png`, "keeper"), `${tags[0]}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await res.arrayBuffer());
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-tag.png`, png);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([720, 360]);
    const decoder = createDecoder({ engine: "wasm", wasmBinary: wasmBinary() });
    const read = async (region: { left: number; top: number; width: number; height: number }) => {
      const raw = await sharp(png)
        .extract(region)
        .extend({ top: 20, bottom: 20, left: 20, right: 20, background: "#ffffff" })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return decoder.decode({
        data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength),
        width: raw.info.width,
        height: raw.info.height,
      });
    };
    expect(await read({ left: 0, top: 0, width: 280, height: 270 })).toEqual({ text: tags[0], format: "qr" });
    expect(await read({ left: 0, top: 268, width: 720, height: 92 })).toMatchObject({ text: tags[0], format: "code128" });
    expect((await tagPngResponse(t.db, get(`/api/warehouse/tags/ST-999997.png`, "keeper"), "ST-999997.png")).status).toBe(404);
  });
});

describe("registers", () => {
  it("CSV: bilingual headers, a BOM, formula cells defused", async () => {
    const res = await registerResponse(t.db, get("/api/warehouse/register/receipts.csv", "quality"), "receipts.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text.slice(1).split("\r\n");
    const first = rows.find((r) => r.startsWith(receiptCode))!;
    expect(header).toBe(
      "编号 Number,到货时间 Received,采购申请 Purchase request,部门 Department,供应商 Supplier,送货单号 Delivery note,行数 Lines,状态 Status,收货人 Received by,认可单 Form",
    );
    expect(first).toContain(receiptCode);
    expect(first).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(first).toContain(formCode);
  });

  it("every register's header row", async () => {
    const quality = people.get("quality")!.user;
    const headers = async (which: "forms" | "stock" | "quarantine" | "counts") =>
      registerCsv((await registerTable(t.db, quality, which, NOW))!)
        .slice(1)
        .split("\r\n")[0];
    expect(await headers("forms")).toBe("编号 Number,签认时间 Signed,到货单 Receipt,部门 Department,检验人 Inspector,合格 Accepted,不合格 Rejected");
    expect(await headers("stock")).toBe("库区 Zone,标识 Label,物料编码 Material code,名称 Name,标签数 Tags,数量 Quantity");
    expect(await headers("quarantine")).toBe(
      "标签 Tag,名称 Name,标识 Label,库区 Zone,数量 Quantity,负责人 Responsible,隔离起始 In quarantine since,天数 Days,超过 30 天 Over 30 days",
    );
    expect(await headers("counts")).toBe(
      "库区 Zone,盘点人 Counted by,开始 Started,提交 Submitted,应有 Expected,实盘 Found,差异 Differences,待确认 Open,结清 Settled",
    );
  });

  it("PDF: the register's title; who may not read it gets 404; an unknown register 404", async () => {
    const res = await registerResponse(t.db, get("/api/warehouse/register/stock.pdf", "quality"), "stock.pdf");
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const table = await registerTable(t.db, people.get("quality")!.user, "stock", NOW);
    expect(table!.rows.some((r) => r[0]!.startsWith("WH1-A"))).toBe(true);
    expect((await registerResponse(t.db, get("/api/warehouse/register/stock.csv", "inspector"), "stock.csv")).status).toBe(404);
    // anyone reads their department's receipts
    expect((await registerResponse(t.db, get("/api/warehouse/register/receipts.csv", "inspector"), "receipts.csv")).status).toBe(200);
    expect((await registerResponse(t.db, get("/api/warehouse/register/other.csv", "quality"), "other.csv")).status).toBe(404);
    expect((await registerResponse(t.db, get("/api/warehouse/register/forms.csv"), "forms.csv")).status).toBe(401);
  });

  it("a register file keeps the screen's filters; a malformed filter answers 404", async () => {
    const csvOf = async (path: string) =>
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(
        await (await registerResponse(t.db, get(path, "quality"), path.split("/").at(-1)!.split("?")[0]!)).arrayBuffer(),
      );
    const all = (await csvOf("/api/warehouse/register/stock.csv")).split("\r\n").filter((r) => r.length > 0);
    const onlyA = (await csvOf("/api/warehouse/register/stock.csv?zoneCode=WH1-A")).split("\r\n").filter((r) => r.length > 0);
    expect(onlyA.length).toBeGreaterThan(1);
    expect(onlyA.length).toBeLessThan(all.length);
    expect(onlyA.slice(1).every((r) => r.startsWith("WH1-A "))).toBe(true);
    const inspected = await csvOf("/api/warehouse/register/receipts.csv?status=inspected");
    expect(inspected).toContain(receiptCode);
    const waiting = await csvOf("/api/warehouse/register/receipts.csv?status=awaiting_inspection");
    expect(waiting).not.toContain(receiptCode);
    expect((await registerResponse(t.db, get("/api/warehouse/register/receipts.csv?department=nowhere", "quality"), "receipts.csv")).status).toBe(404);
  });
});

/** A register PDF's text: pdfkit deflates its streams (the table PDFs have no `compress: false`), inflated here first. */
function inflatedText(pdf: Buffer) {
  const src = pdf.toString("latin1").replace(/stream\n([\s\S]*?)\nendstream/g, (whole, body: string) => {
    try {
      return `stream\n${inflateSync(Buffer.from(body, "latin1")).toString("latin1")}\nendstream`;
    } catch {
      return whole;
    }
  });
  return pdfText(Buffer.from(src.replaceAll("/Filter /FlateDecode", ""), "latin1"));
}

describe("a stock-take's differences", () => {
  let countId: string;
  beforeAll(async () => {
    countId = randomUUID();
    const keeper = people.get("keeper")!.user;
    await t.db.insert(stockCounts).values({
      id: countId,
      zoneCode: "WH1-A",
      countedBy: keeper.id,
      startedAt: new Date("2026-12-06T02:00:00Z"),
      submittedAt: new Date("2026-12-06T02:20:00Z"),
      scans: ["ST-990002", "ST-990003"],
      expected: 1,
      found: 0,
      differences: 3,
    });
    await t.db.insert(countDifferences).values([
      {
        countId,
        kind: "missing",
        tag: "ST-990001",
        recordedZone: "WH1-A",
        statusAtCount: "accepted",
        resolution: "write_off",
        // a reason a spreadsheet would run as a formula
        reason: "=SUM(A1:A9)",
        resolvedBy: keeper.id,
        resolvedAt: new Date("2026-12-06T03:00:00Z"),
      },
      { countId, kind: "unexpected", tag: "ST-990002", recordedZone: "WH1-Q-RET", statusAtCount: "returned" },
      { countId, kind: "unknown", tag: "ST-990003" },
    ]);
  });

  const csvOf = async (path: string, who = "quality") => {
    const res = await registerResponse(t.db, get(path, who), path.split("/").at(-1)!.split("?")[0]!);
    return { res, text: res.status === 200 ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) : "" };
  };

  it("CSV: a BOM, bilingual headers, one row per difference (kind, label, where its record is, resolution, reason, who and when), formulas defused", async () => {
    const { res, text } = await csvOf(`/api/warehouse/register/differences.csv?count=${countId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="stock-take-WH1-A-2026-12-06.csv"');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text
      .slice(1)
      .split("\r\n")
      .filter((r) => r.length > 0);
    expect(header).toBe("标签 Tag,差异 Difference,标识 Label,记录库区 Recorded zone,处理结果 Resolution,原因 Reason,确认人 Confirmed by,确认时间 Confirmed");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(
      `ST-990001,缺失 Missing,合格 Accepted,WH1-A 合格品区 A,从本区注销（缺失） Write off this zone (missing),'=SUM(A1:A9),${people.get("keeper")!.user.displayName},2026-12-06 11:00:00`,
    );
    expect(rows[1]).toBe("ST-990002,属于其他区域 Belongs elsewhere,退货 Returned,WH1-Q-RET 退货区,待确认 Open,,,");
    expect(rows[2]).toBe("ST-990003,未知标签 Unknown tag,,,待确认 Open,,,");
  });

  it("PDF: the zone, the figures and each difference; 404 to who may not read the registers, for no count or an unknown one", async () => {
    const res = await registerResponse(t.db, get(`/api/warehouse/register/differences.pdf?count=${countId}`, "keeper"), "differences.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const buf = Buffer.from(await res.arrayBuffer());
    if (process.env.RECORD_PDF_OUT) writeFileSync(`${process.env.RECORD_PDF_OUT}-count-differences.pdf`, buf);
    const text = inflatedText(buf).text.replace(/\s+/g, " ");
    for (const s of [
      "盘点差异 Stock-take differences",
      "WH1-A 合格品区 A",
      "应有 1 · 实盘 0 · 差异 3 · 待确认 2",
      "ST-990001",
      "ST-990002",
      "ST-990003",
      "=SUM(A1:A9)",
      "WH1-Q-RET 退货区",
    ])
      expect(text).toContain(s);
    expect((await csvOf(`/api/warehouse/register/differences.csv?count=${countId}`, "inspector")).res.status).toBe(404);
    expect((await csvOf("/api/warehouse/register/differences.csv")).res.status).toBe(404);
    expect((await csvOf(`/api/warehouse/register/differences.csv?count=${randomUUID()}`)).res.status).toBe(404);
    expect((await csvOf("/api/warehouse/register/differences.csv?count=nonsense")).res.status).toBe(404);
  });
});
