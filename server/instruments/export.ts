import "server-only";
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createTranslator } from "next-intl";
import type { Db } from "@/db/client";
import { instruments, users } from "@/db/schema";
import type { TLocale } from "@/domain/i18n/locales";
import { INSTRUMENT_CSV_COLUMNS, toCsv } from "@/domain/instruments/csv";
import { operatorToday } from "@/domain/time/operator";
import type { TExportInput } from "@/domain/instruments/schemas";
import { CATALOGUES } from "@/messages/catalogue";
import { printedMinute, renderTablePdf } from "@/server/pdf/table";
import { calibrationRegister, intakeRegister, usageRegister } from "./registers";
import { listFilters, listInstruments } from "./service";

export interface TTable {
  title: string;
  filename: string;
  columns: string[];
  rows: string[][];
  /** Relative column widths for the PDF. */
  widths: number[];
}

const keeper = alias(users, "keeper");

function translator(locale: TLocale) {
  const t = createTranslator({ locale, messages: CATALOGUES[locale] as never });
  return (key: string, values?: Record<string, string | number>): string => t(key as never, values as never);
}

/** A register as a table of strings in the reader's language (CSV and PDF share it). */
export async function registerTable({ db, input, locale, now = new Date() }: { db: Db; input: TExportInput; locale: TLocale; now?: Date }): Promise<TTable> {
  const t = translator(locale);
  const c = (k: string) => t(`instruments.columns.${k}`);
  const day = operatorToday(now);
  const dept = (d: string) => t(`departments.${d}`);
  const cat = (v: string) => t(`instrumentCategory.${v}`);
  const status = (v: string) => t(`status.instrument.${v}`);
  switch (input.register) {
    case "instruments": {
      const rows = await listInstruments({ db, filters: input.filters });
      return {
        title: t("instruments.register.instruments"),
        filename: `instruments-${day}`,
        columns: [
          c("assetTag"),
          c("name"),
          c("model"),
          c("serial"),
          c("kind"),
          c("category"),
          c("department"),
          c("keeper"),
          c("location"),
          c("status"),
          c("holder"),
          c("loanDue"),
          c("calibratedOn"),
          c("calibrationDue"),
          c("calibrationState"),
          c("permit"),
        ],
        widths: [6, 10, 6, 6, 6, 4, 7, 5, 7, 4, 5, 5, 5, 5, 4, 3],
        rows: rows.map((r) => [
          r.assetTag,
          r.name,
          r.model,
          r.serial,
          r.kind,
          cat(r.category),
          dept(r.department),
          r.keeperName ?? "",
          r.location,
          status(r.status),
          r.holderName ?? "",
          r.loanDueOn ?? "",
          r.calibratedOn ?? "",
          r.calibrationDue ?? "",
          t(`instruments.calibrationState.${r.calibrationState}`),
          t(r.permitValid ? "instruments.yes" : "instruments.no"),
        ]),
      };
    }
    case "intake": {
      const rows = await intakeRegister({ db, filters: input.filters });
      return {
        title: t("instruments.register.intake"),
        filename: `instrument-intake-${day}`,
        columns: [
          c("intakeDate"),
          c("assetTag"),
          c("name"),
          c("model"),
          c("serial"),
          c("category"),
          c("department"),
          c("keeper"),
          c("location"),
          c("serviceLife"),
          c("endOfLife"),
          c("status"),
        ],
        widths: [5, 6, 10, 6, 6, 4, 7, 5, 7, 4, 5, 4],
        rows: rows.map((r) => [
          r.intakeDate,
          r.assetTag,
          r.name,
          r.model,
          r.serial,
          cat(r.category),
          dept(r.department),
          r.keeperName ?? "",
          r.location,
          String(r.serviceLifeYears),
          r.endOfLifeOn,
          status(r.status),
        ]),
      };
    }
    case "usage": {
      const rows = await usageRegister({ db, filters: input.filters });
      return {
        title: t("instruments.register.usage"),
        filename: `instrument-usage-${day}`,
        columns: [c("date"), c("assetTag"), c("name"), c("entry"), c("by"), c("holder"), c("condition"), c("note")],
        widths: [5, 6, 10, 7, 6, 6, 4, 14],
        rows: rows.map((r) => [
          r.onDate,
          r.assetTag,
          r.name,
          t(`instruments.usageKind.${r.kind}`),
          r.actorName ?? "",
          r.holderName ?? "",
          r.condition ? t(`instruments.condition.${r.condition}`) : "",
          r.note,
        ]),
      };
    }
    case "calibration": {
      const rows = await calibrationRegister({ db, filters: input.filters, now });
      return {
        title: t("instruments.register.calibration", { year: input.filters.year }),
        filename: `instrument-calibration-${input.filters.year}`,
        columns: [c("assetTag"), c("name"), c("model"), c("serial"), c("department"), c("dueInYear"), c("calibrationsInYear"), c("owed"), c("stateAsOf")],
        widths: [6, 10, 6, 6, 7, 5, 16, 3, 5],
        rows: rows.map((r) => [
          r.assetTag,
          r.name,
          r.model,
          r.serial,
          dept(r.department),
          r.dueInYear ?? "",
          r.calibrations.map((k) => `${k.calibratedOn} ${k.certificateNo} ${k.lab} ${t(`instruments.calibrationResult.${k.result}`)}`).join("; "),
          r.owed ? t("instruments.yes") : "",
          r.status === "scrapped" ? status("scrapped") : t(`instruments.calibrationState.${r.state}`),
        ]),
      };
    }
  }
}

/** CSV with a BOM (Excel reads UTF-8 Chinese then). The register itself exports in the import's columns (round trip). */
export async function exportCsv({ db, input, locale }: { db: Db; input: TExportInput; locale: TLocale }) {
  if (input.register === "instruments") {
    const rows = await db
      .select({ i: instruments, keeperUsername: keeper.username })
      .from(instruments)
      .leftJoin(keeper, eq(keeper.id, instruments.keeperId))
      .where(listFilters(input.filters))
      .orderBy(asc(instruments.assetTag));
    const text = toCsv(
      INSTRUMENT_CSV_COLUMNS,
      rows.map(({ i, keeperUsername }) => [
        i.assetTag,
        i.name,
        i.model,
        i.serial,
        i.kind,
        i.category,
        i.department,
        keeperUsername ?? "",
        i.location,
        i.intakeDate,
        i.serviceLifeYears,
        i.calibratedOn ?? "",
        i.calibratedOn ? (i.calibrationResult ?? "") : "",
        "",
        "",
        i.manual,
        i.accessories.join("; "),
      ]),
    );
    return { filename: `instruments-${operatorToday()}.csv`, mime: "text/csv;charset=utf-8", text: `\uFEFF${text}` };
  }
  const table = await registerTable({ db, input, locale });
  return { filename: `${table.filename}.csv`, mime: "text/csv;charset=utf-8", text: `\uFEFF${toCsv(table.columns, table.rows)}` };
}

/** The same register as a printable PDF (A4 landscape, CJK font), base64. */
export async function exportPdf({ db, input, locale, now = new Date() }: { db: Db; input: TExportInput; locale: TLocale; now?: Date }) {
  const table = await registerTable({ db, input, locale, now });
  const t = translator(locale);
  const footer = t("instruments.register.generated", { time: printedMinute(now), count: table.rows.length });
  const pdf = await renderTablePdf({ title: table.title, columns: table.columns, rows: table.rows, widths: table.widths, footer });
  return { filename: `${table.filename}.pdf`, mime: "application/pdf", base64: pdf.toString("base64") };
}
