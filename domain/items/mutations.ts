import { z } from "zod";
import { zLine, zNote } from "@/domain/text/rules";
import { ITEM_STATUSES, LABEL_REASONS, requiresLabelPhoto } from "./labels";
import { MAX_PHOTO_BYTES } from "./limits";

export { MAX_PHOTO_BYTES };

/**
 * `item.changeLabel` v1: a status-label change made on a phone, possibly offline.
 * Public contract: an outbox written by an old build must still be accepted after a deploy.
 */
export const ZItemStatus = z.enum(ITEM_STATUSES);

export const ZGeo = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000).optional(),
});

/** Evidence photo as it travels in the outbox (size limit and why: ./limits.ts). */
export const ZPhoto = z.object({
  mime: z.enum(["image/jpeg", "image/png", "image/webp"]),
  base64: z
    .string()
    .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4, { error: "validation.photoTooLarge" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "validation.photoEncoding" }),
});
export type TPhoto = z.infer<typeof ZPhoto>;

export const ZChangeLabelArgs = z.object({
  itemId: z.uuid(),
  to: ZItemStatus,
  reason: z.enum(LABEL_REASONS),
  note: zNote(500).default(""),
  /** The zone the item moves to; required (and must be a quarantine zone) for returned/pending disposal/scrapped. */
  zoneCode: zLine(40).min(1).optional(),
  geo: ZGeo.optional(),
  /** A photo of the label, attached as evidence. */
  photo: ZPhoto.optional(),
  /**
   * Entering a quarantine label: who deals with it (ADR 0035 §6); default the person who labels it. Optional, so
   * outboxes queued before the warehouse (v1, v2) still parse.
   */
  responsibleId: z.uuid().optional(),
});
export type TChangeLabelArgs = z.infer<typeof ZChangeLabelArgs>;

/**
 * What a phone may queue now: the v1 args plus the rule that a permanent label (退货, 报废) comes with a label
 * photo. The server parses the lenient v1 contract (an old outbox may lack the photo) and refuses such a change
 * with `photo_required` through the domain check, so the queue moves on and the user sees why.
 */
export const ZChangeLabelInput = ZChangeLabelArgs.superRefine((a, ctx) => {
  if (requiresLabelPhoto(a.to) && !a.photo) ctx.addIssue({ code: "custom", path: ["photo"], message: "validation.photoRequired" });
});

/** What the phone saw when it made the change: the server applies it only if the item is still so. */
export const ZChangeLabelExpected = z.object({
  from: ZItemStatus,
  version: z.number().int().min(1),
});
export type TChangeLabelExpected = z.infer<typeof ZChangeLabelExpected>;

/** The item domain's offline mutations with the schema versions the server still accepts (public contract). */
export const ITEM_MUTATION_VERSIONS = {
  "item.changeLabel": [1, 2],
} as const;
