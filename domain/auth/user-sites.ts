import { z } from "zod";

/** The most sites one person works at (a phone keeps their zones' items; more is a typing error, not a real job). */
export const MAX_USER_SITES = 50;

/**
 * The sites a user works at (ADR 0042): their phone keeps the items of those sites' zones. An empty list: every site
 * (a small operator). Codes are checked against the sites that exist by ZKnownSiteCodes on the server.
 */
export const ZSetUserSitesInput = z.object({
  userId: z.uuid(),
  siteCodes: z
    .array(z.string().trim().min(1, { message: "adminSites.unknownSite" }).max(40, { message: "adminSites.unknownSite" }))
    .max(MAX_USER_SITES, { message: "adminSites.tooMany" })
    .refine((codes) => new Set(codes).size === codes.length, { message: "adminSites.duplicate" }),
});
export type TSetUserSitesInput = z.infer<typeof ZSetUserSitesInput>;

/** The codes, each one of the sites that exist (`known`); an issue names its field `siteCodes.<i>`. */
export function ZKnownSiteCodes(known: readonly string[]) {
  const set = new Set(known);
  return z.object({ siteCodes: z.array(z.string().refine((c) => set.has(c), { message: "adminSites.unknownSite" })) });
}
