/**
 * Batch and page limits of the offline protocol (DESIGN.md §3). Kept apart from the zod schemas in
 * protocol.ts so the phone's sync engine can use them without shipping zod in every page's first load.
 */
export const MAX_BATCH_MUTATIONS = 50;
export const MAX_BATCH_BYTES = 256 * 1024;
/** Pull pages: at most this many rows per table per call. */
export const PULL_PAGE_ROWS = 500;
