import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { CATALOGUES } from "@/messages/catalogue";
import { CASE_KINDS, CASE_STATUSES } from "./model";
import {
  ID,
  uuid,
  SIGNATURE,
  PHOTO,
  AT,
  seen,
  issues,
  refusedAt,
  accepted,
  LINE_HOSTILE,
  hostileLine,
  hostileNote,
  tooLong,
  CUSTOMER,
} from "./schemas.fixtures";
import {
  ZCancelInput,
  ZCaseFilter,
  ZCaseStepInput,
  ZItemInput,
  ZLetterInput,
  ZMaintenanceInput,
  ZMaintenanceFormQuery,
  ZRoundResult,
  ZRoundSubmitArgs,
} from "./schemas";

const has = (catalogue: Record<string, unknown>, key: string) =>
  typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";
/** The keys missing from either catalogue, sorted. */
const missingIn = (keys: Iterable<string>) =>
  [...new Set(keys)].flatMap((key) => [...(has(CATALOGUES.en, key) ? [] : [`en: ${key}`]), ...(has(CATALOGUES["zh-CN"], key) ? [] : [`zh-CN: ${key}`])]).sort();

describe("the office's other steps", () => {
  const STEP = { caseId: ID, version: 1 };

  test("ZCaseStepInput and ZCancelInput (a reason is required)", () => {
    expect(accepted(ZCaseStepInput, STEP)).toEqual({ ...STEP, note: "" });
    hostileNote(ZCaseStepInput, STEP, "note");
    expect(accepted(ZCancelInput, { ...STEP, reason: " 客户撤回申请 " }).reason).toBe("客户撤回申请");
    refusedAt(ZCancelInput, STEP, "reason");
    refusedAt(ZCancelInput, { ...STEP, reason: " \u200B " }, "reason", "validation.required");
    tooLong(ZCancelInput, { ...STEP, reason: "x" }, "reason", 1000);
    hostileNote(ZCancelInput, STEP, "reason");
  });

  test("ZLetterInput: the deadline is a day (its range is letterDeadlineValid's, against the server's today)", () => {
    expect(accepted(ZLetterInput, { ...STEP, deadline: "2026-04-09" })).toEqual({ ...STEP, deadline: "2026-04-09", note: "" });
    accepted(ZLetterInput, { ...STEP, deadline: "2028-02-29" });
    for (const deadline of ["2027-02-29", "2026-04-9", "", "2026-04-09T00:00:00Z"])
      refusedAt(ZLetterInput, { ...STEP, deadline }, "deadline", "desk.validation.date");
    refusedAt(ZLetterInput, { caseId: ID, deadline: "2026-04-09" }, "version");
    refusedAt(ZLetterInput, { ...STEP, caseId: "x", deadline: "2026-04-09" }, "caseId");
    tooLong(ZLetterInput, { ...STEP, deadline: "2026-04-09" }, "note", 1000);
    hostileNote(ZLetterInput, { ...STEP, deadline: "2026-04-09" }, "note");
  });

  test("ZCaseFilter: defaults, every kind and status", () => {
    expect(accepted(ZCaseFilter, {})).toEqual({ kind: null, status: null, overdue: false, q: "", page: 1 });
    for (const kind of CASE_KINDS) accepted(ZCaseFilter, { kind });
    for (const status of CASE_STATUSES) accepted(ZCaseFilter, { status });
    refusedAt(ZCaseFilter, { status: "open" }, "status");
    refusedAt(ZCaseFilter, { page: 0 }, "page");
    refusedAt(ZCaseFilter, { page: 10_001 }, "page");
    tooLong(ZCaseFilter, {}, "q", 100);
    hostileLine(ZCaseFilter, {}, "q");
  });
});

describe("ZItemInput (the PBX checklist and the works acceptance item list)", () => {
  const ITEM = { kind: "works", clause: "YD/T 926.3 5.2", group: "线缆", textZh: "近端串音衰减", unit: "dB" };

  test("an item, its defaults; pass/fail only (no unit); editing one by id", () => {
    expect(accepted(ZItemInput, ITEM)).toEqual({ ...ITEM, textEn: "", active: true, sort: 0 });
    expect(accepted(ZItemInput, { ...ITEM, unit: null }).unit).toBeNull();
    expect(accepted(ZItemInput, { kind: "pbx", clause: "1", group: "外观", textZh: "设备标签" }).unit).toBeNull();
    expect(accepted(ZItemInput, { ...ITEM, id: ID, active: false, sort: 10_000 }).id).toBe(ID);
    refusedAt(ZItemInput, { ...ITEM, id: "item-1" }, "id");
    refusedAt(ZItemInput, { ...ITEM, kind: "maintenance" }, "kind");
    refusedAt(ZItemInput, { ...ITEM, sort: -1 }, "sort");
    refusedAt(ZItemInput, { ...ITEM, sort: 10_001 }, "sort");
  });

  test.each(["clause", "group", "textZh"])("%s is required", (field) => {
    refusedAt(ZItemInput, { ...ITEM, [field]: "" }, field, "validation.required");
  });

  test.each([
    ["clause", 60],
    ["group", 60],
    ["textZh", 300],
    ["textEn", 300],
    ["unit", 20],
  ] as const)("%s is at most %i characters, and refuses hostile text", (field, max) => {
    tooLong(ZItemInput, ITEM, field, max, "Ω");
    hostileLine(ZItemInput, ITEM, field);
  });
});

describe("ZMaintenanceInput (设备代维协议)", () => {
  const MA = {
    ...CUSTOMER,
    equipment: ["HJD-256 用户交换机", "UPS 电源 3kVA"],
    appliedOn: "2026-03-01",
    startsOn: "2026-03-10",
    endsOn: "2027-03-09",
    terms: "每季度巡检一次；故障 4 小时内到场。",
  };

  test("an agreement, its defaults, with who offered it and the signature", () => {
    expect(accepted(ZMaintenanceInput, MA)).toEqual({ ...MA, offeredBy: null, signature: null });
    const v = accepted(ZMaintenanceInput, { ...MA, offeredBy: ID, signature: SIGNATURE });
    expect([v.offeredBy, v.signature]).toEqual([ID, SIGNATURE]);
    refusedAt(ZMaintenanceInput, { ...MA, offeredBy: "王师傅" }, "offeredBy");
  });

  test("equipment: 1 to 50 lines, each required, at most 200, one line", () => {
    refusedAt(ZMaintenanceInput, { ...MA, equipment: [] }, "equipment", "validation.required");
    accepted(ZMaintenanceInput, { ...MA, equipment: Array.from({ length: 50 }, (_, i) => `设备 ${i}`) });
    refusedAt(ZMaintenanceInput, { ...MA, equipment: Array.from({ length: 51 }, (_, i) => `设备 ${i}`) }, "equipment");
    refusedAt(ZMaintenanceInput, { ...MA, equipment: ["UPS", " "] }, "equipment.1", "validation.required");
    refusedAt(ZMaintenanceInput, { ...MA, equipment: ["x".repeat(201)] }, "equipment.0", "validation.tooLong");
    for (const [text, message] of LINE_HOSTILE) refusedAt(ZMaintenanceInput, { ...MA, equipment: ["UPS", text] }, "equipment.1", message);
  });

  test("the period (property.validation.period), the days, the terms", () => {
    accepted(ZMaintenanceInput, { ...MA, endsOn: MA.startsOn });
    expect(issues(ZMaintenanceInput, { ...MA, endsOn: "2026-03-09" })).toEqual([{ path: "endsOn", message: "property.validation.period" }]);
    refusedAt(ZMaintenanceInput, { ...MA, appliedOn: "2026-02-30" }, "appliedOn", "desk.validation.date");
    refusedAt(ZMaintenanceInput, { ...MA, terms: "" }, "terms", "validation.required");
    tooLong(ZMaintenanceInput, MA, "terms", 4000);
    // the terms are one field of the line rule: a line break is refused (validation.text.control)
    hostileLine(ZMaintenanceInput, MA, "terms");
    refusedAt(ZMaintenanceInput, { ...MA, customerPhone: "phone" }, "customerPhone", "property.validation.phone");
  });
});

describe("ZMaintenanceFormQuery: the agreement form opened from a work order (its address carries the order only)", () => {
  test.each([
    ["the order", { workOrderId: ID }, { workOrderId: ID }],
    ["nothing: an empty form", {}, {}],
    [
      "customer details in the address are dropped (the server reads them from the order)",
      { customerName: "王芳", customerPhone: "138 0013 8000", workOrderId: ID },
      { workOrderId: ID },
    ],
    ["an order given twice (an array) is ignored", { workOrderId: [ID, ID] }, {}],
    ["an order that is not an id is ignored", { workOrderId: "../admin" }, {}],
  ] as const)("%s", (_what, query, expected) => {
    const out = ZMaintenanceFormQuery.parse(query);
    expect(Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  test("whatever the query, it parses (never throws)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("customerName", "workOrderId", "x"), fc.oneof(fc.string(), fc.array(fc.string()))), (q) => {
        expect(ZMaintenanceFormQuery.safeParse(q).success).toBe(true);
      }),
    );
  });
});

describe("propertyRound.submit v1 (ZRoundSubmitArgs, ZRoundResult)", () => {
  const pass = (n: number, over: Record<string, unknown> = {}) => ({ itemId: uuid(n), result: "pass", ...over });
  const sign = (n: number) => ({ userId: uuid(100 + n), signature: SIGNATURE });
  const round = (over: Record<string, unknown> = {}) => ({
    roundId: ID,
    results: [pass(1), pass(2)],
    signatures: [sign(1), sign(2)],
    inspectedAt: AT,
    ...over,
  });

  test("a whole round with its signatures, and its defaults", () => {
    expect(accepted(ZRoundSubmitArgs, round())).toEqual({
      roundId: ID,
      results: [
        { itemId: uuid(1), result: "pass", measurement: "", note: "", photos: [] },
        { itemId: uuid(2), result: "pass", measurement: "", note: "", photos: [] },
      ],
      signatures: [sign(1), sign(2)],
      note: "",
      inspectedAt: AT,
      final: true,
    });
    accepted(ZRoundSubmitArgs, round({ inspectedAt: "2026-03-10T02:15:00.000Z" }));
    refusedAt(ZRoundSubmitArgs, round({ inspectedAt: "2026-03-10 10:15" }), "inspectedAt");
    refusedAt(ZRoundSubmitArgs, round({ inspectedAt: "2026-03-10T10:15:00" }), "inspectedAt");
    refusedAt(ZRoundSubmitArgs, round({ roundId: "round-1" }), "roundId");
  });

  test("a failed item says why (property.validation.failNote); a pass needs no note", () => {
    const fail = { itemId: uuid(1), result: "fail" };
    refusedAt(ZRoundResult, fail, "note", "property.validation.failNote");
    refusedAt(ZRoundResult, { ...fail, note: "  \n \u200B " }, "note", "property.validation.failNote");
    expect(accepted(ZRoundResult, { ...fail, note: " 接地电阻超标 ", measurement: "12 Ω", photo: PHOTO })).toEqual({
      ...fail,
      note: "接地电阻超标",
      measurement: "12 Ω",
      // one photo the old way (phones before several photos) is read as a list of one: schemas-photos.test.ts
      photos: [PHOTO],
    });
    expect(accepted(ZRoundResult, { itemId: uuid(1), result: "pass", measurement: "-42.5 dB" }).measurement).toBe("-42.5 dB");
    refusedAt(ZRoundSubmitArgs, round({ results: [pass(1), { itemId: uuid(2), result: "fail" }] }), "results.1.note", "property.validation.failNote");
  });

  test("property: a result is refused iff it failed without a (non-blank) note", () => {
    fc.assert(
      fc.property(fc.constantFrom("pass", "fail"), fc.constantFrom("", " ", "\n\t", "坏", "  x  "), (result, note) => {
        expect(ZRoundResult.safeParse({ itemId: uuid(1), result, note }).success).toBe(result === "pass" || note.trim() !== "");
      }),
    );
  });

  test("each field of a result", () => {
    refusedAt(ZRoundResult, pass(1, { itemId: "i-1" }), "itemId");
    refusedAt(ZRoundResult, pass(1, { result: "ok" }), "result");
    tooLong(ZRoundResult, pass(1), "measurement", 60, "9");
    hostileLine(ZRoundResult, pass(1), "measurement");
    tooLong(ZRoundResult, pass(1), "note", 500);
    hostileNote(ZRoundResult, pass(1), "note");
    refusedAt(ZRoundResult, pass(1, { photo: { mime: "application/pdf", base64: "AAAA" } }), "photo.mime");
    refusedAt(ZRoundResult, pass(1, { photo: { mime: "image/png", base64: "%%%%" } }), "photo.base64", "validation.photoEncoding");
  });

  test("an item twice: each repeat named (property.validation.duplicateItem)", () => {
    expect(issues(ZRoundSubmitArgs, round({ results: [pass(1), pass(2), pass(1), pass(3), pass(2)] }))).toEqual([
      { path: "results.2.itemId", message: "property.validation.duplicateItem" },
      { path: "results.4.itemId", message: "property.validation.duplicateItem" },
    ]);
  });

  test("results: up to MAX_ROUND_ITEMS", () => {
    const n = (k: number) => Array.from({ length: k }, (_, i) => pass(i));
    expect(accepted(ZRoundSubmitArgs, round({ results: n(120) })).results).toHaveLength(120);
    refusedAt(ZRoundSubmitArgs, round({ results: n(121) }), "results");
  });

  test("signatures: the final part needs them (property.validation.signatures); a non-final part without them is fine", () => {
    expect(issues(ZRoundSubmitArgs, round({ signatures: [] }))).toEqual([{ path: "signatures", message: "property.validation.signatures" }]);
    expect(issues(ZRoundSubmitArgs, round({ signatures: undefined }))).toEqual([{ path: "signatures", message: "property.validation.signatures" }]);
    expect(issues(ZRoundSubmitArgs, round({ signatures: [], final: true }))).toEqual([{ path: "signatures", message: "property.validation.signatures" }]);
    expect(accepted(ZRoundSubmitArgs, round({ signatures: undefined, final: false }))).toMatchObject({ signatures: [], final: false });
    // a non-final part with signatures is not refused here (the server takes them with the last part)
    accepted(ZRoundSubmitArgs, round({ final: false }));
    // the last part may carry no results of its own (the earlier parts had them)
    accepted(ZRoundSubmitArgs, round({ results: [] }));
  });

  test("each inspector signs once (property.validation.signatures); at most MAX_INSPECTORS signatures", () => {
    expect(issues(ZRoundSubmitArgs, round({ signatures: [sign(1), sign(2), sign(1)] }))).toEqual([
      { path: "signatures.2.userId", message: "property.validation.signatures" },
    ]);
    accepted(ZRoundSubmitArgs, round({ signatures: Array.from({ length: 8 }, (_, i) => sign(i)) }));
    refusedAt(ZRoundSubmitArgs, round({ signatures: Array.from({ length: 9 }, (_, i) => sign(i)) }), "signatures");
    refusedAt(ZRoundSubmitArgs, round({ signatures: [{ userId: "王工", signature: SIGNATURE }] }), "signatures.0.userId");
    refusedAt(ZRoundSubmitArgs, round({ signatures: [{ userId: uuid(1) }] }), "signatures.0.signature");
  });

  test("every problem of a part is named at once", () => {
    expect(issues(ZRoundSubmitArgs, round({ results: [pass(1), pass(1)], signatures: [] }))).toEqual([
      { path: "results.1.itemId", message: "property.validation.duplicateItem" },
      { path: "signatures", message: "property.validation.signatures" },
    ]);
  });

  test("the round's note", () => {
    tooLong(ZRoundSubmitArgs, round(), "note", 1000);
    hostileNote(ZRoundSubmitArgs, round(), "note");
  });

  test("property: refused iff an item repeats, a signer repeats, or the final part has no signatures", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 5 }),
        fc.boolean(),
        (items, signers, final) => {
          const input = round({ results: items.map((n) => pass(n)), signatures: signers.map((n) => sign(n)), final });
          const bad = new Set(items).size !== items.length || new Set(signers).size !== signers.length || (final && signers.length === 0);
          expect(issues(ZRoundSubmitArgs, input).length > 0).toBe(bad);
        },
      ),
    );
  });
});

// after every test of this file: the messages they met are in both catalogues
afterAll(() => {
  const keys = [...seen].filter((m) => /^(property\.|desk\.)?validation\./.test(m));
  expect(keys.length).toBeGreaterThan(3);
  expect(missingIn(keys)).toEqual([]);
});
