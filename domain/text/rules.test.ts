import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZCreateWorkOrderInput } from "@/domain/work-orders/schemas";
import { cleanText, textProblem, unstorable, zLine, zNote, zVerbatim } from "./rules";

describe("text rule (domain/text/rules.ts)", () => {
  it("normalises to NFC, trims, turns CRLF into LF and drops invisible characters", () => {
    expect(cleanText("  Cafe\u0301 ", "line")).toBe("Caf\u00e9");
    expect(cleanText("a\r\nb\rc", "note")).toBe("a\nb\nc");
    expect(cleanText("138\u200B0000\uFEFF0000\u2060", "line")).toBe("13800000000");
    expect(cleanText("soft\u00ADhyphen", "line")).toBe("softhyphen");
  });

  it.each([
    ["\u202E1380000000\u202C", "bidi"],
    ["abc\u2066x\u2069", "bidi"],
    ["\u200Fname", "bidi"],
    ["a\u0000b", "nul"],
    ["a\uD800b", "lone_surrogate"],
    ["a\uDC00", "lone_surrogate"],
    ["bell\u0007", "control"],
    ["esc\u001B[31m", "control"],
    ["c1\u0085", "control"],
    ["del\u007F", "control"],
    ["two\nlines", "control"],
    ["tab\there", "control"],
  ] as const)("refuses %j in a line as %s", (text, problem) => {
    expect(textProblem(text, "line")).toBe(problem);
  });

  it("allows line breaks and tabs in notes, and emoji joined by ZWJ anywhere", () => {
    expect(textProblem("first\nsecond\tthird", "note")).toBeNull();
    expect(textProblem("👨\u200D👩\u200D👧 王小明", "line")).toBeNull();
    expect(textProblem("\u202Enote", "note")).toBe("bidi");
    expect(textProblem("a\u0000", "note")).toBe("nul");
  });

  it("keeps a well-formed surrogate pair", () => {
    expect(unstorable("𠮷野家 😀")).toBeNull();
    expect(textProblem("𠮷野家 😀", "line")).toBeNull();
  });

  it("zod helpers refuse with the catalogue key and chain like strings", () => {
    const phone = zLine(20).min(1, { error: "validation.required" });
    expect(phone.parse(" 138\u200B0000 0000 ")).toBe("1380000 0000");
    const bad = phone.safeParse("\u202E1380000000\u202C");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("validation.text.bidi");
    expect(zLine(3).safeParse("abcd").error?.issues[0]?.message).toBe("validation.tooLong");
    expect(zNote(50).parse("a\r\nb")).toBe("a\nb");
    expect(zLine(10).toLowerCase().parse(" ABC ")).toBe("abc");
  });

  it("the issue's case: a work order with an overridden contact number is refused on that field", () => {
    const r = ZCreateWorkOrderInput.safeParse({
      kind: "install",
      customerName: "王小明",
      address: "北京路 1 号",
      contact: "\u202E1380000000\u202C",
      service: "宽带",
      scheduledFor: "2026-12-05",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["contact", "validation.text.bidi"]);
  });

  it("is idempotent: an invisible character before a combining mark (cleaned twice = cleaned once)", () => {
    const once = cleanText("Jose\u200B\u0301", "line");
    expect(once).toBe("Jos\u00e9");
    expect(cleanText(once, "line")).toBe(once);
  });

  it("property: cleaning twice gives what cleaning once gave (a value hashed on the phone recomputes on the server)", () => {
    const parts = fc.constantFrom("e", "\u0301", "\u200B", "\uFEFF", "\u00AD", "\u2060", "\r", "\n", " ", "a", "\u1100", "\u1161", "\u00e9");
    fc.assert(
      fc.property(
        fc.array(parts, { maxLength: 12 }).map((a) => a.join("")),
        (raw) => {
          const once = cleanText(raw, "note");
          expect(cleanText(once, "note")).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("zVerbatim only trims (evidence stays as typed) and refuses like its kind", () => {
    expect(zVerbatim("line", 60).parse("  Jose\u0301\u200B ")).toBe("Jose\u0301\u200B");
    expect(zVerbatim("line", 60).safeParse("\u202Ex").error?.issues[0]?.message).toBe("validation.text.bidi");
  });

  it("property: whatever passes a line is NFC, trimmed, and free of every refused or invisible character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (raw) => {
        const r = zLine(200).safeParse(raw);
        if (!r.success) return;
        const s = r.data;
        expect(s).toBe(s.normalize("NFC"));
        expect(s).toBe(s.trim());
        expect(s).not.toMatch(/[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u);
        expect(unstorable(s)).toBeNull();
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
