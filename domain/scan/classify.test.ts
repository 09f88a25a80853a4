import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyScan, isAccepted } from "./classify";
import { MAX_SCAN_LENGTH } from "./text";

const MARK = "12345678901234567890";

describe("classifyScan: our own codes", () => {
  it.each([
    ["IN-000301", { kind: "asset_tag", code: "IN-000301" }],
    ["ST-000101", { kind: "stock_tag", code: "ST-000101" }],
    ["EQ-000201", { kind: "equipment_tag", code: "EQ-000201" }],
    ["WO-2026-000101", { kind: "work_order", code: "WO-2026-000101", year: 2026 }],
    ["  WO-2026-000099\n", { kind: "work_order", code: "WO-2026-000099", year: 2026 }],
    ["TMU-wang.jianguo", { kind: "person_badge", code: "TMU-wang.jianguo", username: "wang.jianguo" }],
    ["TMU-li_wei-2", { kind: "person_badge", code: "TMU-li_wei-2", username: "li_wei-2" }],
    [" TMU-007\r\n", { kind: "person_badge", code: "TMU-007", username: "007" }],
  ])("%s", (text, want) => {
    expect(classifyScan(text)).toEqual(want);
  });

  it.each([
    ["lower case", "in-000301", "unrecognised"],
    ["five digits", "ST-00010", "unrecognised"],
    ["seven digits", "ST-0001011", "unrecognised"],
    ["no dash", "ST000101", "unrecognised"],
    ["underscore", "ST_000101", "unrecognised"],
    ["unknown prefix", "XX-000101", "unrecognised"],
    ["year 19xx", "WO-1999-000101", "unrecognised"],
    ["letter O for zero", "ST-OOO101", "lookalike"],
    ["letter I for one", "ST-000I01", "lookalike"],
    ["letter l for one", "IN-000l01", "lookalike"],
    ["letter O in the year", "WO-2O26-000101", "lookalike"],
    ["full-width digits", "IN-０００３０１", "not_ascii"],
    ["full-width everything", "ＩＮ－０００３０１", "not_ascii"],
    ["en dash", "EQ–000201", "not_ascii"],
    ["Cyrillic Е in EQ", "ЕQ-000201", "unrecognised"],
    ["zero-width space inside", "IN-000\u200b301", "invisible_char"],
    ["bidi override", "\u202eIN-000301", "invisible_char"],
    ["NUL inside", "IN-000\u0000301", "control_char"],
    ["inner space", "IN- 000301", "unrecognised"],
    ["trailing text", "IN-000301 x", "unrecognised"],
    ["two codes", "IN-000301\nST-000101", "unrecognised"],
    ["badge in capitals", "TMU-WANG.JIANGUO", "lookalike"],
    ["badge prefix in lower case", "tmu-lineman", "lookalike"],
    ["badge with an underscore after TMU", "TMU_lineman", "lookalike"],
    ["badge with a space after TMU", "TMU lineman", "lookalike"],
    ["badge in full width", "ＴＭＵ－ｌｉｎｅｍａｎ", "not_ascii"],
    ["badge with an en dash", "TMU–lineman", "not_ascii"],
    ["badge with a full-width dot", "TMU-wang．jianguo", "not_ascii"],
    ["badge too short", "TMU-ab", "unrecognised"],
    ["badge too long", `TMU-${"a".repeat(41)}`, "unrecognised"],
    ["badge with a space in the name", "TMU-wang jianguo", "unrecognised"],
    ["badge with no dash", "TMUlineman", "unrecognised"],
    ["badge with Chinese name", "TMU-王建国", "unrecognised"],
    ["Cyrillic М in TMU", "TМU-lineman", "unrecognised"],
    ["badge and a tag", "TMU-lineman\nIN-000301", "unrecognised"],
  ])("refuses %s", (_name, text, reason) => {
    expect(classifyScan(text)).toEqual({ kind: "unknown", raw: text.trim(), reason });
  });
});

describe("classifyScan: EAN-13", () => {
  it("accepts a valid code", () => {
    expect(classifyScan("9781558604971")).toEqual({ kind: "ean13", code: "9781558604971" });
  });

  it("refuses a wrong check digit, lookalikes and full-width digits", () => {
    expect(classifyScan("9781558604972")).toMatchObject({ kind: "unknown", reason: "check_digit" });
    expect(classifyScan("978155860497I")).toMatchObject({ kind: "unknown", reason: "lookalike" });
    expect(classifyScan("97815586O4971")).toMatchObject({ kind: "unknown", reason: "lookalike" });
    expect(classifyScan("９７８１５５８６０４９７１")).toMatchObject({ kind: "unknown", reason: "not_ascii" });
  });
});

describe("classifyScan: license labels", () => {
  it("old paper label, bare and with fields", () => {
    expect(classifyScan("00-D710-208870")).toEqual({ kind: "license_old", licenseNo: "00-D710-208870", model: null, scrambleCode: null });
    expect(classifyScan("00-D710-208870\n型号：HWCD868\n扰码：A1B2C3D4E5F6\n")).toEqual({
      kind: "license_old",
      licenseNo: "00-D710-208870",
      model: "HWCD868",
      scrambleCode: "A1B2C3D4E5F6",
    });
  });

  it("old label near misses", () => {
    expect(classifyScan("00-D71O-208870")).toMatchObject({ kind: "unknown", reason: "lookalike" });
    expect(classifyScan("００-Ｄ７１０-２０８８７０")).toMatchObject({ kind: "unknown", reason: "not_ascii" });
  });

  it("new mark, bare or in an allow-listed URL; the URL itself is never returned", () => {
    expect(classifyScan(MARK)).toEqual({ kind: "license_mark", markCode: MARK, source: "bare" });
    const viaUrl = classifyScan(`https://jwxk.miit.gov.cn/e/${MARK}`);
    expect(viaUrl).toEqual({ kind: "license_mark", markCode: MARK, source: "url" });
  });

  it.each([
    `javascript:alert(1)`,
    `JaVaScRiPt:alert(document.cookie)//${MARK}`,
    `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
    `vbscript:msgbox(1)`,
    `file:///etc/passwd`,
    `https://evil.example/?code=${MARK}`,
    `https://jwxk.miit.gov.cn@evil.example/${MARK}`,
    `http://jwxk.miit.gov.cn/e/${MARK}`,
  ])("links that are not a mark are unknown (url_not_allowed): %s", (url) => {
    expect(classifyScan(url)).toEqual({ kind: "unknown", raw: url, reason: "url_not_allowed" });
  });
});

describe("classifyScan: adversarial input", () => {
  it("empty and whitespace", () => {
    expect(classifyScan("")).toEqual({ kind: "unknown", raw: "", reason: "empty" });
    expect(classifyScan(" \n\t ")).toMatchObject({ kind: "unknown", reason: "empty" });
  });

  it("10 KB strings are refused before any parsing, and the raw text handed back is capped", () => {
    for (const big of ["1".repeat(10_240), "IN-000301".padEnd(10_240, " "), `https://jwxk.miit.gov.cn/${"1".repeat(10_000)}`, "a;".repeat(5_120)]) {
      const t0 = performance.now();
      const got = classifyScan(big);
      expect(performance.now() - t0).toBeLessThan(50);
      expect(got).toMatchObject({ kind: "unknown", reason: "too_long" });
      expect(got.kind === "unknown" && got.raw.length).toBe(MAX_SCAN_LENGTH);
    }
  });

  it("just under the cap is parsed normally and quickly", () => {
    const text = "x".repeat(MAX_SCAN_LENGTH);
    expect(classifyScan(text)).toMatchObject({ kind: "unknown", reason: "unrecognised" });
    expect(classifyScan(`;;;;${" ".repeat(400)}00-D710-208870`)).toMatchObject({ kind: "license_old" });
  });

  it("control characters anywhere", () => {
    expect(classifyScan("\u0001\u0010AD:SUB:阿;;")).toMatchObject({ kind: "unknown", reason: "control_char" });
    expect(classifyScan("9781558604971\u0000")).toMatchObject({ kind: "unknown", reason: "control_char" });
  });

  it("scripts and markup are plain unknown text", () => {
    expect(classifyScan("<script>alert(1)</script>")).toMatchObject({ kind: "unknown", reason: "unrecognised" });
    expect(classifyScan("<img src=x onerror=alert(1)>")).toMatchObject({ kind: "unknown" });
  });

  it("never throws and only accepts ASCII-exact codes (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (s) => {
        const got = classifyScan(s);
        if (got.kind === "unknown") return;
        const code = "code" in got ? got.code : got.kind === "license_mark" ? got.markCode : got.licenseNo;
        expect(code).toMatch(/^[\x20-\x7E]+$/);
      }),
      { numRuns: 2_000 },
    );
  }, 60_000); // heavy (2,000 generated inputs): an explicit budget for a busy 2-core machine

  it("random strings in the shape of our codes are accepted only when exactly right (property)", () => {
    const alphabet = fc.constantFrom(..."0123456789OIlSB-ST EQINWO０１TMUtmu._".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 16 }), (chars) => {
        const s = chars.join("");
        const got = classifyScan(s);
        if (isAccepted(got) && got.kind !== "license_mark" && got.kind !== "license_old") {
          expect(s.trim()).toMatch(/^(ST|EQ|IN)-\d{6}$|^WO-20\d{2}-\d{6}$|^\d{13}$|^TMU-[a-z0-9._-]{3,40}$/);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("nothing but `TMU-` and a valid username is a badge, and a badge is nothing else (property)", () => {
    const near = fc.constantFrom(..."TMUtmu-_. ０－ＴabcOl019\n".split(""));
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.array(near, { maxLength: 20 }).map((c) => c.join("")),
      fc.string().map((x) => `TMU-${x}`),
    );
    fc.assert(
      fc.property(text, (s) => {
        const got = classifyScan(s);
        const trimmed = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
        const isBadge = /^TMU-[a-z0-9._-]{3,40}$/.test(trimmed);
        expect(got.kind === "person_badge").toBe(isBadge);
        if (got.kind === "person_badge") expect(got).toEqual({ kind: "person_badge", code: trimmed, username: trimmed.slice(4) });
      }),
      { numRuns: 2_000 },
    );
  });
});
