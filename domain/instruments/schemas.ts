/** Inputs of the online instrument procedures (office and department heads), validated at the edge. */
import { z } from "zod";
import { zLine, zNote } from "@/domain/text/rules";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { LOCALES } from "@/domain/i18n/locales";
import { INSTRUMENT_TAG_PATTERN, normalizeTag } from "@/domain/items/tags";
import { MAX_ACCESSORIES, MAX_ACCESSORY_LENGTH } from "./accessories";
import { CALIBRATION_RESULTS, CALIBRATION_STATES } from "./calibration";
import { ZIsoDate } from "./mutations";
import { DECISIONS, SCRAP_REASONS, USAGE_KINDS } from "./names";
import { normalizeKind } from "./rules";
import { MAX_LONG_LOAN_MONTHS } from "./settings";
import { INSTRUMENT_CATEGORIES, INSTRUMENT_STATUSES } from "./status";

/** One line (names, models, searches) and free text (notes, reasons): domain/text/rules.ts. */
const text = (max: number) => zLine(max);
const note = (max: number) => zNote(max);
const required = (max: number) => text(max).min(1, { error: "validation.required" });

export const ZAssetTag = z
  .string()
  .transform(normalizeTag)
  .pipe(z.string().regex(INSTRUMENT_TAG_PATTERN, { error: "instruments.validation.assetTag" }));

export const ZInstrumentFields = z.object({
  assetTag: ZAssetTag,
  name: required(120),
  model: required(80),
  serial: required(80),
  kind: required(60).transform(normalizeKind),
  category: z.enum(INSTRUMENT_CATEGORIES),
  department: z.enum(DEPARTMENTS),
  keeperId: z.uuid().nullable().default(null),
  location: required(120),
  intakeDate: ZIsoDate,
  serviceLifeYears: z.number().int().min(1).max(50),
  /** The operating manual (说明书) kept with it: its title, '' = none on the register. */
  manual: text(MAX_ACCESSORY_LENGTH).default(""),
  /** Its accessories (附件), one name each; checked at issue and return. */
  accessories: z
    .array(text(MAX_ACCESSORY_LENGTH).min(1, { error: "validation.required" }))
    .max(MAX_ACCESSORIES, { error: "instruments.validation.tooMany" })
    .refine((a) => new Set(a).size === a.length, { error: "instruments.validation.duplicate" })
    .default([]),
});
export type TInstrumentFields = z.infer<typeof ZInstrumentFields>;

/** A new instrument; its first calibration may come with it (e.g. bought with a certificate) or be recorded later. */
export const ZCreateInstrumentInput = ZInstrumentFields;
export type TCreateInstrumentInput = z.infer<typeof ZCreateInstrumentInput>;

export const ZUpdateInstrumentInput = ZInstrumentFields.extend({
  id: z.uuid(),
  version: z.number().int().min(1),
  /** What is still missing of the manual and accessories (the custodian unticks what was found); omitted: unchanged. */
  missingAccessories: z
    .array(text(MAX_ACCESSORY_LENGTH))
    .max(MAX_ACCESSORIES * 2)
    .optional(),
});
export type TUpdateInstrumentInput = z.infer<typeof ZUpdateInstrumentInput>;

export const ZInstrumentRef = z.union([z.object({ id: z.uuid() }), z.object({ assetTag: ZAssetTag })]);
export type TInstrumentRef = z.infer<typeof ZInstrumentRef>;

const ZListFilters = z.object({
  q: text(80).optional(),
  category: z.enum(INSTRUMENT_CATEGORIES).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  status: z.enum(INSTRUMENT_STATUSES).optional(),
  kind: text(60).transform(normalizeKind).optional(),
  /** The calibration state on the operator's today (domain/instruments/calibration.ts calibrationCondition). */
  calibration: z.enum(CALIBRATION_STATES).optional(),
});
export const ZListInput = ZListFilters.default({});
export type TListInput = z.infer<typeof ZListInput>;

/** The register a page at a time (issue 18): keyset after an opaque cursor the server gave, never OFFSET. */
export const REGISTER_PAGE_SIZE = 50;
export const ZRegisterPageInput = ZListFilters.extend({
  cursor: z.string().max(200, { error: "validation.invalid" }).nullish(),
  limit: z.number().int().min(1).max(200).default(REGISTER_PAGE_SIZE),
});
export type TRegisterPageInput = z.infer<typeof ZRegisterPageInput>;

/** A certificate file (scan or PDF), stored content-addressed in evidence_files. 4 MB at most. */
export const MAX_CERTIFICATE_BYTES = 4 * 1024 * 1024;
export const ZCertificateFile = z.object({
  mime: z.enum(["application/pdf", "image/jpeg", "image/png", "image/webp"]),
  base64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_CERTIFICATE_BYTES * 4) / 3) + 4, { error: "instruments.validation.fileTooLarge" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "validation.photoEncoding" }),
});

export const ZRecordCalibrationInput = z.object({
  instrumentId: z.uuid(),
  certificateNo: required(60),
  lab: required(120),
  calibratedOn: ZIsoDate,
  result: z.enum(CALIBRATION_RESULTS),
  note: note(500).default(""),
  file: ZCertificateFile.optional(),
});
export type TRecordCalibrationInput = z.infer<typeof ZRecordCalibrationInput>;

export const ZDecisionInput = z.object({ decision: z.enum(DECISIONS), reason: note(500).default("") });

export const ZDecideLoanInput = ZDecisionInput.extend({ loanId: z.uuid() });
export type TDecideLoanInput = z.infer<typeof ZDecideLoanInput>;

export const ZDecideScrapInput = ZDecisionInput.extend({ requestId: z.uuid(), reason: note(500).min(1, { error: "validation.required" }) });
export type TDecideScrapInput = z.infer<typeof ZDecideScrapInput>;

export const ZSendToRepairInput = z.object({ instrumentId: z.uuid(), repairer: required(120), note: note(500).default("") });
export type TSendToRepairInput = z.infer<typeof ZSendToRepairInput>;

export const ZCompleteRepairInput = z.object({
  instrumentId: z.uuid(),
  outcome: z.enum(["repaired", "beyond_repair"]),
  note: note(500).default(""),
});
export type TCompleteRepairInput = z.infer<typeof ZCompleteRepairInput>;

export const ZRequestScrapInput = z.object({ instrumentId: z.uuid(), reason: z.enum(SCRAP_REASONS), note: note(500).min(1, { error: "validation.required" }) });
export type TRequestScrapInput = z.infer<typeof ZRequestScrapInput>;

/** The using department proposes scrapping (issue 16): the reason it sees and what is wrong; Technology Development verifies. */
export const ZProposeScrapInput = ZRequestScrapInput;
export type TProposeScrapInput = z.infer<typeof ZProposeScrapInput>;

/** Technology Development verifies a proposal (with the reason that holds) or declines it, saying why. */
export const ZVerifyScrapInput = z.object({
  requestId: z.uuid(),
  decision: z.enum(["verify", "decline"]),
  reason: z.enum(SCRAP_REASONS),
  note: note(500).min(1, { error: "validation.required" }),
});
export type TVerifyScrapInput = z.infer<typeof ZVerifyScrapInput>;

/** The custodian's department's settings: the long-term loan's term (null = none) and the leader who approves scrapping. */
export const ZSettingsInput = z.object({
  longLoanMonths: z.number().int().min(1).max(MAX_LONG_LOAN_MONTHS).nullable(),
  scrapApproverId: z.uuid().nullable(),
  version: z.number().int().min(0),
});
export type TSettingsInput = z.infer<typeof ZSettingsInput>;

export const ZHoldingsInput = z.object({ userId: z.uuid() });
export const ZCalibrationFileInput = z.object({ calibrationId: z.number().int().min(1) });

/** At most ~1 MB of CSV per import (a few thousand rows). */
export const ZImportCsvInput = z.object({ csv: z.string().min(1, { error: "validation.required" }).max(1_000_000, { error: "validation.tooLong" }) });

export const ZIntakeFilters = z
  .object({
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    department: z.enum(DEPARTMENTS).optional(),
    category: z.enum(INSTRUMENT_CATEGORIES).optional(),
    status: z.enum(INSTRUMENT_STATUSES).optional(),
    kind: text(60).transform(normalizeKind).optional(),
  })
  .default({});
export type TIntakeFilters = z.infer<typeof ZIntakeFilters>;

export const ZUsageFilters = z
  .object({
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    instrumentId: z.uuid().optional(),
    userId: z.uuid().optional(),
    kinds: z.array(z.enum(USAGE_KINDS)).max(USAGE_KINDS.length).optional(),
    department: z.enum(DEPARTMENTS).optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .default({ limit: 1000 });
export type TUsageFilters = z.infer<typeof ZUsageFilters>;

export const ZCalibrationFilters = z.object({
  year: z.number().int().min(2000).max(2100),
  department: z.enum(DEPARTMENTS).optional(),
  category: z.enum(INSTRUMENT_CATEGORIES).optional(),
  state: z.enum(CALIBRATION_STATES).optional(),
});
export type TCalibrationFilters = z.infer<typeof ZCalibrationFilters>;

export const REGISTERS = ["instruments", "intake", "usage", "calibration"] as const;
export type TRegister = (typeof REGISTERS)[number];

export const ZExportInput = z.discriminatedUnion("register", [
  z.object({ register: z.literal("instruments"), filters: ZListInput }),
  z.object({ register: z.literal("intake"), filters: ZIntakeFilters }),
  z.object({ register: z.literal("usage"), filters: ZUsageFilters }),
  z.object({ register: z.literal("calibration"), filters: ZCalibrationFilters }),
]);
export type TExportInput = z.infer<typeof ZExportInput>;

export const ZLabelsInput = z.object({
  instrumentIds: z.array(z.uuid()).min(1).max(200),
  format: z.enum(["pdf", "png"]),
});
export type TLabelsInput = z.infer<typeof ZLabelsInput>;

/** An export in the reader's language (headers and names translated; the register CSV keeps the import's codes). */
export const ZExportRequest = z.intersection(ZExportInput, z.object({ locale: z.enum(LOCALES).default("zh-CN") }));
export type TExportRequest = z.infer<typeof ZExportRequest>;
