import "server-only";

/**
 * Lets every waiting callback run (other requests, timers, I/O) before long work goes on: one `setImmediate` turn.
 * Handed to domain/ code as its `pause` (domain/slices.ts).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
