import { describe, expect, it } from "vitest";
import { isAppPath, ZMarkNoticesReadArgs } from "./notices";

describe("notices", () => {
  it("links only inside the app", () => {
    for (const ok of ["/instruments#IN-000301", "/work-orders/desk#0193a0b0-0000-7000-8000-000000000001", "/notices"]) expect(isAppPath(ok), ok).toBe(true);
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "instruments",
      "",
      "/a b",
      `/${"x".repeat(300)}`,
      "/\u0000",
    ]) {
      expect(isAppPath(bad), bad).toBe(false);
    }
  });

  it("marks between 1 and 200 notices read, by id", () => {
    expect(ZMarkNoticesReadArgs.safeParse({ noticeIds: [] }).success).toBe(false);
    expect(ZMarkNoticesReadArgs.safeParse({ noticeIds: ["not-a-uuid"] }).success).toBe(false);
    expect(ZMarkNoticesReadArgs.safeParse({ noticeIds: Array.from({ length: 201 }, () => "0193a0b0-0000-7000-8000-000000000001") }).success).toBe(false);
    expect(ZMarkNoticesReadArgs.safeParse({ noticeIds: ["0193a0b0-0000-7000-8000-000000000001"] }).success).toBe(true);
  });
});
