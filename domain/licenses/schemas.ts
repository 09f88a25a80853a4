/** Inputs of the license registry procedures (validated at the edge, shared with the admin screen). */
import { z } from "zod";
import { LICENSE_MARK_CODE_PATTERN, LICENSE_NO_PATTERN } from "@/domain/scan/license";
import { LICENSE_CSV_MAX_BYTES, utf8Length } from "./csv-format";

/** An import: the file's text (decoded by the browser) and, for the audit trail, its name. */
export const ZLicenseImportInput = z.object({
  csv: z
    .string()
    // characters first (cheap), then the UTF-8 size the file had
    .max(LICENSE_CSV_MAX_BYTES, { error: "licenses.file.too_large", abort: true })
    .refine((s) => utf8Length(s) <= LICENSE_CSV_MAX_BYTES, { error: "licenses.file.too_large" }),
  fileName: z
    .string()
    .max(255, { error: "validation.tooLong" })
    // shown in the audit trail: one printable line
    .transform((s) =>
      s
        .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
        .trim()
        .slice(0, 120),
    )
    .nullish()
    .transform((s) => s || null),
});
export type TLicenseImportInput = z.infer<typeof ZLicenseImportInput>;

/** Find one registry entry by its license number or by its mark's digital code. */
export const ZLicenseLookupInput = z.union([
  z.object({ licenseNo: z.string().trim().regex(LICENSE_NO_PATTERN, { error: "licenses.lookup.badNumber" }) }),
  z.object({ markCode: z.string().trim().regex(LICENSE_MARK_CODE_PATTERN, { error: "licenses.lookup.badNumber" }) }),
]);
export type TLicenseLookupInput = z.infer<typeof ZLicenseLookupInput>;
