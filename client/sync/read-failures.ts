/**
 * Which screens' reads of the phone's cache are failing right now (useReadCache reports them): one banner in the
 * shell says so, instead of each screen staying on "loading" with nothing said. Each reader is a token; a reader that
 * reads again successfully, or leaves the screen, takes its token back.
 */
const failing = new Set<string>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

export function reportReadFailure(reader: string): void {
  if (failing.has(reader)) return;
  failing.add(reader);
  changed();
}

export function clearReadFailure(reader: string): void {
  if (failing.delete(reader)) changed();
}

/** How many readers are failing now. */
export function failingReads(): number {
  return failing.size;
}

export function subscribeReadFailures(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
