import { describe, expect, it } from "vitest";
import { isPrintableAscii, MAX_SCAN_LENGTH, screenText } from "./text";

describe("screenText", () => {
  it("passes a plain code unchanged", () => {
    expect(screenText("IN-000301")).toEqual({ ok: true, text: "IN-000301" });
  });

  it("trims surrounding ASCII whitespace only", () => {
    expect(screenText("  \t\r\nST-000101 \n")).toEqual({ ok: true, text: "ST-000101" });
    expect(screenText("a b")).toEqual({ ok: true, text: "a b" });
  });

  it("refuses empty and whitespace-only text", () => {
    expect(screenText("")).toEqual({ ok: false, reason: "empty" });
    expect(screenText(" \t\r\n ")).toEqual({ ok: false, reason: "empty" });
    expect(screenText(undefined as unknown as string)).toEqual({ ok: false, reason: "empty" });
  });

  it("caps the length before looking at the content", () => {
    expect(screenText("1".repeat(MAX_SCAN_LENGTH)).ok).toBe(true);
    expect(screenText("1".repeat(MAX_SCAN_LENGTH + 1))).toEqual({ ok: false, reason: "too_long" });
    expect(screenText("\u0000".repeat(10_240))).toEqual({ ok: false, reason: "too_long" });
    expect(screenText(" ".repeat(MAX_SCAN_LENGTH + 1))).toEqual({ ok: false, reason: "too_long" });
  });

  it.each([
    ["NUL", "IN-0003\u000001"],
    ["bell", "\u0007IN-000301"],
    ["escape", "IN-000301\u001b[2J"],
    ["group separator (GS1)", "0109504000059101\u001d21"],
    ["DEL", "IN-000301\u007f"],
    ["C1 NEL", "IN-000301\u0085"],
    ["vertical tab", "IN-\u000b000301"],
    ["form feed", "IN-000301\u000c"],
  ])("refuses control characters: %s", (_name, text) => {
    expect(screenText(text)).toEqual({ ok: false, reason: "control_char" });
  });

  it.each([
    ["zero-width space", "IN-000\u200b301"],
    ["zero-width joiner", "IN-000301\u200d"],
    ["BOM at the start", "\ufeffIN-000301"],
    ["right-to-left override", "\u202eIN-000301"],
    ["left-to-right mark", "IN-000301\u200e"],
    ["first-strong isolate", "\u2068IN-000301\u2069"],
    ["Arabic letter mark", "IN-000301\u061c"],
    ["soft hyphen", "IN\u00ad-000301"],
    ["word joiner", "IN-\u2060000301"],
    ["line separator", "IN-000301\u2028"],
    ["private use", "IN-000301\ue000"],
    ["lone surrogate", "IN-000301\ud800"],
    ["Hangul filler", "IN-000301\u3164"],
    ["variation selector", "IN-000301\ufe0f"],
    ["Mongolian vowel separator", "IN-000301\u180e"],
  ])("refuses invisible characters: %s", (_name, text) => {
    expect(screenText(text)).toEqual({ ok: false, reason: "invisible_char" });
  });

  it("keeps tabs and newlines inside (license payloads are multi-line)", () => {
    expect(screenText("00-D710-208870\n型号:HWCD868")).toEqual({ ok: true, text: "00-D710-208870\n型号:HWCD868" });
  });

  it("keeps ordinary non-ASCII text (judged later by the parsers)", () => {
    expect(screenText("型号：ＨＷ").ok).toBe(true);
  });
});

describe("isPrintableAscii", () => {
  it("is true for printable ASCII and false otherwise", () => {
    expect(isPrintableAscii("IN-000301 ~")).toBe(true);
    expect(isPrintableAscii("")).toBe(true);
    expect(isPrintableAscii("\t")).toBe(false);
    expect(isPrintableAscii("０")).toBe(false);
    expect(isPrintableAscii("é")).toBe(false);
  });
});
