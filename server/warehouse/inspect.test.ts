import { randomUUID } from "node:crypto";
import bwipjs from "bwip-js/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptanceForms, acceptanceLines, evidenceFiles, items, receiptLines, receipts } from "@/db/schema";
import type { TDepartment } from "@/domain/auth/roles";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { auditNamed, makeMaterial, noticesTo, stockEventsOf, warehousePerson, type TWarehousePerson } from "@/tests/helpers/warehouse";

let t: TestDb;
let keeper: TWarehousePerson, inspector: TWarehousePerson, otherDept: TWarehousePerson, quality: TWarehousePerson, lineman: TWarehousePerson;
let signature: string;
let serial: { code: string }, bulk: { code: string };
let tagNo = 500_000;

/** A receipt as receipt.record leaves it: pending tags in the inspection zone (inserted directly). */
async function receipt(o: { department?: TDepartment; lines?: { material: { code: string }; serialised: boolean; quantity: number }[] } = {}) {
  const id = randomUUID();
  const code = `RC-20261206-${String(++tagNo).slice(-4)}${tagNo}`;
  await t.db.insert(receipts).values({
    id,
    code,
    purchaseRequest: "PR-2026-0042",
    department: o.department ?? "terminal_service",
    supplier: "华为 Huawei",
    deliveryNote: `DN-${tagNo}`,
    inspectionZone: "WH1-IN",
    status: "awaiting_inspection",
    receivedBy: keeper.id,
    receivedAt: new Date(),
  });
  const lines = o.lines ?? [
    { material: serial, serialised: true, quantity: 2 },
    { material: bulk, serialised: false, quantity: 10 },
  ];
  const tags: { id: string; tag: string; quantity: number }[] = [];
  for (const [n, l] of lines.entries()) {
    const lineId = randomUUID();
    await t.db
      .insert(receiptLines)
      .values({ id: lineId, receiptId: id, lineNo: n + 1, materialCode: l.material.code, quantity: l.quantity, unit: "piece", serialised: l.serialised });
    const count = l.serialised ? l.quantity : 1;
    for (let k = 0; k < count; k++) {
      const tag = `ST-${String(++tagNo).padStart(6, "0")}`;
      const [row] = await t.db
        .insert(items)
        .values({
          tagCode: tag,
          kind: "material",
          name: "测试 Test",
          zoneCode: "WH1-IN",
          status: "pending_inspection",
          materialCode: l.material.code,
          quantity: l.serialised ? 1 : l.quantity,
          receiptLineId: lineId,
        })
        .returning();
      tags.push({ id: row!.id, tag, quantity: row!.quantity });
    }
  }
  return { id, code, tags };
}

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  keeper = await warehousePerson(t.db, "warehouse_keeper", "terminal_service");
  inspector = await warehousePerson(t.db, "department_head", "terminal_service");
  otherDept = await warehousePerson(t.db, "department_head", "operations");
  quality = await warehousePerson(t.db, "quality", "enterprise_management");
  lineman = await warehousePerson(t.db, "lineman", "terminal_service");
  signature = (await bwipjs.toBuffer({ bcid: "code128", text: "signed by the inspector", scale: 2 })).toString("base64");
  serial = await makeMaterial(t.db, { serialised: true });
  bulk = await makeMaterial(t.db, { serialised: false });
});
afterAll(async () => {
  await t?.close();
});

const accept = (tags: { id: string; quantity: number }[]) => tags.map((x) => ({ itemId: x.id, accepted: x.quantity, rejected: 0, rejectTo: null, reason: "" }));

describe("warehouse.inspect: who", () => {
  it("a keeper never inspects, not even one of the requesting department (not_allowed, by the role list)", async () => {
    const r = await receipt();
    await expectAppError(keeper.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature }), "forbidden");
  });

  it("someone of another department is refused: not_allowed", async () => {
    const r = await receipt();
    const shape = await expectAppError(otherDept.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "not_allowed" });
    // quality is not the requesting department either
    const q = await expectAppError(quality.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature }), "rule_violation");
    expect(q.data.details).toMatchObject({ rule: "not_allowed" });
  });

  it("an unknown receipt: not_found", async () => {
    await expectAppError(
      inspector.caller.warehouse.inspect({ receiptId: randomUUID(), lines: [accept([{ id: randomUUID(), quantity: 1 }])[0]!], signature }),
      "not_found",
    );
  });
});

describe("warehouse.inspect: the form", () => {
  it("accepts in part: the form, its lines, stock events, the receipt inspected, the audit event, the keeper told, the signature stored", async () => {
    const r = await receipt();
    const [a, b, lot] = r.tags;
    const photo = { mime: "image/jpeg" as const, base64: Buffer.from("a photo of the dent").toString("base64") };
    const { formCode } = await lineman.caller.warehouse.inspect({
      receiptId: r.id,
      note: "抽检 spot check",
      signature,
      lines: [
        { itemId: a!.id, accepted: 1, rejected: 0, rejectTo: null, reason: "" },
        { itemId: b!.id, accepted: 0, rejected: 1, rejectTo: "returned", reason: "外壳破损 cracked case", photo },
        { itemId: lot!.id, accepted: 7, rejected: 3, rejectTo: "pending_disposal", reason: "3 盒受潮 damp" },
      ],
    });
    expect(formCode).toMatch(/^QA-\d{8}-\d{4}$/);
    const [form] = await t.db.select().from(acceptanceForms).where(eq(acceptanceForms.receiptId, r.id));
    expect(form).toMatchObject({ code: formCode, department: "terminal_service", inspectorId: lineman.id, note: "抽检 spot check" });
    const [sig] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, form!.signatureSha256));
    expect(sig?.mime).toBe("image/png");
    expect(Buffer.from(sig!.data).toString("base64")).toBe(signature);
    const lines = await t.db.select().from(acceptanceLines).where(eq(acceptanceLines.formId, form!.id));
    expect(lines).toHaveLength(3);
    const lineB = lines.find((l) => l.itemId === b!.id)!;
    expect(lineB).toMatchObject({ accepted: 0, rejected: 1, rejectTo: "returned" });
    expect(lineB.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.find((l) => l.itemId === a!.id)!.rejectTo).toBeNull();
    expect((await stockEventsOf(t.db, lot!.id)).map((e) => [e.kind, e.quantity, e.ref])).toEqual([["inspected", 7, formCode]]);
    const [after] = await t.db.select().from(receipts).where(eq(receipts.id, r.id));
    expect(after).toMatchObject({ status: "inspected", version: 2 });
    const [audit] = await auditNamed(t.db, r.id, "receipt.inspected");
    expect(audit?.payload).toMatchObject({ code: r.code, formCode, signatureSha256: form!.signatureSha256 });
    const told = await noticesTo(t.db, keeper.id, "warehouse.inspected");
    expect(told.at(-1)).toMatchObject({ href: `/warehouse/label#${r.id}`, params: { code: r.code, accepted: 8, rejected: 4 } });

    // the receipt page shows the form; the keeper may label now, nobody may inspect
    const page = await keeper.caller.warehouse.receipt({ id: r.id });
    expect(page.form?.code).toBe(formCode);
    expect(page.form?.lines).toHaveLength(3);
    expect(page.can).toEqual({ inspect: false, label: true });
    expect(page.lines.map((l) => l.items.length)).toEqual([2, 1]);
  });

  it("twice: already_inspected", async () => {
    const r = await receipt();
    await inspector.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature });
    const shape = await expectAppError(inspector.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature }), "rule_violation");
    expect(shape.data.details).toMatchObject({ rule: "already_inspected" });
  });

  it("quantities must add up to the tag's (quantity_mismatch); a rejection names its target (reject_target_required)", async () => {
    const r = await receipt();
    const [a, b, lot] = r.tags;
    const lines = (lotLine: { accepted: number; rejected: number; rejectTo: "returned" | null; reason: string }) => [
      ...accept([a!, b!]),
      { itemId: lot!.id, ...lotLine },
    ];
    const short = await expectAppError(
      inspector.caller.warehouse.inspect({ receiptId: r.id, signature, lines: lines({ accepted: 6, rejected: 3, rejectTo: "returned", reason: "湿 damp" }) }),
      "rule_violation",
    );
    expect(short.data.details).toMatchObject({ rule: "quantity_mismatch", tag: lot!.tag, quantity: 10 });
    // the schema already refuses a rejection without its target, on the field
    const noTarget = await expectAppError(
      inspector.caller.warehouse.inspect({ receiptId: r.id, signature, lines: lines({ accepted: 7, rejected: 3, rejectTo: null, reason: "湿 damp" }) }),
      "bad_input",
    );
    expect(noTarget.data.fieldErrors).toMatchObject({ "lines.2.rejectTo": "warehouse.validation.rejectTo" });
    const [still] = await t.db.select().from(receipts).where(eq(receipts.id, r.id));
    expect(still?.status).toBe("awaiting_inspection");
  });

  it("every pending tag of the receipt exactly once, and no other (bad_input on lines)", async () => {
    const r = await receipt();
    const other = await receipt();
    const missing = await expectAppError(inspector.caller.warehouse.inspect({ receiptId: r.id, signature, lines: accept(r.tags.slice(1)) }), "bad_input");
    expect(missing.data.fieldErrors).toMatchObject({ lines: "warehouse.validation.lines" });
    await expectAppError(inspector.caller.warehouse.inspect({ receiptId: r.id, signature, lines: accept([...r.tags, r.tags[0]!]) }), "bad_input");
    await expectAppError(inspector.caller.warehouse.inspect({ receiptId: r.id, signature, lines: accept([...r.tags, other.tags[0]!]) }), "bad_input");
  });

  it("a signature that is not a PNG is refused on its field", async () => {
    const r = await receipt();
    const shape = await expectAppError(
      inspector.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature: Buffer.from("x".repeat(120)).toString("base64") }),
      "bad_input",
    );
    expect(shape.data.fieldErrors).toMatchObject({ signature: "warehouse.validation.signature" });
  });
});

describe("warehouse.receipts and receipt: who reads", () => {
  it("the registers' readers see every receipt; anyone else only their department's", async () => {
    const ops = await receipt({ department: "operations" });
    const ts = await receipt({ department: "terminal_service" });
    const all = await quality.caller.warehouse.receipts({ limit: 200 });
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining([ops.id, ts.id]));
    const mine = await lineman.caller.warehouse.receipts({ limit: 200 });
    expect(mine.rows.map((r) => r.id)).toContain(ts.id);
    expect(mine.rows.every((r) => r.department === "terminal_service")).toBe(true);
    await expectAppError(lineman.caller.warehouse.receipt({ id: ops.id }), "not_found");
    const page = await otherDept.caller.warehouse.receipt({ id: ops.id });
    expect(page.can).toEqual({ inspect: true, label: false });
    expect(page.form).toBeNull();
  });

  it("pages newest first by keyset, filters by status and finds a delivery note", async () => {
    const made = [await receipt(), await receipt(), await receipt()];
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const p = await quality.caller.warehouse.receipts({ limit: 2, cursor });
      seen.push(...p.rows.map((r) => r.id));
      if (!p.next) break;
      cursor = p.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made.map((m) => m.id)));
    const found = await quality.caller.warehouse.receipts({ q: `DN-${made[1]!.tags[0]!.tag.slice(3)}` });
    expect(found.rows).toHaveLength(0);
    const [row] = await t.db.select().from(receipts).where(eq(receipts.id, made[1]!.id));
    const byNote = await quality.caller.warehouse.receipts({ q: row!.deliveryNote });
    expect(byNote.rows.map((r) => r.id)).toEqual([made[1]!.id]);
    expect(byNote.rows[0]).toMatchObject({ lineCount: 2, formCode: null, status: "awaiting_inspection" });
    const inspected = await quality.caller.warehouse.receipts({ status: "inspected", limit: 200 });
    expect(inspected.rows.every((r) => r.status === "inspected" && r.formCode !== null)).toBe(true);
  });

  it("warehouse.forms lists the signed forms with the units accepted and rejected", async () => {
    const r = await receipt();
    const { formCode } = await inspector.caller.warehouse.inspect({ receiptId: r.id, lines: accept(r.tags), signature });
    const forms = await quality.caller.warehouse.forms({ limit: 200 });
    expect(forms.rows.find((f) => f.code === formCode)).toMatchObject({ receiptId: r.id, receiptCode: r.code, accepted: 12, rejected: 0 });
  });
});
