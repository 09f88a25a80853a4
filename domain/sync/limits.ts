/**
 * Batch and page limits of the offline protocol (DESIGN.md §3). Kept apart from the zod schemas in
 * protocol.ts so the phone's sync engine can use them without shipping zod in every page's first load.
 */
export const MAX_BATCH_MUTATIONS = 50;
export const MAX_BATCH_BYTES = 256 * 1024;
/**
 * One mutation larger than a batch (a customer's signature: a 256 KB PNG is 342 KB in base64, plus its strokes and
 * snapshot) travels alone, up to this size; the phone's engine already sends an oversized record on its own. A lone
 * mutation larger still is rejected as too_large (stored, so the queue moves on) rather than refused as a batch.
 */
export const MAX_SINGLE_MUTATION_BYTES = 1024 * 1024;
/** Pull pages: at most this many rows per table per call. */
export const PULL_PAGE_ROWS = 500;
