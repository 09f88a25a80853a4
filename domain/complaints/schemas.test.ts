import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";
import { CATALOGUES } from "@/messages/catalogue";
import { DEFAULT_POLICY } from "./deadlines";
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES, REQUEST_TYPES, SATISFACTION_SCORES } from "./model";
import {
  COMPLAINT_MUTATION_VERSIONS,
  DESK_STATES,
  ZCallbackInput,
  ZCategoryCode,
  ZCategoryInput,
  ZCentreRef,
  ZClassifyInput,
  ZComplaintVersion,
  ZCreateServiceRequestInput,
  ZCustomerContact,
  ZDeskQuery,
  ZEscalateInput,
  ZKeyCustomerInput,
  ZLimit,
  ZMonth,
  ZPolicyInput,
  ZRecordComplaintArgs,
  ZReplyInput,
  ZSignInput,
} from "./schemas";

const ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
const OTHER = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
const base64Of = (bytes: number) => Buffer.alloc(bytes, 0xab).toString("base64");

/** Every message a test below saw, checked against both catalogues at the end. */
const seen = new Set<string>();

function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  const out = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  for (const i of out) seen.add(i.message);
  return out;
}

/** The input is refused, only at `path`, and the first issue there carries `message`. */
function refusedAt(schema: z.ZodType, input: unknown, path: string, message?: string) {
  const found = issues(schema, input);
  expect(found.length, JSON.stringify(input).slice(0, 200)).toBeGreaterThan(0);
  expect(
    found.map((i) => i.path).every((p) => p === path || p.startsWith(`${path}.`)),
    JSON.stringify(found),
  ).toBe(true);
  if (message !== undefined) expect(found[0]!.message).toBe(message);
}

const RECORD = {
  id: ID,
  kind: "complaint",
  channel: "counter",
  customerName: "王先生",
  contact: "138-0013 8000 王先生",
  words: "宽带三天没修好。\nThe line has been down for three days.",
};

describe("complaint.record v1 (ZRecordComplaintArgs)", () => {
  test("accepts a full valid record, cleaned and with its defaults", () => {
    const full = {
      ...RECORD,
      channel: "centre_180",
      centreRef: "180-2026/0315",
      customerName: "  王先生 ",
      address: " 人民路 12 号 ",
      photo: { mime: "image/jpeg", base64: base64Of(1000) },
      workOrderId: OTHER,
    };
    const parsed = ZRecordComplaintArgs.parse(full);
    expect(parsed).toMatchObject({
      id: ID,
      kind: "complaint",
      channel: "centre_180",
      centreRef: "180-2026/0315",
      customerName: "王先生",
      address: "人民路 12 号",
    });
    expect(parsed.answer).toBeUndefined();
    expect(ZRecordComplaintArgs.parse(RECORD).address).toBe("");
  });

  test.each(COMPLAINT_CHANNELS.filter((c) => c !== "centre_180").map((c) => [c]))("an inquiry by %s answered at once is accepted", (channel) => {
    expect(issues(ZRecordComplaintArgs, { ...RECORD, kind: "inquiry", channel, answer: "Told the opening hours." })).toEqual([]);
  });

  test("the 180 centre needs its reference, and cannot be answered on the spot", () => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, channel: "centre_180" }, "centreRef", "complaints.validation.centreRefRequired");
    refusedAt(
      ZRecordComplaintArgs,
      { ...RECORD, channel: "centre_180", centreRef: "A-1234", answer: "Sorry." },
      "answer",
      "complaints.validation.centreNeedsLetter",
    );
    expect(issues(ZRecordComplaintArgs, { ...RECORD, channel: "centre_180", centreRef: "A-1234" })).toEqual([]);
  });

  test.each(["A B", "#123", "-12", "ab", "x".repeat(41), "中文编号", "A-1\nB"])("a malformed 180 reference %j is refused", (centreRef) => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, channel: "centre_180", centreRef }, "centreRef");
  });

  test.each(["123456", "12-34-56 王", "", "   ", "王先生"])("a contact without 7 digits (%j) is refused", (contact) => {
    const found = issues(ZRecordComplaintArgs, { ...RECORD, contact });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.path === "contact")).toBe(true);
    expect(found.map((i) => i.message)).toContain("complaints.validation.contact");
  });

  test("contacts with 7 digits and more pass; over 80 characters is too long", () => {
    for (const contact of ["1234567", "138 0013 8000", "王先生 (0571) 8888-1234 ext 5", "王先生 １３８００１３８０００"])
      expect(issues(ZRecordComplaintArgs, { ...RECORD, contact })).toEqual([]);
    refusedAt(ZRecordComplaintArgs, { ...RECORD, contact: "1".repeat(81) }, "contact", "validation.tooLong");
  });

  test("property: a contact of n digits passes exactly when n ≥ 7", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.constantFrom("", "王先生 ", "tel. "), (n, prefix) => {
        const contact = `${prefix}${"8".repeat(n)}`.slice(0, 80);
        const digits = contact.replace(/\D/g, "").length;
        expect(ZCustomerContact.safeParse(contact).success).toBe(digits >= 7);
      }),
    );
  });

  test("the customer's words: required, at most 2000 characters, lines allowed", () => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, words: "" }, "words", "validation.required");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, words: " \n\t " }, "words", "validation.required");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, words: "\u200B" }, "words", "validation.required"); // invisible only
    refusedAt(ZRecordComplaintArgs, { ...RECORD, words: "话".repeat(2001) }, "words", "validation.tooLong");
    expect(issues(ZRecordComplaintArgs, { ...RECORD, words: "话".repeat(2000) })).toEqual([]);
    expect(issues(ZRecordComplaintArgs, { ...RECORD, words: `  ${"a".repeat(2000)}  ` })).toEqual([]); // trimmed first
  });

  test.each([
    ["words", "bill \u202Eexe.txt", "validation.text.bidi"],
    ["words", "a\u2066b\u2069", "validation.text.bidi"],
    ["words", "bell\u0007", "validation.text.control"],
    ["words", "esc\u001B[31m", "validation.text.control"],
    ["words", "del\u007F", "validation.text.control"],
    ["words", "nul\u0000", "validation.text.nul"],
    ["customerName", "王\u202E先生", "validation.text.bidi"],
    ["customerName", "王\n先生", "validation.text.control"],
    ["customerName", "王\t先生", "validation.text.control"],
    ["address", "人民路\u0085 12 号", "validation.text.control"],
    ["contact", "1380013\u200F8000", "validation.text.bidi"],
    ["answer", "ok\u202D", "validation.text.bidi"],
  ])("%s with %j is refused: %s", (field, value, message) => {
    const found = issues(ZRecordComplaintArgs, { ...RECORD, [field]: value });
    expect(found.filter((i) => i.path === field).map((i) => i.message)).toContain(message);
    expect(found.every((i) => i.path === field)).toBe(true);
  });

  test("an empty answer is refused with a message the screens can show", () => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, answer: "" }, "answer", "validation.required");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, answer: "   " }, "answer", "validation.required");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, answer: "a".repeat(1001) }, "answer", "validation.tooLong");
  });

  test("the customer's name is required and at most 120 characters", () => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, customerName: "" }, "customerName", "validation.required");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, customerName: "名".repeat(121) }, "customerName", "validation.tooLong");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, address: "址".repeat(201) }, "address", "validation.tooLong");
  });

  test.each(["not-a-uuid", "", "0193a1b2c3d47e5f8a6b7c8d9e0f1a2b", 42, null])("a non-UUID id (%j) is refused", (id) => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, id }, "id");
    refusedAt(ZRecordComplaintArgs, { ...RECORD, workOrderId: id }, "workOrderId");
  });

  test.each(["email", "centre_181", "", "Counter", null])("an unknown channel (%j) is refused", (channel) => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, channel }, "channel", "validation.required");
  });

  test.each(["service_request", "praise", ""])("kind %j cannot be recorded from a phone", (kind) => {
    refusedAt(ZRecordComplaintArgs, { ...RECORD, kind }, "kind", "validation.required");
  });

  test("a photo must be a JPEG, PNG or WebP of at most MAX_PHOTO_BYTES, in base64", () => {
    for (const mime of ["image/jpeg", "image/png", "image/webp"]) {
      expect(issues(ZRecordComplaintArgs, { ...RECORD, photo: { mime, base64: base64Of(MAX_PHOTO_BYTES) } })).toEqual([]);
    }
    for (const mime of ["image/gif", "application/pdf", "image/svg+xml", ""]) {
      refusedAt(ZRecordComplaintArgs, { ...RECORD, photo: { mime, base64: base64Of(100) } }, "photo.mime");
    }
    refusedAt(
      ZRecordComplaintArgs,
      { ...RECORD, photo: { mime: "image/jpeg", base64: base64Of(MAX_PHOTO_BYTES + 4) } },
      "photo.base64",
      "validation.photoTooLarge",
    );
    refusedAt(ZRecordComplaintArgs, { ...RECORD, photo: { mime: "image/jpeg", base64: "data:image/jpeg;base64,AAAA" } }, "photo.base64");
  });

  test("each required field, when missing, is refused at its own path", () => {
    for (const field of ["id", "kind", "channel", "customerName", "contact", "words"] as const) {
      const { [field]: _gone, ...rest } = RECORD;
      expect(issues(ZRecordComplaintArgs, rest).map((i) => i.path)).toContain(field);
    }
  });

  test("the mutation is complaint.record, versions 1 and 2 (a public contract; v2 carries the clerk's self-check, ADR 0038)", () => {
    expect(COMPLAINT_MUTATION_VERSIONS).toEqual({ "complaint.record": [1, 2] });
  });
});

describe("the green-channel policy (ZPolicyInput, ZLimit)", () => {
  const POLICY = { key: DEFAULT_POLICY.key, standard: DEFAULT_POLICY.standard, note: "Version 1.", basedOn: 0 };

  test("accepts the default policy", () => {
    expect(ZPolicyInput.parse(POLICY)).toEqual(POLICY);
  });

  test.each(["key", "standard"] as const)("every request type is required in the %s tier", (tier) => {
    for (const type of REQUEST_TYPES) {
      const { [type]: _gone, ...rest } = DEFAULT_POLICY[tier];
      refusedAt(ZPolicyInput, { ...POLICY, [tier]: rest }, `${tier}.${type}`);
    }
  });

  test.each([
    { unit: "hours", value: 0 },
    { unit: "hours", value: 721 },
    { unit: "hours", value: -1 },
    { unit: "hours", value: 1.5 },
    { unit: "days", value: 61 },
    { unit: "days", value: -1 },
    { unit: "days", value: 0.5 },
    { unit: "weeks", value: 1 },
    { unit: "days", value: "1" },
    { unit: "days" },
  ])("the limit %j is refused with the limit message", (limit) => {
    for (const tier of ["key", "standard"] as const) {
      refusedAt(ZPolicyInput, { ...POLICY, [tier]: { ...DEFAULT_POLICY[tier], repair: limit } }, `${tier}.repair`, "complaints.validation.limit");
    }
    expect(issues(ZLimit, limit).every((i) => i.message === "complaints.validation.limit")).toBe(true);
  });

  test.each([
    { unit: "hours", value: 1 },
    { unit: "hours", value: 720 },
    { unit: "days", value: 0 },
    { unit: "days", value: 60 },
  ])("the limit %j at the edge of its range is accepted", (limit) => {
    expect(issues(ZLimit, limit)).toEqual([]);
  });

  test("a reason is required and basedOn is a version number", () => {
    refusedAt(ZPolicyInput, { ...POLICY, note: " " }, "note", "validation.required");
    refusedAt(ZPolicyInput, { ...POLICY, basedOn: -1 }, "basedOn");
    refusedAt(ZPolicyInput, { ...POLICY, basedOn: 1.5 }, "basedOn");
  });
});

describe("the key-customer register (ZKeyCustomerInput)", () => {
  const contact = (i: number) => ({ name: `联系人${i}`, phone: `1380013800${i % 10}` });
  const CUSTOMER = { name: "市政府办公室", category: "government", contacts: [contact(0)] };

  test("accepts one to ten contacts, with defaults", () => {
    expect(ZKeyCustomerInput.parse(CUSTOMER)).toEqual({ ...CUSTOMER, address: "", notes: "", active: true });
    expect(issues(ZKeyCustomerInput, { ...CUSTOMER, contacts: Array.from({ length: 10 }, (_, i) => contact(i)) })).toEqual([]);
  });

  test("no contact or eleven are refused", () => {
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, contacts: [] }, "contacts", "validation.required");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, contacts: Array.from({ length: 11 }, (_, i) => contact(i)) }, "contacts");
  });

  test("a contact needs a name and a phone number of 7 digits", () => {
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, contacts: [{ name: "张", phone: "123456" }] }, "contacts.0.phone", "complaints.validation.contact");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, contacts: [{ name: "", phone: "1234567" }] }, "contacts.0.name", "validation.required");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, name: "" }, "name", "validation.required");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, category: "c".repeat(41) }, "category", "validation.tooLong");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, id: "1" }, "id");
    refusedAt(ZKeyCustomerInput, { ...CUSTOMER, id: ID, version: 0 }, "version");
  });
});

describe("ZMonth", () => {
  test.each(["2026-01", "2026-12", "2000-06", "2099-09"])("%s is a month", (m) => {
    expect(ZMonth.parse(m)).toBe(m);
  });

  test.each(["2026-13", "2026-00", "2026-1", "1999-12", "2100-01", "2026-01-01", "202601", "", " 2026-01"])("%j is not", (m) => {
    refusedAt(ZMonth, m, "", "complaints.validation.month");
  });
});

describe("ZDeskQuery", () => {
  test("defaults: the open records, 50 to a page", () => {
    expect(ZDeskQuery.parse({})).toEqual({ state: "open", limit: 50 });
  });

  test("every state, status and channel filter is accepted", () => {
    for (const state of DESK_STATES) expect(ZDeskQuery.parse({ state }).state).toBe(state);
    for (const status of COMPLAINT_STATUSES) expect(issues(ZDeskQuery, { status })).toEqual([]);
    for (const channel of COMPLAINT_CHANNELS) expect(issues(ZDeskQuery, { channel })).toEqual([]);
    for (const department of DEPARTMENTS) expect(issues(ZDeskQuery, { department })).toEqual([]);
    expect(ZDeskQuery.parse({ search: "  138 0013  ", keyCustomer: true, category: "billing" })).toMatchObject({ search: "138 0013", keyCustomer: true });
  });

  test.each([
    { state: "late" },
    { limit: 0 },
    { limit: 101 },
    { limit: 2.5 },
    { status: "open" },
    { search: "a\u202Eb" },
    { search: "s".repeat(81) },
    { cursor: "c".repeat(201) },
    { category: "Billing" },
  ])("%j is refused", (q) => {
    refusedAt(ZDeskQuery, q, Object.keys(q)[0]!);
  });
});

describe("office step inputs", () => {
  const REF = { complaintId: ID, version: 1 };

  test("a version is a positive whole number", () => {
    expect(ZComplaintVersion.safeParse(1).success).toBe(true);
    for (const v of [0, -1, 1.5, "1", null]) expect(ZComplaintVersion.safeParse(v).success).toBe(false);
  });

  test("the service request: a service type (never a complaint or inquiry), at least one department", () => {
    const ok = { keyCustomerId: OTHER, serviceType: "repair", channel: "line_189", contact: "0571-88881234", words: "断网", departments: ["operations"] };
    expect(ZCreateServiceRequestInput.parse(ok).address).toBe("");
    for (const serviceType of ["complaint", "inquiry", ""]) refusedAt(ZCreateServiceRequestInput, { ...ok, serviceType }, "serviceType", "validation.required");
    refusedAt(ZCreateServiceRequestInput, { ...ok, departments: [] }, "departments", "validation.required");
    refusedAt(ZCreateServiceRequestInput, { ...ok, departments: ["quality"] }, "departments.0");
    refusedAt(ZCreateServiceRequestInput, { ...ok, departments: [...DEPARTMENTS, "finance"] }, "departments");
  });

  test("classification: a category code, a severity, a department, a key customer or null", () => {
    const ok = { ...REF, category: "billing", severity: "serious", department: "finance", keyCustomerId: null };
    expect(issues(ZClassifyInput, ok)).toEqual([]);
    refusedAt(ZClassifyInput, { ...ok, category: "Billing" }, "category", "complaints.validation.categoryCode");
    refusedAt(ZClassifyInput, { ...ok, department: "nowhere" }, "department", "validation.required");
    refusedAt(ZClassifyInput, { ...ok, severity: "urgent" }, "severity");
    refusedAt(ZClassifyInput, { ...ok, keyCustomerId: "x" }, "keyCustomerId");
  });

  test("the reply: a method and a time", () => {
    const ok = { ...REF, method: "phone", at: new Date("2026-03-02T01:30:00Z") };
    expect(ZReplyInput.parse(ok).note).toBe("");
    refusedAt(ZReplyInput, { ...ok, at: "2026-03-02T01:30:00Z" }, "at", "complaints.validation.when");
    refusedAt(ZReplyInput, { ...ok, at: new Date(Number.NaN) }, "at", "complaints.validation.when");
    refusedAt(ZReplyInput, { ...ok, method: "fax" }, "method", "validation.required");
  });

  test("the callback's satisfaction is 1 to 5", () => {
    for (const satisfaction of SATISFACTION_SCORES) expect(issues(ZCallbackInput, { ...REF, satisfaction })).toEqual([]);
    for (const satisfaction of [0, 6, 2.5, "3"]) refusedAt(ZCallbackInput, { ...REF, satisfaction }, "satisfaction");
  });

  test("an escalation needs a level and a reason; a signature is base64", () => {
    refusedAt(ZEscalateInput, { ...REF, level: "quality", reason: "" }, "reason", "validation.required");
    refusedAt(ZEscalateInput, { ...REF, level: "board", reason: "x" }, "level");
    expect(issues(ZSignInput, { ...REF, signer: "王先生", png: base64Of(30) })).toEqual([]);
    refusedAt(ZSignInput, { ...REF, signer: "王先生", png: "not base64!" }, "png");
  });

  test("category codes and the category form", () => {
    for (const code of ["billing", "fault_repair", "a1"]) expect(ZCategoryCode.safeParse(code).success).toBe(true);
    for (const code of ["a", "1abc", "Billing", "bill-ing", "a".repeat(41), ""]) refusedAt(ZCategoryCode, code, "", "complaints.validation.categoryCode");
    expect(ZCategoryInput.parse({ code: "billing", nameZh: "计费", nameEn: "Billing", department: "finance" }).active).toBe(true);
  });

  test("180 references", () => {
    for (const ref of ["A12", "180-2026/0315", "x".repeat(40)]) expect(ZCentreRef.safeParse(ref).success).toBe(true);
    for (const ref of ["A1", "/123", "A 123"]) refusedAt(ZCentreRef, ref, "", "complaints.validation.centreRef");
  });
});

describe("messages", () => {
  const has = (catalogue: Record<string, unknown>, key: string) =>
    typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";

  test("every message key schemas.ts names, and every one the tests above met, is in both catalogues", () => {
    const source = readFileSync(fileURLToPath(new URL("./schemas.ts", import.meta.url)), "utf8");
    const named = [...source.matchAll(/"((?:complaints\.)?validation\.[A-Za-z.]+)"/g)].map((m) => m[1]!);
    expect(named).toContain("complaints.validation.centreRefRequired");
    // the photo's messages belong to the items domain (domain/items/mutations.ts), reported there
    const keys = new Set([...named, ...[...seen].filter((m) => /^(complaints\.)?validation\./.test(m) && !m.startsWith("validation.photo"))]);
    for (const key of keys) {
      expect(has(CATALOGUES.en, key), `en: ${key}`).toBe(true);
      expect(has(CATALOGUES["zh-CN"], key), `zh-CN: ${key}`).toBe(true);
    }
  });
});
