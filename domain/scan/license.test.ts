import { describe, expect, it } from "vitest";
import { parseLicenseMark, parseLicenseOld } from "./license";

const MARK = "12345678901234567890";

describe("parseLicenseOld", () => {
  it.each(["00-D710-208870", "02-C124-211345", "01-B233-190021", "03-A511-240178", "00-E620-230556", "04-F902-250044"])(
    "accepts the bare license number %s",
    (no) => {
      expect(parseLicenseOld(no)).toEqual({ kind: "license_old", licenseNo: no, model: null, scrambleCode: null });
    },
  );

  it("reads labelled fields in any order, with ASCII or full-width colons and any separator", () => {
    const want = { kind: "license_old", licenseNo: "00-D710-208870", model: "HWCD868", scrambleCode: "A1B2C3D4E5F6" };
    expect(parseLicenseOld("00-D710-208870\n型号:HWCD868\n扰码:A1B2C3D4E5F6")).toEqual(want);
    expect(parseLicenseOld("扰码：A1B2C3D4E5F6；型号：HWCD868；进网许可证号：00-D710-208870")).toEqual(want);
    expect(parseLicenseOld("LICENSE NO: 00-D710-208870 | Model: HWCD868 | scramble code: A1B2C3D4E5F6")).toEqual(want);
    expect(parseLicenseOld("00-D710-208870\r\nMODEL:HWCD868\r\nSCRAMBLE:A1B2C3D4E5F6\r\n")).toEqual(want);
  });

  it("reads unlabelled fields by position: license, model, scramble", () => {
    expect(parseLicenseOld("00-D710-208870;HWCD868;A1B2C3D4E5F6")).toEqual({
      kind: "license_old",
      licenseNo: "00-D710-208870",
      model: "HWCD868",
      scrambleCode: "A1B2C3D4E5F6",
    });
    expect(parseLicenseOld("04-F902-250044;ZXHN F663N")).toMatchObject({ model: "ZXHN F663N", scrambleCode: null });
    expect(parseLicenseOld("01-B233-190021;HCD007(6082)TSD")).toMatchObject({ model: "HCD007(6082)TSD" });
  });

  it("ignores empty fields", () => {
    expect(parseLicenseOld("00-D710-208870;;型号:HWCD868;")).toMatchObject({ model: "HWCD868" });
  });

  it.each([
    ["empty", ""],
    ["letter O for zero", "0O-D710-208870"],
    ["letter l for one", "00-D7l0-208870"],
    ["lower-case series letter", "00-d710-208870"],
    ["digit for the letter", "00-0710-208870"],
    ["too few digits", "00-D710-20887"],
    ["too many digits", "00-D710-2088700"],
    ["full-width digits", "００-Ｄ７１０-２０８８７０"],
    ["full-width dash", "00－D710－208870"],
    ["en dash", "00–D710–208870"],
    ["inner space", "00-D710 -208870"],
    ["no license number", "型号:HWCD868;扰码:A1B2C3D4E5F6"],
    ["license twice", "00-D710-208870;许可证号:00-D710-208870"],
    ["model twice", "00-D710-208870;型号:A;MODEL:B"],
    ["unknown label", "00-D710-208870;申请人:华为"],
    ["four fields", "00-D710-208870;HWCD868;A1B2C3D4E5F6;X"],
    ["scramble code too short", "00-D710-208870;型号:HWCD868;扰码:A1B2"],
    ["scramble code lower case", "00-D710-208870;型号:HWCD868;扰码:a1b2c3d4e5f6"],
    ["scramble code full-width", "00-D710-208870;型号:HWCD868;扰码:Ａ1B2C3D4E5F6"],
    ["model with a script", "00-D710-208870;型号:<script>alert(1)</script>"],
    ["model too long", `00-D710-208870;型号:${"A".repeat(41)}`],
    ["dotless i in a label", "00-D710-208870;scramble code:A1B2C3D4E5F6;lıcense:00-D710-208870"],
    ["prototype label", "00-D710-208870;__proto__:X"],
    ["constructor label", "00-D710-208870;constructor:X"],
    ["space-separated (ambiguous)", "00-D710-208870 HWCD868"],
  ])("refuses %s", (_name, text) => {
    expect(parseLicenseOld(text)).toBeNull();
  });
});

describe("parseLicenseMark", () => {
  it("accepts the bare digital code (16–32 digits)", () => {
    expect(parseLicenseMark(MARK)).toEqual({ kind: "license_mark", markCode: MARK, source: "bare" });
    expect(parseLicenseMark("1".repeat(16))).toMatchObject({ markCode: "1".repeat(16) });
    expect(parseLicenseMark("1".repeat(32))).toMatchObject({ markCode: "1".repeat(32) });
  });

  it.each([
    `https://jwxk.miit.gov.cn/e/${MARK}`,
    `https://jwxk.miit.gov.cn/e/${MARK}/`,
    `https://jwxk.miit.gov.cn/${MARK}`,
    `https://jwxk.miit.gov.cn/mark/check?code=${MARK}`,
    `https://jwxk.miit.gov.cn/?id=${MARK}&lang=zh`,
    `https://jwxk.miit.gov.cn?c=${MARK}`,
    `HTTPS://JWXK.MIIT.GOV.CN/E/${MARK}`,
  ])("extracts the code from %s and never returns the URL", (url) => {
    const got = parseLicenseMark(url);
    expect(got).toEqual({ kind: "license_mark", markCode: MARK, source: "url" });
    expect(JSON.stringify(got)).not.toContain("http");
  });

  it.each([
    ["too short", "1".repeat(15)],
    ["too long", "1".repeat(33)],
    ["letter O inside", `1234567890O234567890`],
    ["full-width digits", "１２３４５６７８９０１２３４５６７８９０"],
    ["http, not https", `http://jwxk.miit.gov.cn/e/${MARK}`],
    ["another host", `https://evil.example/e/${MARK}`],
    ["allow-listed name as a subdomain of another host", `https://jwxk.miit.gov.cn.evil.example/e/${MARK}`],
    ["another host's subdomain of ours", `https://x.jwxk.miit.gov.cn/e/${MARK}`],
    ["userinfo trick", `https://jwxk.miit.gov.cn@evil.example/e/${MARK}`],
    ["port", `https://jwxk.miit.gov.cn:8443/e/${MARK}`],
    ["trailing-dot host", `https://jwxk.miit.gov.cn./e/${MARK}`],
    ["fragment", `https://jwxk.miit.gov.cn/e/${MARK}#x`],
    ["percent escapes", `https://jwxk.miit.gov.cn/e/%31${MARK.slice(1)}`],
    ["backslash", `https://jwxk.miit.gov.cn\\@evil.example/${MARK}`],
    ["dot segments", `https://jwxk.miit.gov.cn/../${MARK}`],
    ["two codes in the query", `https://jwxk.miit.gov.cn/?code=${MARK}&code=${MARK}`],
    ["no code parameter", `https://jwxk.miit.gov.cn/e/${MARK}?x=1`],
    ["code not digits", "https://jwxk.miit.gov.cn/?code=abc"],
    ["javascript:", `javascript:alert(${MARK})`],
    ["javascript: with the host in a comment", `javascript://jwxk.miit.gov.cn/%0aalert(1)//${MARK}`],
    ["data:", `data:text/html,<script>alert(1)</script>${MARK}`],
    ["protocol-relative", `//jwxk.miit.gov.cn/e/${MARK}`],
    ["no scheme", `jwxk.miit.gov.cn/e/${MARK}`],
    ["IDN lookalike host", `https://jwxk.miit.gov.cп/e/${MARK}`],
    ["space inside", `https://jwxk.miit.gov.cn/e/ ${MARK}`],
  ])("refuses %s", (_name, text) => {
    expect(parseLicenseMark(text)).toBeNull();
  });
});
