import "server-only";

/**
 * The server's clock for what depends on the time of day at run time (the complaints desk's overdue, the deadline
 * sweep): real time plus an offset. The offset is 0 in every real build; only a process started with TEST_CLOCK=on
 * lets the e2e tests move it forward (app/api/test/clock), to see a limit pass without waiting for it.
 *
 * Several app processes (docs/operations/several-processes.md): the offset a test sets is kept in the database
 * (server/test-clock.ts); the value here is this process's copy, which `now()` reads synchronously. On PostgreSQL a
 * TEST_CLOCK=on process refreshes its copy from the database (startTestClockSync, started by instrumentation.ts), and
 * the route answers only once every live process has seen the new offset. Unit tests move the copy directly.
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

/** Test builds only: this process's copy of the offset kept in the database (server/test-clock.ts). */
export function setClockOffset(ms: number): void {
  holder.__tracemarkClockOffsetMs = Math.max(0, ms);
}

/** Back to real time (tests). */
export function resetClock(): void {
  holder.__tracemarkClockOffsetMs = 0;
}
