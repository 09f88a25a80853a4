import { describe, expect, it } from "vitest";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "./confirm";

function run(frames: (string | null)[], n?: number): (string | null)[] {
  let state: ConfirmState = INITIAL_CONFIRM;
  return frames.map((f) => {
    const step = confirmRead(state, f, n);
    state = step.state;
    return step.confirmed;
  });
}

describe("confirmRead", () => {
  it("confirms a value on its second consecutive frame by default, once", () => {
    expect(run(["A", "A", "A", "A"])).toEqual([null, "A", null, null]);
  });

  it("needs N consecutive frames", () => {
    expect(run(["A", "A", "A"], 3)).toEqual([null, null, "A"]);
    expect(run(["A", "B", "A", "A", "A"], 3)).toEqual([null, null, null, null, "A"]);
  });

  it("with N = 1 confirms on the first frame", () => {
    expect(run(["A", "A", "B"], 1)).toEqual(["A", null, "B"]);
  });

  it("a frame that read nothing breaks the run", () => {
    expect(run(["A", null, "A", null, "A"])).toEqual([null, null, null, null, null]);
    expect(run(["A", null, "A", "A"])).toEqual([null, null, null, "A"]);
  });

  it("a different value restarts the count (a misread between two good reads does not count)", () => {
    expect(run(["A", "B", "A", "B"])).toEqual([null, null, null, null]);
  });

  it("the same code can be confirmed again after it left the view (continuous mode decides duplicates)", () => {
    expect(run(["A", "A", null, "A", "A"])).toEqual([null, "A", null, null, "A"]);
    expect(run(["A", "A", "B", "B", "A", "A"])).toEqual([null, "A", null, "B", null, "A"]);
  });

  it("does not mutate the state it is given", () => {
    const state = Object.freeze({ ...INITIAL_CONFIRM });
    expect(() => confirmRead(state, "A")).not.toThrow();
    expect(state).toEqual(INITIAL_CONFIRM);
  });

  it("refuses a nonsensical N", () => {
    expect(() => confirmRead(INITIAL_CONFIRM, "A", 0)).toThrow(RangeError);
    expect(() => confirmRead(INITIAL_CONFIRM, "A", 1.5)).toThrow(RangeError);
  });
});
