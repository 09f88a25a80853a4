"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { TFileError, TLicenseField, TRowReason } from "@/domain/licenses/csv-format";
import { LICENSE_CSV_MAX_BYTES } from "@/domain/licenses/csv-format";

/** Reasons (of a row or of a whole file) in words, in the reader's language. */
export function useReasonText() {
  const t = useTranslations("licenses");
  const format = useFormatter();
  const field = (f: TLicenseField) => t(`field.${f}`);
  const maxSize = `${LICENSE_CSV_MAX_BYTES / 1024 / 1024} MB`;
  return {
    row: (r: TRowReason) =>
      t(`reason.${r.code}`, {
        field: r.field ? field(r.field) : "",
        lines: r.lines?.length ?? 0,
        list: format.list((r.lines ?? []).map(String), { type: "conjunction" }),
        licenseNo: r.licenseNo ?? "",
      }),
    file: (e: TFileError) =>
      t(`file.${e.code}`, {
        line: e.line ?? 0,
        fields: format.list((e.fields ?? []).map(field), { type: "conjunction" }),
        max: e.code === "too_large" ? maxSize : format.number(e.max ?? 0),
      }),
    maxSize,
  };
}
