import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputProblem, MAX_INPUT_DEPTH } from "./input";

function nested(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe("input backstop (domain/text/input.ts)", () => {
  it("passes ordinary input", () => {
    expect(inputProblem({ a: [1, "x", { b: null, c: true }], d: "王小明 😀" })).toBeNull();
    expect(inputProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
  });

  it("refuses nesting beyond the bound without overflowing the stack, even 100,000 deep", () => {
    expect(inputProblem(nested(MAX_INPUT_DEPTH + 1))?.reason).toBe("too_deep");
    const deep: unknown = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    expect(inputProblem(deep)).toEqual({ field: expect.any(String) as unknown, reason: "too_deep" });
  });

  it("names the field that holds NUL or a lone surrogate, in values and in keys", () => {
    expect(inputProblem({ args: { note: "a\u0000b" } })).toEqual({ field: "args.note", reason: "nul" });
    expect(inputProblem({ list: ["ok", "\uD800"] })).toEqual({ field: "list.1", reason: "lone_surrogate" });
    expect(inputProblem({ snap: { ["k\u0000"]: 1 } })).toEqual({ field: "snap.(key)", reason: "nul" });
    expect(inputProblem("\u0000")).toEqual({ field: "", reason: "nul" });
  });

  it("property: any JSON value either passes or is refused; refused only for a reason it really has", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const p = inputProblem(v);
        const text = JSON.stringify(v) ?? "";
        if (p === null) expect(text.includes("\\u0000")).toBe(false);
        else expect(["nul", "lone_surrogate", "too_deep"]).toContain(p.reason);
      }),
      { numRuns: 1000 },
    );
  });
});
