import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { CATALOGUES } from "@/messages/catalogue";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { AGREEMENT_KINDS, DOCUMENT_KINDS, DOCUMENT_MIMES, MAX_DOCUMENT_BYTES, MAX_INSPECTORS, MAX_ROUND_ITEMS } from "./model";
import { ID, uuid, SIGNATURE, seen, issues, refusedAt, accepted, hostileLine, hostileNote, tooLong, CUSTOMER } from "./schemas.fixtures";
import { ZCertificateNo, ZDocumentInput, ZPbxApplicationInput, ZScheduleInput, ZWorksInput } from "./schemas";

const has = (catalogue: Record<string, unknown>, key: string) =>
  typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";
/** The keys missing from either catalogue, sorted. */
const missingIn = (keys: Iterable<string>) =>
  [...new Set(keys)].flatMap((key) => [...(has(CATALOGUES.en, key) ? [] : [`en: ${key}`]), ...(has(CATALOGUES["zh-CN"], key) ? [] : [`zh-CN: ${key}`])]).sort();

describe("ZPbxApplicationInput (《安装用户交换机申请检验表》)", () => {
  const PBX = {
    ...CUSTOMER,
    certificateNo: "00-D710-208870",
    model: "HJD-256",
    capacity: "256 门",
    standard: "数字程控",
    connection: "中继线接入",
    power: "-48V 直流",
    trunkLines: 8,
    appliedOn: "2026-03-10",
  };

  test("a written application, its defaults, text cleaned", () => {
    expect(accepted(ZPbxApplicationInput, { ...PBX, customerName: "  杭州某某贸易有限公司\u200B " })).toEqual({
      ...PBX,
      manufacturer: "",
      ancillary: "",
      note: "",
    });
    const full = accepted(ZPbxApplicationInput, { ...PBX, manufacturer: "华为", ancillary: "话务台 1 台", note: "备注\n两行", trunkLines: 0 });
    expect(full.trunkLines).toBe(0);
    expect(full.note).toBe("备注\n两行");
  });

  test.each(["customerName", "customerAddress", "model", "capacity", "standard", "connection", "power"])("%s is required (blank is none)", (field) => {
    refusedAt(ZPbxApplicationInput, { ...PBX, [field]: "" }, field, "validation.required");
    refusedAt(ZPbxApplicationInput, { ...PBX, [field]: "  \u200B " }, field, "validation.required");
    refusedAt(ZPbxApplicationInput, { ...PBX, [field]: undefined }, field);
  });

  test.each([
    ["customerName", 100],
    ["customerAddress", 200],
    ["model", 60],
    ["manufacturer", 100],
    ["capacity", 60],
    ["standard", 60],
    ["connection", 60],
    ["power", 60],
    ["ancillary", 300],
    ["note", 1000],
  ] as const)("%s is at most %i characters", (field, max) => {
    tooLong(ZPbxApplicationInput, PBX, field, max);
  });

  test.each(["customerName", "customerAddress", "model", "manufacturer", "capacity", "standard", "connection", "power", "ancillary"])(
    "%s refuses hostile text (line rule)",
    (field) => hostileLine(ZPbxApplicationInput, PBX, field),
  );
  test("note refuses hostile text (note rule) and keeps line breaks", () => hostileNote(ZPbxApplicationInput, PBX, "note"));

  test("the certificate number as printed on the label", () => {
    for (const no of ["00-D710-208870", "99-Z999-000000", "17-A000-123456"]) accepted(ZCertificateNo, no);
    for (const no of [
      "",
      "0-D710-208870",
      "00-d710-208870",
      "00-D71-208870",
      "00-D710-20887",
      "00D710208870",
      " 00-D710-208870",
      "00-D710-2088700",
      "００-D710-208870",
    ])
      refusedAt(ZPbxApplicationInput, { ...PBX, certificateNo: no }, "certificateNo", "validation.licenseNo");
  });

  test("the customer's phone: digits with + - ( ) and spaces, 5–20 characters, at least 5 digits", () => {
    for (const phone of ["0571-88881234", "+86 138 0013 8000", "(0571) 8888 1234", "95598", "12345678901234567890"])
      expect(accepted(ZPbxApplicationInput, { ...PBX, customerPhone: phone }).customerPhone).toBe(phone);
    for (const phone of [
      "1234",
      "123456789012345678901",
      "0571-8888a",
      "电话 13800138000",
      "138\u202E0013",
      "138\u00000013",
      "+-() ",
      "(1234)",
      "",
      "１３８００１３８０００",
    ])
      refusedAt(ZPbxApplicationInput, { ...PBX, customerPhone: phone }, "customerPhone", "property.validation.phone");
  });

  test("trunk lines: a whole number 0–10000", () => {
    accepted(ZPbxApplicationInput, { ...PBX, trunkLines: 10_000 });
    refusedAt(ZPbxApplicationInput, { ...PBX, trunkLines: 10_001 }, "trunkLines");
    refusedAt(ZPbxApplicationInput, { ...PBX, trunkLines: -1 }, "trunkLines");
    refusedAt(ZPbxApplicationInput, { ...PBX, trunkLines: 2.5 }, "trunkLines");
    refusedAt(ZPbxApplicationInput, { ...PBX, trunkLines: "8" }, "trunkLines", "validation.required");
    refusedAt(ZPbxApplicationInput, { ...PBX, trunkLines: undefined }, "trunkLines", "validation.required");
  });

  test("the day of the application is a real date of this century", () => {
    accepted(ZPbxApplicationInput, { ...PBX, appliedOn: "2028-02-29" });
    for (const day of ["2026-02-29", "2026-04-31", "1999-12-31", "2026-3-10", "10/03/2026", ""])
      refusedAt(ZPbxApplicationInput, { ...PBX, appliedOn: day }, "appliedOn", "desk.validation.date");
  });
});

describe("ZWorksInput (客户自建通信工程 with the agreement)", () => {
  const WORKS = {
    ...CUSTOMER,
    projectName: "文三路大楼综合布线工程",
    constructorName: "浙江某某通信工程有限公司",
    scope: "大楼内光缆、配线架及 200 个信息点",
    agreementKind: "acceptance",
    parties: "杭州某某贸易有限公司；本公司客户服务部",
    startsOn: "2026-03-10",
    endsOn: "2027-03-09",
  };

  test("an agreement, its defaults; every agreement kind; a signature on screen", () => {
    expect(accepted(ZWorksInput, WORKS)).toEqual({ ...WORKS, signature: null, note: "" });
    for (const agreementKind of AGREEMENT_KINDS) accepted(ZWorksInput, { ...WORKS, agreementKind });
    expect(accepted(ZWorksInput, { ...WORKS, signature: SIGNATURE }).signature).toEqual(SIGNATURE);
    refusedAt(ZWorksInput, { ...WORKS, agreementKind: "rental" }, "agreementKind");
    refusedAt(ZWorksInput, { ...WORKS, signature: { ...SIGNATURE, mime: "image/jpeg" } }, "signature.mime");
    refusedAt(ZWorksInput, { ...WORKS, signature: { ...SIGNATURE, base64: "not base64!" } }, "signature.base64", "validation.photoEncoding");
  });

  test("the period: the end on or after the start (property.validation.period on endsOn)", () => {
    accepted(ZWorksInput, { ...WORKS, endsOn: WORKS.startsOn });
    accepted(ZWorksInput, { ...WORKS, startsOn: "2026-12-31", endsOn: "2027-01-01" });
    expect(issues(ZWorksInput, { ...WORKS, endsOn: "2026-03-09" })).toEqual([{ path: "endsOn", message: "property.validation.period" }]);
    expect(issues(ZWorksInput, { ...WORKS, startsOn: "2027-01-01", endsOn: "2026-12-31" })).toEqual([
      { path: "endsOn", message: "property.validation.period" },
    ]);
    refusedAt(ZWorksInput, { ...WORKS, endsOn: "2026-02-30" }, "endsOn", "desk.validation.date");
  });

  test("property: the period refine agrees with the order of the days", () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (startsOn, endsOn) => {
        expect(ZWorksInput.safeParse({ ...WORKS, startsOn, endsOn }).success).toBe(endsOn >= startsOn);
      }),
    );
  });

  test.each(["customerName", "customerAddress", "projectName", "constructorName", "scope", "parties"])("%s is required", (field) => {
    refusedAt(ZWorksInput, { ...WORKS, [field]: " " }, field, "validation.required");
  });

  test.each([
    ["projectName", 200],
    ["constructorName", 200],
    ["scope", 1000],
    ["parties", 300],
    ["note", 1000],
  ] as const)("%s is at most %i characters", (field, max) => tooLong(ZWorksInput, WORKS, field, max));

  test.each(["projectName", "constructorName", "scope", "parties", "customerName"])("%s refuses hostile text (line rule)", (field) =>
    hostileLine(ZWorksInput, WORKS, field),
  );
  test("note refuses hostile text (note rule)", () => hostileNote(ZWorksInput, WORKS, "note"));
});

describe("ZDocumentInput", () => {
  const DOC = { caseId: ID, kind: "design", fileName: "设计文件.pdf", mime: "application/pdf", base64: "JVBERi0xLjQK" };

  test("every kind and every accepted type", () => {
    for (const kind of DOCUMENT_KINDS) accepted(ZDocumentInput, { ...DOC, kind });
    for (const mime of DOCUMENT_MIMES) accepted(ZDocumentInput, { ...DOC, mime });
    expect([...DOCUMENT_MIMES]).toEqual(["application/pdf", "image/jpeg", "image/png", "image/webp"]);
  });

  test.each(["image/gif", "application/msword", "text/html", "image/svg+xml", "application/PDF", ""])(
    "%j is refused (property.validation.documentType)",
    (mime) => {
      refusedAt(ZDocumentInput, { ...DOC, mime }, "mime", "property.validation.documentType");
    },
  );

  test("size: up to 8 MB decoded (the base64 text ≤ ⌈8 MB × 4/3⌉ + 4), nothing empty", () => {
    expect(MAX_DOCUMENT_BYTES).toBe(8 * 1024 * 1024);
    const max = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4;
    expect(max).toBe(11_184_815);
    accepted(ZDocumentInput, { ...DOC, base64: "A".repeat(max) });
    refusedAt(ZDocumentInput, { ...DOC, base64: "A".repeat(max + 1) }, "base64", "property.validation.documentTooLarge");
    accepted(ZDocumentInput, { ...DOC, base64: "AAAA" });
    refusedAt(ZDocumentInput, { ...DOC, base64: "AAA" }, "base64", "validation.required");
    refusedAt(ZDocumentInput, { ...DOC, base64: "" }, "base64", "validation.required");
  });

  test.each(["JVBERi0xLjQK!", "data:application/pdf;base64,JVBE", "JVBE\nRi0x", "JVBE===", "JV=BE", "JVBE Ri0x"])(
    "%j is not base64 (validation.photoEncoding)",
    (base64) => {
      refusedAt(ZDocumentInput, { ...DOC, base64 }, "base64", "validation.photoEncoding");
    },
  );

  test("the file name and the case", () => {
    refusedAt(ZDocumentInput, { ...DOC, fileName: "" }, "fileName", "validation.required");
    tooLong(ZDocumentInput, DOC, "fileName", 200, "a");
    hostileLine(ZDocumentInput, DOC, "fileName");
    // the classic disguise: "report‮fdp.exe" reads as "reportexe.pdf"
    refusedAt(ZDocumentInput, { ...DOC, fileName: "report\u202Efdp.exe" }, "fileName", "validation.text.bidi");
    refusedAt(ZDocumentInput, { ...DOC, caseId: "PBX-2026-0001" }, "caseId");
    refusedAt(ZDocumentInput, { ...DOC, kind: "invoice" }, "kind");
  });
});

describe("ZScheduleInput", () => {
  const SCHEDULE = {
    caseId: ID,
    version: 3,
    scheduledFor: "2026-03-12",
    inspectorIds: [uuid(1), uuid(2)],
    departments: ["customer_service", "terminal_service"],
  };

  test("a round, its defaults", () => {
    expect(accepted(ZScheduleInput, SCHEDULE)).toEqual({ ...SCHEDULE, extraItemIds: [], note: "" });
    expect(accepted(ZScheduleInput, { ...SCHEDULE, extraItemIds: [uuid(9)], note: " 复验 " }).note).toBe("复验");
  });

  test("inspectors: 1 to MAX_INSPECTORS, each once (property.validation.inspectors)", () => {
    expect(MAX_INSPECTORS).toBe(8);
    const n = (k: number) => Array.from({ length: k }, (_, i) => uuid(i));
    accepted(ZScheduleInput, { ...SCHEDULE, inspectorIds: n(1) });
    accepted(ZScheduleInput, { ...SCHEDULE, inspectorIds: n(8) });
    refusedAt(ZScheduleInput, { ...SCHEDULE, inspectorIds: n(9) }, "inspectorIds");
    refusedAt(ZScheduleInput, { ...SCHEDULE, inspectorIds: [] }, "inspectorIds", "property.validation.inspectors");
    refusedAt(ZScheduleInput, { ...SCHEDULE, inspectorIds: [uuid(1), uuid(2), uuid(1)] }, "inspectorIds", "property.validation.inspectors");
    refusedAt(ZScheduleInput, { ...SCHEDULE, inspectorIds: ["u-1"] }, "inspectorIds.0");
  });

  test("departments: 1 to all of them, known ones", () => {
    accepted(ZScheduleInput, { ...SCHEDULE, departments: [...DEPARTMENTS] });
    refusedAt(ZScheduleInput, { ...SCHEDULE, departments: [] }, "departments");
    refusedAt(ZScheduleInput, { ...SCHEDULE, departments: [...DEPARTMENTS, "finance"] }, "departments");
    refusedAt(ZScheduleInput, { ...SCHEDULE, departments: ["sales"] }, "departments.0");
  });

  test("extra items: at most MAX_ROUND_ITEMS uuids; the version, the day, the note", () => {
    expect(MAX_ROUND_ITEMS).toBe(120);
    const n = (k: number) => Array.from({ length: k }, (_, i) => uuid(i));
    accepted(ZScheduleInput, { ...SCHEDULE, extraItemIds: n(120) });
    refusedAt(ZScheduleInput, { ...SCHEDULE, extraItemIds: n(121) }, "extraItemIds");
    refusedAt(ZScheduleInput, { ...SCHEDULE, version: 0 }, "version");
    refusedAt(ZScheduleInput, { ...SCHEDULE, version: 1.5 }, "version");
    refusedAt(ZScheduleInput, { ...SCHEDULE, scheduledFor: "2026-13-01" }, "scheduledFor", "desk.validation.date");
    tooLong(ZScheduleInput, SCHEDULE, "note", 1000);
    hostileNote(ZScheduleInput, SCHEDULE, "note");
  });
});

describe("messages", () => {
  test("every message key schemas.ts names is in both catalogues", () => {
    const source = readFileSync(fileURLToPath(new URL("./schemas.ts", import.meta.url)), "utf8");
    const named = [...source.matchAll(/"((?:property\.|desk\.)?validation\.[A-Za-z.]+)"/g)].map((m) => m[1]!);
    for (const key of [
      "property.validation.phone",
      "property.validation.period",
      "property.validation.documentType",
      "property.validation.documentTooLarge",
      "property.validation.inspectors",
      "property.validation.failNote",
      "property.validation.duplicateItem",
      "property.validation.signatures",
      "validation.licenseNo",
    ])
      expect(named).toContain(key);
    expect(missingIn(named)).toEqual([]);
  });

  // after every test of this file: the messages they met
  afterAll(() => {
    const keys = [...seen].filter((m) => /^(property\.|desk\.)?validation\./.test(m));
    expect(keys.length).toBeGreaterThan(10);
    expect(missingIn(keys)).toEqual([]);
  });

  test("the messages the tests met that are zod's own, not catalogue keys (bounds a form never lets through)", () => {
    // recorded, not asserted against the catalogues: zod's English for a uuid, an enum, an array's length or a number
    const own = [...seen].filter((m) => !/^[a-z]+(\.[A-Za-z_]+)+$/.test(m));
    expect(
      own.every((m) => /^(Invalid|Too (big|small)|Expected|Too)/.test(m)),
      own.join(" | "),
    ).toBe(true);
  });
});
