import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { ITEM_STATUSES } from "@/domain/items/labels";
import { CATALOGUES } from "@/messages/catalogue";
import { RESOLUTIONS } from "./count";
import { MAX_LINE_QUANTITY, MAX_RECEIPT_LINES, MAX_SERIALISED_QUANTITY, REJECT_TARGETS } from "./model";
import {
  MAX_COUNT_SCANS,
  WAREHOUSE_MUTATION_VERSIONS,
  ZConfirmAdjustmentInput,
  ZInspectInput,
  ZItemExpected,
  ZLabelByFormArgs,
  ZLeaseTagsInput,
  ZMaterialCode,
  ZRecordReceiptArgs,
  ZStockMoveArgs,
  ZStockSearch,
  ZStockTag,
  ZSubmitCountArgs,
} from "./schemas";
import { stockTag } from "./tags";

const ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
const OTHER = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
const uuid = (n: number) => `0193a1b2-c3d4-7e5f-8a6b-${String(n).padStart(12, "0")}`;
const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => stockTag(from + i));

/** Every message a test below saw, checked against both catalogues at the end. */
const seen = new Set<string>();

function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  const out = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  for (const i of out) seen.add(i.message);
  return out;
}

/** The input is refused, only at `path`, and some issue there carries `message`. */
function refusedAt(schema: z.ZodType, input: unknown, path: string, message?: string) {
  const found = issues(schema, input);
  expect(found.length, JSON.stringify(input).slice(0, 200)).toBeGreaterThan(0);
  expect(
    found.every((i) => i.path === path || i.path.startsWith(`${path}.`)),
    JSON.stringify(found),
  ).toBe(true);
  if (message !== undefined) expect(found.map((i) => i.message)).toContain(message);
}

const SERIAL = { id: uuid(11), materialCode: "MAT-ONU-HG8245", quantity: 3, serialised: true, tags: tags(1001, 3), supplierCode: "6901234567892" };
const BULK = { id: uuid(12), materialCode: "MAT-CAT6-305", quantity: 20, serialised: false, tags: ["ST-001004"] };
const RECEIPT = {
  id: ID,
  purchaseRequest: "PR-2026-0042",
  department: "operations",
  supplier: "华为技术有限公司",
  deliveryNote: "DN-88123",
  inspectionZone: "WH1-IN",
  lines: [SERIAL, BULK],
};
const withLine = (i: number, over: Record<string, unknown>) => ({ ...RECEIPT, lines: RECEIPT.lines.map((l, j) => (j === i ? { ...l, ...over } : l)) });

describe("receipt.record v1 (ZRecordReceiptArgs)", () => {
  test("a serialised and a bulk line are accepted, cleaned, with the note's default", () => {
    const parsed = ZRecordReceiptArgs.parse({ ...RECEIPT, supplier: "  华为技术有限公司 " });
    expect(parsed.supplier).toBe("华为技术有限公司");
    expect(parsed.note).toBe("");
    expect(parsed.lines).toHaveLength(2);
  });

  test("serialised: one tag per unit, no more, no fewer", () => {
    refusedAt(ZRecordReceiptArgs, withLine(0, { tags: tags(1001, 2) }), "lines.0.tags", "warehouse.validation.tagCount");
    refusedAt(ZRecordReceiptArgs, withLine(0, { tags: tags(1101, 4) }), "lines.0.tags", "warehouse.validation.tagCount");
    expect(issues(ZRecordReceiptArgs, withLine(0, { quantity: 1, tags: ["ST-001001"] }))).toEqual([]);
  });

  test("bulk: exactly one lot tag, whatever the quantity", () => {
    refusedAt(ZRecordReceiptArgs, withLine(1, { tags: ["ST-001004", "ST-001005"] }), "lines.1.tags", "warehouse.validation.tagCount");
    refusedAt(ZRecordReceiptArgs, withLine(1, { tags: [] }), "lines.1.tags");
    expect(issues(ZRecordReceiptArgs, withLine(1, { quantity: MAX_LINE_QUANTITY }))).toEqual([]);
  });

  test(`at most ${MAX_SERIALISED_QUANTITY} serialised units on a line`, () => {
    expect(
      issues(ZRecordReceiptArgs, { ...RECEIPT, lines: [{ ...SERIAL, quantity: MAX_SERIALISED_QUANTITY, tags: tags(2001, MAX_SERIALISED_QUANTITY) }] }),
    ).toEqual([]);
    const over = issues(ZRecordReceiptArgs, {
      ...RECEIPT,
      lines: [{ ...SERIAL, quantity: MAX_SERIALISED_QUANTITY + 1, tags: tags(2001, MAX_SERIALISED_QUANTITY) }],
    });
    expect(over).toContainEqual({ path: "lines.0.quantity", message: "warehouse.validation.tooManySerials" });
  });

  test("a tag twice is refused: on one line, or on two", () => {
    refusedAt(ZRecordReceiptArgs, withLine(0, { tags: ["ST-001001", "ST-001002", "ST-001001"] }), "lines.0.tags", "warehouse.validation.tagTwice");
    refusedAt(ZRecordReceiptArgs, withLine(1, { tags: ["ST-001002"] }), "lines.1.tags", "warehouse.validation.tagTwice");
  });

  test("any receipt whose tags are all different and one per unit/lot passes (property)", () => {
    const arbLine = fc.record({ serialised: fc.boolean(), quantity: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: MAX_RECEIPT_LINES }), (ls) => {
        let next = 1001;
        const lines = ls.map((l, i) => {
          const n = l.serialised ? l.quantity : 1;
          next += n;
          return { id: uuid(100 + i), materialCode: "MAT-X1", quantity: l.quantity, serialised: l.serialised, tags: tags(next - n, n) };
        });
        expect(issues(ZRecordReceiptArgs, { ...RECEIPT, lines })).toEqual([]);
      }),
    );
  });

  test.each(["ST-1", "ST-00100", "ST-0010011", "st-001001", "EQ-001001", "ST 001001", "ST-00100a", "ST-001001\n", "", "ＳＴ-001001"])("a bad tag %j", (tag) => {
    refusedAt(ZRecordReceiptArgs, withLine(1, { tags: [tag] }), "lines.1.tags.0", "warehouse.validation.tag");
    refusedAt(ZStockTag, tag, "", "warehouse.validation.tag");
  });

  test.each([0, -1, 1.5, MAX_LINE_QUANTITY + 1])("a line of %d units", (quantity) => {
    refusedAt(ZRecordReceiptArgs, withLine(1, { quantity }), "lines.1.quantity", "warehouse.validation.quantity");
  });

  test.each([Number.NaN, "3", null])("a quantity that is no number (%j)", (quantity) => {
    refusedAt(ZRecordReceiptArgs, withLine(1, { quantity }), "lines.1.quantity", "validation.required");
  });

  test("lines: at least one, at most 50", () => {
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, lines: [] }, "lines", "warehouse.validation.lines");
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...BULK, id: uuid(200 + i), tags: [stockTag(3000 + i)] }));
    expect(issues(ZRecordReceiptArgs, { ...RECEIPT, lines: many(MAX_RECEIPT_LINES) })).toEqual([]);
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, lines: many(MAX_RECEIPT_LINES + 1) }, "lines");
  });

  test.each(["mat-onu", "M", "-MAT", "MAT ONU", "MAT_ONU", `M${"A".repeat(40)}`, "材料"])("a material code %j", (materialCode) => {
    refusedAt(ZRecordReceiptArgs, withLine(0, { materialCode }), "lines.0.materialCode", "warehouse.validation.material");
    refusedAt(ZMaterialCode, materialCode, "", "warehouse.validation.material");
  });

  test("required fields and their lengths", () => {
    for (const field of ["purchaseRequest", "supplier", "deliveryNote", "inspectionZone"]) {
      refusedAt(ZRecordReceiptArgs, { ...RECEIPT, [field]: "" }, field, "validation.required");
      refusedAt(ZRecordReceiptArgs, { ...RECEIPT, [field]: " \u200B " }, field, "validation.required");
    }
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, purchaseRequest: "P".repeat(41) }, "purchaseRequest", "validation.tooLong");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, supplier: "供".repeat(121) }, "supplier", "validation.tooLong");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, deliveryNote: "D".repeat(61) }, "deliveryNote", "validation.tooLong");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, note: "n".repeat(501) }, "note", "validation.tooLong");
    refusedAt(ZRecordReceiptArgs, withLine(0, { supplierCode: "9".repeat(121) }), "lines.0.supplierCode", "validation.tooLong");
    expect(issues(ZRecordReceiptArgs, { ...RECEIPT, purchaseRequest: "P".repeat(40), supplier: "供".repeat(120), deliveryNote: "D".repeat(60) })).toEqual([]);
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, department: "warehouse" }, "department", "validation.required");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, id: "not-a-uuid" }, "id");
    refusedAt(ZRecordReceiptArgs, withLine(0, { id: "x" }), "lines.0.id");
  });

  test.each([
    ["a right-to-left override", "DN-\u202E321", "validation.text.bidi"],
    ["an isolate", "\u2066DN-1\u2069", "validation.text.bidi"],
    ["NUL", "DN-\u00001", "validation.text.nul"],
    ["a line break", "DN-1\nDN-2", "validation.text.control"],
    ["a bell", "DN-\u00071", "validation.text.control"],
    ["a lone surrogate", "DN-\uD800", "validation.text.lone_surrogate"],
  ])("hostile text in a line field: %s", (_what, text, message) => {
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, deliveryNote: text }, "deliveryNote", message);
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, supplier: text }, "supplier", message);
  });

  test("a note may break lines, never hide its direction", () => {
    expect(ZRecordReceiptArgs.parse({ ...RECEIPT, note: "两箱破损\r\nTwo boxes dented" }).note).toBe("两箱破损\nTwo boxes dented");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, note: "ok\u202Egnorw" }, "note", "validation.text.bidi");
    refusedAt(ZRecordReceiptArgs, { ...RECEIPT, note: "a\u0000b" }, "note", "validation.text.nul");
  });
});

describe("receipt.label v1 (ZLabelByFormArgs)", () => {
  test("the tag alone, or with zones, a split tag, a person and a photo", () => {
    expect(issues(ZLabelByFormArgs, { itemId: ID })).toEqual([]);
    expect(
      issues(ZLabelByFormArgs, {
        itemId: ID,
        stockZone: "WH1-A",
        quarantineZone: "WH1-Q-RET",
        splitTag: "ST-001201",
        responsibleId: OTHER,
        photo: { mime: "image/jpeg", base64: "AAAA" },
      }),
    ).toEqual([]);
    refusedAt(ZLabelByFormArgs, { itemId: ID, splitTag: "ST-12" }, "splitTag", "warehouse.validation.tag");
    refusedAt(ZLabelByFormArgs, { itemId: ID, responsibleId: "keeper" }, "responsibleId");
    refusedAt(ZLabelByFormArgs, { itemId: ID, stockZone: "" }, "stockZone", "validation.required");
    refusedAt(ZLabelByFormArgs, { itemId: ID, quarantineZone: "Z".repeat(41) }, "quarantineZone", "validation.tooLong");
    refusedAt(ZItemExpected, { version: 0 }, "version");
    expect(issues(ZItemExpected, { version: 3 })).toEqual([]);
  });
});

describe("stock.move v1 (ZStockMoveArgs)", () => {
  const MOVE = { id: ID, itemId: OTHER, kind: "issue", quantity: 2 };
  test("exactly one of a person and a department", () => {
    expect(issues(ZStockMoveArgs, { ...MOVE, toUserId: uuid(5) })).toEqual([]);
    for (const d of DEPARTMENTS) expect(issues(ZStockMoveArgs, { ...MOVE, kind: "return", toDepartment: d })).toEqual([]);
    refusedAt(ZStockMoveArgs, MOVE, "toUserId", "warehouse.validation.holder");
    refusedAt(ZStockMoveArgs, { ...MOVE, toUserId: uuid(5), toDepartment: "operations" }, "toUserId", "warehouse.validation.holder");
  });

  test("its kind, quantity, zone and note", () => {
    const ok = { ...MOVE, toUserId: uuid(5) };
    refusedAt(ZStockMoveArgs, { ...ok, kind: "transfer" }, "kind");
    for (const quantity of [0, -3, 2.5, MAX_LINE_QUANTITY + 1]) refusedAt(ZStockMoveArgs, { ...ok, quantity }, "quantity", "warehouse.validation.quantity");
    refusedAt(ZStockMoveArgs, { ...ok, toDepartment: "warehouse", toUserId: undefined }, "toDepartment");
    refusedAt(ZStockMoveArgs, { ...ok, zoneCode: "" }, "zoneCode", "validation.required");
    refusedAt(ZStockMoveArgs, { ...ok, note: "x\u202Ey" }, "note", "validation.text.bidi");
    expect(ZStockMoveArgs.parse(ok).note).toBe("");
  });
});

describe("count.submit v1 (ZSubmitCountArgs)", () => {
  const COUNT = { id: ID, zoneCode: "WH1-A", startedAt: "2026-03-01T08:00:00+08:00", scans: ["ST-001001", "EQ-000201", "6901234567892"] };
  test("a count, and its limits", () => {
    expect(issues(ZSubmitCountArgs, COUNT)).toEqual([]);
    expect(issues(ZSubmitCountArgs, { ...COUNT, scans: [], startedAt: "2026-03-01T00:00:00Z" })).toEqual([]);
    expect(issues(ZSubmitCountArgs, { ...COUNT, scans: tags(1, MAX_COUNT_SCANS) })).toEqual([]);
    refusedAt(ZSubmitCountArgs, { ...COUNT, scans: tags(1, MAX_COUNT_SCANS + 1) }, "scans");
    refusedAt(ZSubmitCountArgs, { ...COUNT, scans: ["ST-001001", ""] }, "scans.1");
    refusedAt(ZSubmitCountArgs, { ...COUNT, scans: ["X".repeat(41)] }, "scans.0", "validation.tooLong");
    refusedAt(ZSubmitCountArgs, { ...COUNT, scans: ["ST-\u202E100"] }, "scans.0", "validation.text.bidi");
    refusedAt(ZSubmitCountArgs, { ...COUNT, scans: ["ST-\u0000"] }, "scans.0", "validation.text.nul");
    for (const startedAt of ["2026-03-01", "2026-03-01 08:00", "yesterday", ""]) refusedAt(ZSubmitCountArgs, { ...COUNT, startedAt }, "startedAt");
    refusedAt(ZSubmitCountArgs, { ...COUNT, zoneCode: "" }, "zoneCode", "validation.required");
  });
});

describe("the Quality Acceptance Form (ZInspectInput)", () => {
  const SIG = "iVBORw0KGgo".padEnd(200, "A");
  const LINE = { itemId: OTHER, accepted: 8, rejected: 2, rejectTo: "returned", reason: "2 台外壳破损" };
  const FORM = { receiptId: ID, lines: [LINE], signature: SIG };
  test("a signed form with a split line", () => {
    const parsed = ZInspectInput.parse(FORM);
    expect(parsed.note).toBe("");
    expect(parsed.lines[0]).toMatchObject(LINE);
    for (const rejectTo of REJECT_TARGETS) expect(issues(ZInspectInput, { ...FORM, lines: [{ ...LINE, rejectTo }] })).toEqual([]);
    expect(issues(ZInspectInput, { ...FORM, lines: [{ itemId: OTHER, accepted: 10, rejected: 0, rejectTo: null }] })).toEqual([]);
  });

  test("a rejection names where it goes and why", () => {
    refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, rejectTo: null }] }, "lines.0.rejectTo", "warehouse.validation.rejectTo");
    refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, reason: "" }] }, "lines.0.reason", "warehouse.validation.rejectReason");
    refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, reason: " \u200B\n " }] }, "lines.0.reason", "warehouse.validation.rejectReason");
    refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, rejectTo: "scrapped" }] }, "lines.0.rejectTo");
    refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, reason: "坏\u202E了" }] }, "lines.0.reason", "validation.text.bidi");
  });

  test("quantities are whole and not negative; lines 1 and more; a signature", () => {
    for (const [accepted, rejected] of [
      [-1, 2],
      [8, -2],
      [1.5, 2],
      [MAX_LINE_QUANTITY + 1, 0],
    ])
      refusedAt(ZInspectInput, { ...FORM, lines: [{ ...LINE, accepted, rejected }] }, "lines.0");
    refusedAt(ZInspectInput, { ...FORM, lines: [] }, "lines");
    refusedAt(ZInspectInput, { ...FORM, signature: "AAAA" }, "signature", "warehouse.validation.signature");
    refusedAt(ZInspectInput, { ...FORM, signature: `${SIG}!` }, "signature");
    refusedAt(ZInspectInput, { ...FORM, signature: "A".repeat(700_004) }, "signature");
    refusedAt(ZInspectInput, { ...FORM, note: "n".repeat(1001) }, "note", "validation.tooLong");
  });
});

describe("office inputs", () => {
  test("confirming an adjustment: a known resolution and a reason", () => {
    for (const resolution of Object.values(RESOLUTIONS).flat())
      expect(issues(ZConfirmAdjustmentInput, { differenceId: ID, resolution, reason: "盘点复核" })).toEqual([]);
    refusedAt(ZConfirmAdjustmentInput, { differenceId: ID, resolution: "ignore", reason: "x" }, "resolution");
    refusedAt(ZConfirmAdjustmentInput, { differenceId: ID, resolution: "write_off", reason: "  " }, "reason", "validation.required");
    refusedAt(ZConfirmAdjustmentInput, { differenceId: ID, resolution: "write_off", reason: "r".repeat(501) }, "reason", "validation.tooLong");
  });

  test("leasing tags: a device id", () => {
    expect(issues(ZLeaseTagsInput, { deviceId: ID })).toEqual([]);
    refusedAt(ZLeaseTagsInput, { deviceId: "phone-1" }, "deviceId");
  });

  test("search: defaults, filters, limits", () => {
    expect(ZStockSearch.parse({})).toEqual({ q: "", limit: 50 });
    for (const status of ITEM_STATUSES) expect(issues(ZStockSearch, { status })).toEqual([]);
    expect(ZStockSearch.parse({ q: "  光猫 " }).q).toBe("光猫");
    refusedAt(ZStockSearch, { status: "lost" }, "status");
    refusedAt(ZStockSearch, { q: "q".repeat(61) }, "q", "validation.tooLong");
    refusedAt(ZStockSearch, { q: "光猫\u202E" }, "q", "validation.text.bidi");
    refusedAt(ZStockSearch, { q: "a\nb" }, "q", "validation.text.control");
    for (const limit of [0, 101, 2.5]) refusedAt(ZStockSearch, { limit }, "limit");
    refusedAt(ZStockSearch, { cursor: "c".repeat(81) }, "cursor");
    refusedAt(ZStockSearch, { zoneCode: "" }, "zoneCode", "validation.required");
  });

  test("the offline mutations and their versions (public contract)", () => {
    expect(WAREHOUSE_MUTATION_VERSIONS).toEqual({ "receipt.record": [1], "receipt.label": [1], "stock.move": [1], "count.submit": [1] });
  });
});

describe("messages", () => {
  const has = (catalogue: Record<string, unknown>, key: string) =>
    typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";

  test("every message key schemas.ts names, and every one the tests above met, is in both catalogues", () => {
    const source = readFileSync(fileURLToPath(new URL("./schemas.ts", import.meta.url)), "utf8");
    const named = [...source.matchAll(/"((?:warehouse\.)?validation\.[A-Za-z.]+)"/g)].map((m) => m[1]!);
    expect(named).toContain("warehouse.validation.tagTwice");
    const keys = new Set([...named, ...[...seen].filter((m) => /^(warehouse\.)?validation\./.test(m) && !m.startsWith("validation.photo"))]);
    for (const key of keys) {
      expect(has(CATALOGUES.en, key), `en: ${key}`).toBe(true);
      expect(has(CATALOGUES["zh-CN"], key), `zh-CN: ${key}`).toBe(true);
    }
  });
});
