import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { CATALOGUES } from "@/messages/catalogue";
import { LABEL_KINDS, LABEL_RESULTS, markProblem } from "./model";
import { MAX_MARKS, QUALITY_MUTATION_VERSIONS, ZAnyTag, ZCheckMark, ZMonth, ZOpenMonthInput, ZSubmitCheckArgs } from "./schemas";

const ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
const uuid = (n: number) => `0193a1b2-c3d4-7e5f-8a6b-${String(n).padStart(12, "0")}`;
const PHOTO = { mime: "image/jpeg", base64: "/9j/4AAQSkZJRg==" };
const AT = "2026-03-10T02:15:00.000Z";

/** Every message a test below saw, checked against both catalogues at the end. */
const seen = new Set<string>();

function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  const out = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  for (const i of out) seen.add(i.message);
  return out;
}

/** Refused, with an issue at `path` (and with `message` when given). */
function refusedAt(schema: z.ZodType, input: unknown, path: string, message?: string) {
  const found = issues(schema, input);
  expect(
    found.map((i) => i.path),
    JSON.stringify(found),
  ).toContain(path);
  if (message) expect(found.filter((i) => i.path === path).map((i) => i.message)).toContain(message);
}

function accepted<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  expect(r.success, r.success ? "" : JSON.stringify(r.error.issues)).toBe(true);
  return r.data as z.infer<S>;
}

describe("tags and months", () => {
  test("ZAnyTag: the app's tag formats; 2–40 capitals, digits and dashes, not starting with a dash", () => {
    for (const t of ["EQ-000123", "ST-001001", "IN-2024-0007", "AB", "A".repeat(40), "123"]) accepted(ZAnyTag, t);
    for (const t of ["A", "A".repeat(41), "eq-000123", "-AB", "EQ 000123", "EQ_1", "", "ＥＱ-1"]) refusedAt(ZAnyTag, t, "", "quality.validation.tag");
    refusedAt(ZAnyTag, 12, "");
  });

  test("ZMonth: YYYY-MM of this century", () => {
    for (const m of ["2026-01", "2026-09", "2026-10", "2026-12", "2000-02", "2099-12"]) accepted(ZMonth, m);
    for (const m of ["2026-13", "2026-00", "2026-1", "1999-12", "2100-01", "2026-01-01", "26-01", "2026/01", ""])
      refusedAt(ZMonth, m, "", "quality.validation.month");
    expect(accepted(ZOpenMonthInput, { month: "2026-12" })).toEqual({ month: "2026-12" });
    refusedAt(ZOpenMonthInput, { month: "2026-13" }, "month", "quality.validation.month");
    refusedAt(ZOpenMonthInput, {}, "month");
  });
});

describe("spotCheck.submit v1 (the walk)", () => {
  const mark = (over: Record<string, unknown> = {}) => ({ id: uuid(1), tag: "EQ-000123", labelKind: "equipment", result: "correct", markedAt: AT, ...over });
  const walk = (marks: unknown[], over: Record<string, unknown> = {}) => ({ id: ID, planned: true, marks, ...over });

  test("a planned walk with one correct mark, and its defaults", () => {
    expect(accepted(ZSubmitCheckArgs, walk([mark()]))).toEqual({
      id: ID,
      planned: true,
      zoneCode: null,
      note: "",
      marks: [{ id: uuid(1), tag: "EQ-000123", subject: "", labelKind: "equipment", result: "correct", expected: null, note: "", markedAt: AT }],
      // one whole walk unless said otherwise (a large walk comes in parts: client/quality/walk.ts walkParts)
      final: true,
    });
    expect(accepted(ZSubmitCheckArgs, { ...walk([mark()]), final: false }).final).toBe(false);
  });

  test("an unplanned walk with its zone, every label kind, what the phone showed, texts cleaned", () => {
    const marks = LABEL_KINDS.map((labelKind, i) => mark({ id: uuid(i), tag: `EQ-${String(i).padStart(6, "0")}`, labelKind }));
    const v = accepted(ZSubmitCheckArgs, walk(marks, { planned: false, zoneCode: " WH1-A ", note: " 第一次 " }));
    expect(v.zoneCode).toBe("WH1-A");
    expect(v.note).toBe("第一次");
    expect(v.marks.map((m) => m.labelKind)).toEqual([...LABEL_KINDS]);
    const withExpected = accepted(ZSubmitCheckArgs, walk([mark({ expected: { kind: "equipment", status: "in_use", zoneCode: "WH1-A" } })]));
    expect(withExpected.marks[0]!.expected).toEqual({ kind: "equipment", status: "in_use", zoneCode: "WH1-A" });
  });

  test.each(["wrong_label", "missing_label", "wrong_place"])("%s needs a photo (quality.validation.photo), and with one passes", (result) => {
    refusedAt(ZSubmitCheckArgs, walk([mark({ result })]), "marks.0.photo", "quality.validation.photo");
    expect(accepted(ZSubmitCheckArgs, walk([mark({ result, photo: PHOTO })])).marks[0]!.photo).toEqual(PHOTO);
  });

  test("no tag: a subject is required (quality.validation.subject); blank after trimming is none", () => {
    refusedAt(ZSubmitCheckArgs, walk([mark({ tag: null })]), "marks.0.subject", "quality.validation.subject");
    refusedAt(ZSubmitCheckArgs, walk([mark({ tag: null, subject: "   " })]), "marks.0.subject", "quality.validation.subject");
    const v = accepted(ZSubmitCheckArgs, walk([mark({ tag: null, subject: " 2号台服务指南 ", labelKind: "service_guide" })]));
    expect(v.marks[0]!.subject).toBe("2号台服务指南");
  });

  test("a tag twice: the repeat is refused (quality.validation.tagTwice), each repeat named", () => {
    const m = [mark({ id: uuid(1) }), mark({ id: uuid(2) }), mark({ id: uuid(3), tag: "EQ-000124" }), mark({ id: uuid(4) })];
    const found = issues(ZSubmitCheckArgs, walk(m));
    expect(found).toEqual([
      { path: "marks.1.tag", message: "quality.validation.tagTwice" },
      { path: "marks.3.tag", message: "quality.validation.tagTwice" },
    ]);
  });

  test("untagged subjects may repeat; every problem of a mark is named", () => {
    accepted(ZSubmitCheckArgs, walk([mark({ id: uuid(1), tag: null, subject: "premises" }), mark({ id: uuid(2), tag: null, subject: "premises" })]));
    const found = issues(ZSubmitCheckArgs, walk([mark({ tag: null, result: "wrong_label" })]));
    expect(found).toEqual([
      { path: "marks.0.subject", message: "quality.validation.subject" },
      { path: "marks.0.photo", message: "quality.validation.photo" },
    ]);
  });

  test("between 1 and MAX_MARKS marks", () => {
    refusedAt(ZSubmitCheckArgs, walk([]), "marks", "quality.validation.noMarks");
    const many = (n: number) => Array.from({ length: n }, (_, i) => mark({ id: uuid(i), tag: `EQ-${String(i).padStart(6, "0")}` }));
    expect(MAX_MARKS).toBe(500);
    expect(accepted(ZSubmitCheckArgs, walk(many(500))).marks).toHaveLength(500);
    refusedAt(ZSubmitCheckArgs, walk(many(501)), "marks");
  });

  test("each field of a mark", () => {
    refusedAt(ZSubmitCheckArgs, walk([mark({ id: "m-1" })]), "marks.0.id");
    refusedAt(ZSubmitCheckArgs, walk([mark({ tag: "eq-1" })]), "marks.0.tag", "quality.validation.tag");
    refusedAt(ZSubmitCheckArgs, walk([mark({ labelKind: "vehicle" })]), "marks.0.labelKind");
    refusedAt(ZSubmitCheckArgs, walk([mark({ result: "ok" })]), "marks.0.result");
    refusedAt(ZSubmitCheckArgs, walk([mark({ markedAt: "2026-03-10" })]), "marks.0.markedAt");
    refusedAt(ZSubmitCheckArgs, walk([mark({ subject: "s".repeat(201) })]), "marks.0.subject", "validation.tooLong");
    refusedAt(ZSubmitCheckArgs, walk([mark({ subject: "a\nb" })]), "marks.0.subject", "validation.text.control");
    refusedAt(ZSubmitCheckArgs, walk([mark({ note: "n".repeat(501) })]), "marks.0.note", "validation.tooLong");
    refusedAt(ZSubmitCheckArgs, walk([mark({ note: "\u202Eevil" })]), "marks.0.note", "validation.text.bidi");
    accepted(ZSubmitCheckArgs, walk([mark({ note: "两行\n说明" })]));
    refusedAt(ZSubmitCheckArgs, walk([mark({ result: "wrong_label", photo: { mime: "image/gif", base64: "AA==" } })]), "marks.0.photo.mime");
    refusedAt(ZSubmitCheckArgs, walk([mark({ expected: { kind: "vehicle", status: "in_use", zoneCode: null } })]), "marks.0.expected.kind");
    refusedAt(ZSubmitCheckArgs, walk([mark({ expected: { kind: "equipment", status: "lost", zoneCode: null } })]), "marks.0.expected.status");
    refusedAt(ZSubmitCheckArgs, walk([mark({ expected: { kind: "equipment", status: "in_use", zoneCode: "Z".repeat(41) } })]), "marks.0.expected.zoneCode");
    refusedAt(ZCheckMark, mark({ tag: undefined }), "tag");
  });

  test("the walk's own fields", () => {
    refusedAt(ZSubmitCheckArgs, walk([mark()], { id: "walk-1" }), "id");
    refusedAt(ZSubmitCheckArgs, walk([mark()], { planned: "yes" }), "planned");
    refusedAt(ZSubmitCheckArgs, walk([mark()], { zoneCode: "Z".repeat(41) }), "zoneCode", "validation.tooLong");
    refusedAt(ZSubmitCheckArgs, walk([mark()], { note: "n".repeat(1001) }), "note", "validation.tooLong");
  });

  test("property: a mark is refused by the schema exactly when markProblem names a problem (same rule on phone and server)", () => {
    const arbMark = fc.record({
      tag: fc.option(fc.constantFrom("EQ-000001", "EQ-000002", "ST-000003"), { nil: null }),
      subject: fc.constantFrom("", "  ", "premises", "2号台服务指南"),
      result: fc.constantFrom(...LABEL_RESULTS),
      photo: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbMark, { minLength: 1, maxLength: 8 }), (ms) => {
        const input = walk(ms.map((m, i) => mark({ id: uuid(i), tag: m.tag, subject: m.subject, result: m.result, ...(m.photo ? { photo: PHOTO } : {}) })));
        const refused = new Set(issues(ZSubmitCheckArgs, input).map((i) => Number(i.path.split(".")[1])));
        const tags = new Set<string>();
        ms.forEach((m, i) => {
          expect(refused.has(i), JSON.stringify(m)).toBe(markProblem(m, tags) !== null);
          if (m.tag !== null) tags.add(m.tag);
        });
      }),
    );
  });

  test("the offline mutations and their versions (public contract)", () => {
    expect(QUALITY_MUTATION_VERSIONS).toEqual({ "spotCheck.submit": [1] });
  });
});

describe("messages", () => {
  const has = (catalogue: Record<string, unknown>, key: string) =>
    typeof key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), catalogue) === "string";

  test("every message key schemas.ts names is in both catalogues", () => {
    const source = readFileSync(fileURLToPath(new URL("./schemas.ts", import.meta.url)), "utf8");
    const named = [...source.matchAll(/"((?:quality\.|desk\.)?validation\.[A-Za-z.]+)"/g)].map((m) => m[1]!);
    for (const key of [
      "quality.validation.photo",
      "quality.validation.subject",
      "quality.validation.tagTwice",
      "quality.validation.sign",
      "quality.validation.billedMoreThanPlaced",
    ])
      expect(named).toContain(key);
    for (const key of new Set(named)) {
      expect(has(CATALOGUES.en, key), `en: ${key}`).toBe(true);
      expect(has(CATALOGUES["zh-CN"], key), `zh-CN: ${key}`).toBe(true);
    }
  });

  test("every message the walk's tests met is in both catalogues", () => {
    for (const key of [...seen].filter((m) => /^(quality\.|desk\.)?validation\./.test(m))) {
      expect(has(CATALOGUES.en, key), `en: ${key}`).toBe(true);
      expect(has(CATALOGUES["zh-CN"], key), `zh-CN: ${key}`).toBe(true);
    }
  });
});
