import { describe, expect, test } from "vitest";
import { ZoneCount, type TCountItem } from "./count";
import { countCue, countTally } from "./count-cue";

const item = (tag: string, zoneCode: string, status: TCountItem["status"] = "accepted"): TCountItem => ({ id: `id-${tag}`, tag, zoneCode, status });

describe("count cue and tally", () => {
  const byTag = new Map(
    [item("ST-000001", "A"), item("ST-000002", "A"), item("ST-000003", "A", "returned"), item("ST-000004", "B")].map((i) => [i.tag, i] as const),
  );

  test("found beeps high, a difference low, a repeat not at all and is not counted", () => {
    const count = new ZoneCount({ code: "A", kind: "stock", holds: null }, byTag);
    expect(countCue(count.scan("ST-000001"))).toEqual({ tone: "ok", counted: true });
    expect(countCue(count.scan("ST-000001"))).toEqual({ tone: "none", counted: false });
    expect(countCue(count.scan("ST-000004"))).toEqual({ tone: "problem", counted: true });
    expect(countCue(count.scan("ST-000003"))).toEqual({ tone: "problem", counted: true });
    expect(countCue(count.scan("ST-999999"))).toEqual({ tone: "problem", counted: true });
  });

  test("expected = found + wrong label + missing; unexpected and unknown apart", () => {
    const count = new ZoneCount({ code: "A", kind: "stock", holds: null }, byTag);
    expect(countTally(count)).toEqual({ expected: 3, found: 0, missing: 3, unexpected: 0, wrongLabel: 0, unknown: 0 });
    for (const tag of ["ST-000001", "ST-000003", "ST-000004", "ST-999999", "ST-000001"]) count.scan(tag);
    expect(countTally(count)).toEqual({ expected: 3, found: 1, missing: 1, unexpected: 1, wrongLabel: 1, unknown: 1 });
    expect(count.missing().map((i) => i.tag)).toEqual(["ST-000002"]);
  });
});
