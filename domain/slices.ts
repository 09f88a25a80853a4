/**
 * Long work in slices (issue 11: one expensive request must not stall everyone). The server runs on one event loop:
 * a 1 MB import parsed in one go held every other request (health probes, phones' sync) for seconds. Work that grows
 * with its input is written as steps; the caller decides how to pause between slices (the server:
 * `yieldToEventLoop` in server/http/yield.ts; a test or the browser may run the steps straight through).
 * Pure: no Node or DOM APIs; the pause is handed in.
 */
export type TPause = () => Promise<void>;

/** Milliseconds of work between two pauses: far under the 200 ms another request may wait, yet few pauses. */
export const SLICE_MS = 5;

/** Runs steps to the end without pausing (small inputs, tests, the browser). */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs steps, pausing whenever a slice has taken `sliceMs`. */
export async function runInSlices<T>(steps: Generator<unknown, T, void>, pause: TPause, sliceMs = SLICE_MS): Promise<T> {
  let start = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - start >= sliceMs) {
      await pause();
      start = Date.now();
    }
  }
}

/** A pause point for a loop: `await slice()` per item pauses when the current slice has taken `sliceMs`. */
export function slicer(pause: TPause, sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let start = Date.now();
  return () => {
    if (Date.now() - start < sliceMs) return undefined;
    return pause().then(() => {
      start = Date.now();
    });
  };
}
