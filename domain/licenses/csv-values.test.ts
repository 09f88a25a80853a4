import { describe, expect, it } from "vitest";
import { toIsoDate, utf8Length } from "./csv";

describe("toIsoDate", () => {
  it.each([
    ["2024-03-01", "2024-03-01"],
    ["2024-3-1", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["2024/03/01", "2024-03-01"],
    ["2024.3.1", "2024-03-01"],
    ["2024年3月1日", "2024-03-01"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["1900-02-29", null],
    ["2023-02-29", null],
    ["2024-04-31", null],
    ["2024-00-10", null],
    ["2024-01-00", null],
    ["24-03-01", null],
    ["2024-003-01", null],
    ["2024/3-1", null],
    ["2024年3月1", null],
    ["01/03/2024", null],
    ["20240301", null],
    ["", null],
  ])("%s → %s", (text, expected) => {
    expect(toIsoDate(text)).toBe(expected);
  });
});

describe("utf8Length", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["中文", 6],
    ["😀", 4],
    ["\uD800", 3], // a lone surrogate is written as U+FFFD (3 bytes)
  ])("%s → %i", (text, n) => {
    expect(utf8Length(text)).toBe(n);
    if (!/[\uD800-\uDFFF]/.test(text)) expect(n).toBe(new TextEncoder().encode(text).length);
  });
});
