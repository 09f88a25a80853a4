import { afterEach, describe, expect, test } from "vitest";
import { clearReadFailure, failingReads, reportReadFailure, subscribeReadFailures } from "./read-failures";

describe("failing reads of the phone's cache", () => {
  const seen: number[] = [];
  const stop = subscribeReadFailures(() => seen.push(failingReads()));
  afterEach(() => {
    for (const r of ["a", "b"]) clearReadFailure(r);
    seen.length = 0;
  });

  test("counts readers, not reports: a reader failing again is one", () => {
    reportReadFailure("a");
    reportReadFailure("a");
    reportReadFailure("b");
    expect(failingReads()).toBe(2);
    expect(seen).toEqual([1, 2]);
  });

  test("a reader that reads again or leaves takes its failure back; clearing one that never failed says nothing", () => {
    reportReadFailure("a");
    reportReadFailure("b");
    clearReadFailure("a");
    expect(failingReads()).toBe(1);
    clearReadFailure("never");
    clearReadFailure("b");
    expect(failingReads()).toBe(0);
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  test("an unsubscribed listener hears nothing more", () => {
    stop();
    reportReadFailure("a");
    expect(seen).toEqual([]);
    expect(failingReads()).toBe(1);
  });
});
