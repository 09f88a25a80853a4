import { describe, expect, it } from "vitest";
import { judgeExpected, ownChangesSince } from "./stale";

const judge = (current: { status: string; version: number }, expected: { from: string; version: number }, ownVersionsSince = 0, outcomeHolds = false) =>
  judgeExpected({ current, expected, ownVersionsSince, outcomeHolds });

describe("judgeExpected: stale is decided on the version the user saw", () => {
  it("the very state the user saw: proceed", () => {
    expect(judge({ status: "A", version: 3 }, { from: "A", version: 3 })).toBe("proceed");
  });

  it("A→B→A by someone else in between: the label is the same, the version is not: stale", () => {
    expect(judge({ status: "A", version: 5 }, { from: "A", version: 3 })).toBe("stale");
  });

  it("someone else already made the very change: already, whatever happened in between", () => {
    expect(judge({ status: "B", version: 5 }, { from: "A", version: 3 }, 0, true)).toBe("already");
  });

  it("only this device's own earlier changes since the version it sent: proceed on the current state", () => {
    expect(judge({ status: "B", version: 4 }, { from: "A", version: 3 }, 1)).toBe("proceed");
    expect(judge({ status: "C", version: 5 }, { from: "A", version: 3 }, 2)).toBe("proceed");
  });

  it("own changes and one by someone else: stale", () => {
    expect(judge({ status: "C", version: 5 }, { from: "A", version: 3 }, 1)).toBe("stale");
  });

  it("the phone predicted own changes that never happened (an earlier one was refused): stale unless the outcome holds", () => {
    expect(judge({ status: "A", version: 3 }, { from: "B", version: 4 })).toBe("stale");
    expect(judge({ status: "C", version: 3 }, { from: "B", version: 4 }, 0, true)).toBe("already");
  });

  it("a label that disagrees with its version was never seen: stale", () => {
    expect(judge({ status: "B", version: 3 }, { from: "A", version: 3 })).toBe("stale");
  });
});

describe("ownChangesSince", () => {
  const d = "phone-a";
  it("counts this device's changes when the first of them started from what the phone saw", () => {
    expect(
      ownChangesSince(
        [
          { deviceId: d, from: "b" },
          { deviceId: d, from: "a" },
        ],
        "a",
        d,
      ),
    ).toBe(2);
    expect(
      ownChangesSince(
        [
          { deviceId: "other", from: "b" },
          { deviceId: d, from: "a" },
        ],
        "a",
        d,
      ),
    ).toBe(1);
  });
  it("counts none when the chain does not start from the state the phone claims, or there is none", () => {
    expect(
      ownChangesSince(
        [
          { deviceId: d, from: "b" },
          { deviceId: d, from: "x" },
        ],
        "a",
        d,
      ),
    ).toBe(0);
    expect(ownChangesSince([], "a", d)).toBe(0);
  });
});
