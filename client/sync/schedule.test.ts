import { describe, expect, test } from "vitest";
import { SendSchedule, type TSendTrigger } from "./schedule";

const AUTOMATIC: TSendTrigger[] = ["start", "queued", "visible", "online"];

describe("SendSchedule", () => {
  test("before any failure every trigger may send", () => {
    const s = new SendSchedule(() => 0.5);
    for (const t of [...AUTOMATIC, "timer", "tap", "reachable"] as TSendTrigger[]) expect(s.mayStart(t, 0)).toBe(true);
  });

  test("after a lost reply, new changes and page events do not resend the batch before the back-off", () => {
    const s = new SendSchedule(() => 0.5);
    const wait = s.failed(1_000);
    expect(wait).toBe(1_000); // first retry already waits: 1 s, jitter at its midpoint
    for (const t of AUTOMATIC) {
      expect(s.mayStart(t, 1_000)).toBe(false);
      expect(s.mayStart(t, 1_355)).toBe(false);
      expect(s.mayStart(t, 1_999)).toBe(false);
      expect(s.mayStart(t, 2_000)).toBe(true);
    }
    expect(s.waitMs(1_400)).toBe(600);
  });

  test("the first retry is jittered (±20 %) so phones that lost the same reply do not return together", () => {
    const low = new SendSchedule(() => 0).failed(0);
    const high = new SendSchedule(() => 0.999).failed(0);
    expect(low).toBe(800);
    expect(high).toBeGreaterThan(1_190);
    expect(high).toBeLessThanOrEqual(1_200);
  });

  test("waits double up to a minute and reset after a success", () => {
    const s = new SendSchedule(() => 0.5);
    const waits = Array.from({ length: 8 }, () => s.failed(0));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(s.failedAttempts).toBe(8);
    s.succeeded();
    expect(s.failedAttempts).toBe(0);
    expect(s.mayStart("queued", 0)).toBe(true);
  });

  test("a tap may try during the back-off; the back-off timer itself may too", () => {
    const s = new SendSchedule(() => 0.5);
    s.failed(0);
    expect(s.mayStart("tap", 10)).toBe(true);
    expect(s.mayStart("timer", 10)).toBe(true);
  });

  test("the server answering the probe right after a lost reply does not bring the resend forward", () => {
    const s = new SendSchedule(() => 0.5);
    s.failed(0);
    expect(s.waitFor("reachable", 10)).toBe(990);
    expect(s.mayStart("reachable", 1_000)).toBe(true);
  });

  test("after a long outage the server answering again cuts the back-off to the first retry's wait", () => {
    const s = new SendSchedule(() => 0.5);
    for (let i = 0; i < 6; i++) s.failed(0); // back-off now 32 s
    expect(s.waitFor("queued", 0)).toBe(32_000);
    expect(s.waitFor("reachable", 0)).toBe(1_000);
    expect(s.waitFor("reachable", 5_000)).toBe(0);
  });

  test("the server answering again restarts the back-off: a failure right after waits 1 s, not a minute", () => {
    const s = new SendSchedule(() => 0.5);
    for (let i = 0; i < 8; i++) s.failed(0); // offline for a while: back-off at 60 s
    s.reachable();
    expect(s.failedAttempts).toBe(0);
    expect(s.waitFor("queued", 0)).toBe(1_000);
    expect(s.failed(2_000)).toBe(1_000);
  });

  test("hold keeps automatic sends back for the given time", () => {
    const s = new SendSchedule(() => 0.5);
    s.hold(0, 30_000);
    expect(s.mayStart("queued", 29_999)).toBe(false);
    expect(s.mayStart("queued", 30_000)).toBe(true);
  });
});
