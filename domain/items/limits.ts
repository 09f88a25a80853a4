/**
 * Evidence photos travel in the outbox as base64; 180 KB decoded at most (a phone photo, resized). The base64
 * (240 KB) plus the rest of the change must fit in one push batch (MAX_BATCH_BYTES, 256 KB): a change larger
 * than a batch could never be sent and would block its device's outbox. Kept apart from the zod schemas so that
 * screens can use the figure without putting zod into their first load (docs/decisions/0006-styling.md).
 */
export const MAX_PHOTO_BYTES = 180 * 1024;
