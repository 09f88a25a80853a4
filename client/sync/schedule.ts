/**
 * When the phone may send next. Pure (no timers, no DOM): the provider asks it before every attempt and tells it
 * each outcome. After a failure every automatic trigger (a new change queued, the page shown again, the timer,
 * another tab) waits out the back-off, jittered from the very first retry, so a lost reply is never answered by a
 * burst of resends of the same batch. A person's tap may try at once (one request per tap). The server answering
 * the connection probe again cuts a long back-off short, but never below the first retry's jittered wait: after a
 * lost reply the probe answers at once, and that must not bring the resend forward.
 */
import { backoffMs } from "./engine";

export type TSendTrigger = "start" | "queued" | "visible" | "timer" | "online" | "tap" | "reachable";

export class SendSchedule {
  private failures = 0;
  private notBefore = 0;
  /** When the server may be tried again once it is known to answer: the last failure + the first retry's wait. */
  private reachableAfter = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** May an attempt start now for this trigger? */
  mayStart(trigger: TSendTrigger, now: number): boolean {
    return this.waitFor(trigger, now) === 0;
  }

  /** Milliseconds this trigger must wait before an attempt may start (0: now). */
  waitFor(trigger: TSendTrigger, now: number): number {
    if (trigger === "tap" || trigger === "timer") return 0;
    if (trigger === "reachable") return Math.max(0, Math.min(this.notBefore, this.reachableAfter) - now);
    return Math.max(0, this.notBefore - now);
  }

  /** Consecutive failed attempts so far (0 after a success). */
  get failedAttempts(): number {
    return this.failures;
  }

  /** Milliseconds until the next automatic attempt may start (0 when it may start now). */
  waitMs(now: number): number {
    return Math.max(0, this.notBefore - now);
  }

  /** A transient failure: the next automatic attempt waits 1 s doubling to 60 s, ±20 % jitter. Returns the wait. */
  failed(now: number): number {
    this.failures += 1;
    const wait = backoffMs(this.failures, this.random);
    this.notBefore = now + wait;
    this.reachableAfter = now + (this.failures === 1 ? wait : backoffMs(1, this.random));
    return wait;
  }

  /**
   * The server answers again (the connection probe): the outage is over, so the back-off starts again from its first
   * step instead of growing on from the failures counted while offline. The next send still waits the first retry's
   * jittered wait after the last failure.
   */
  reachable(): void {
    if (this.failures === 0) return;
    this.failures = 0;
    this.notBefore = Math.min(this.notBefore, this.reachableAfter);
  }

  /** A completed round: automatic triggers may send at once again. */
  succeeded(): void {
    this.failures = 0;
    this.notBefore = 0;
    this.reachableAfter = 0;
  }

  /** A failure that no retry cures soon (sign-in needed, device blocked): hold automatic sends for `ms`. */
  hold(now: number, ms: number): void {
    this.notBefore = now + ms;
    this.reachableAfter = now + ms;
  }
}
