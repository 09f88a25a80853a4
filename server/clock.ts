import "server-only";

/**
 * The server's clock for what depends on the time of day at run time (the complaints desk's overdue, the deadline
 * sweep): real time plus an offset. The offset is 0 in every real build; only a process started with TEST_CLOCK=on
 * lets the e2e tests move it forward (app/api/test/clock), to see a limit pass without waiting for it.
 */
const holder = globalThis as unknown as { __tracemarkClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (holder.__tracemarkClockOffsetMs ?? 0));
}

export function clockOffsetMs(): number {
  return holder.__tracemarkClockOffsetMs ?? 0;
}

/** Test builds only (the route checks TEST_CLOCK): moves the clock by `ms` (never back before real time). */
export function advanceClock(ms: number): number {
  holder.__tracemarkClockOffsetMs = Math.max(0, clockOffsetMs() + ms);
  return holder.__tracemarkClockOffsetMs;
}

/** Back to real time (tests). */
export function resetClock(): void {
  holder.__tracemarkClockOffsetMs = 0;
}
