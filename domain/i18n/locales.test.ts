import { describe, expect, test } from "vitest";
import { CATALOGUE_PARTS, CATALOGUES } from "@/messages/catalogue";
import { DEFAULT_LOCALE, isLocale, negotiateLocale } from "./locales";
import { ERROR_CODES, errorMessageKey } from "@/domain/errors";
import { ROLES, DEPARTMENTS } from "@/domain/auth/roles";
import { INSTRUMENT_CATEGORIES, INSTRUMENT_STATUSES } from "@/domain/instruments/status";
import { ITEM_KINDS, ITEM_STATUSES, LABEL_REASONS, ZONE_KINDS } from "@/domain/items/labels";
import { RULE_CODES, ruleMessageKey } from "@/domain/rules/codes";
import { REJECTION_CODES, rejectionMessageKey, SYNC_STATUSES } from "@/domain/sync/protocol";
import { WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from "@/domain/work-orders/status";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("negotiateLocale", () => {
  test.each([
    [null, "zh-CN"],
    ["", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr-FR,en;q=0.5", "en"],
    ["fr-FR,de;q=0.8", "zh-CN"],
    ["en;q=0.4,zh;q=0.9", "zh-CN"],
    ["zh;q=0,en", "en"],
    ["EN-gb", "en"],
    ["*;q=0.5", "zh-CN"],
    ["en;q=abc,zh-CN;q=0.1", "zh-CN"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  test("isLocale accepts only supported locales", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("zh")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(DEFAULT_LOCALE).toBe("zh-CN");
  });
});

const en = CATALOGUES.en;
const zh = CATALOGUES["zh-CN"];

describe("message catalogues", () => {
  test("no two catalogue files define the same top-level namespace", () => {
    for (const parts of Object.values(CATALOGUE_PARTS)) {
      const seen = parts.flatMap((p) => Object.keys(p));
      expect(seen.length).toBe(new Set(seen).size);
    }
  });

  test("zh-CN and en have exactly the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  test("every error code, role, department, status, kind, rejection code, sync status and label reason has a message in both languages", () => {
    for (const catalogue of [en, zh]) {
      const all = new Set(keys(catalogue));
      for (const code of ERROR_CODES) expect(all.has(errorMessageKey(code)), errorMessageKey(code)).toBe(true);
      for (const role of ROLES) expect(all.has(`roles.${role}`), `roles.${role}`).toBe(true);
      for (const d of DEPARTMENTS) expect(all.has(`departments.${d}`), `departments.${d}`).toBe(true);
      const named = [
        ...ITEM_STATUSES.map((s) => `status.item.${s}`),
        ...WORK_ORDER_STATUSES.map((s) => `status.workOrder.${s}`),
        ...INSTRUMENT_STATUSES.map((s) => `status.instrument.${s}`),
        ...WORK_ORDER_KINDS.map((k) => `workOrderKind.${k}`),
        ...INSTRUMENT_CATEGORIES.map((c) => `instrumentCategory.${c}`),
        ...REJECTION_CODES.map(rejectionMessageKey),
        ...RULE_CODES.map(ruleMessageKey),
        ...SYNC_STATUSES.map((s) => `sync.status.${s}`),
        ...LABEL_REASONS.map((r) => `labelReason.${r}`),
        ...ITEM_KINDS.map((k) => `itemKind.${k}`),
        ...ZONE_KINDS.map((k) => `zoneKind.${k}`),
      ];
      for (const key of named) expect(all.has(key), key).toBe(true);
    }
  });

  // every message with its key, for the house-style checks below
  const entries = (catalogue: Record<string, unknown>): [string, string][] =>
    keys(catalogue).map((k) => [k, String(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogue))]);
  const offending = (catalogue: Record<string, unknown>, bad: RegExp) =>
    entries(catalogue)
      .filter(([, v]) => bad.test(v))
      .map(([k, v]) => `${k}: ${v}`);

  test("Chinese text takes the full-width colon (角色：), never an ASCII one after a Chinese character", () => {
    // CJK ideographs and full-width punctuation, then optional spaces, then ":"
    expect(offending(zh, /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]\s*:/u)).toEqual([]);
  });

  test("the user is addressed as 您 throughout, never 你", () => {
    expect(offending(zh, /你/u)).toEqual([]);
  });

  test("optional fields say 选填, never 可不填", () => {
    expect(offending(zh, /可不填/u)).toEqual([]);
  });

  test("no message calls every order 装机工单 (an order is named by its own kind, workOrderKind.*), and English carries no untranslated 装机工单", () => {
    expect(offending(zh, /装机工单/u)).toEqual([]);
    expect(offending(en, /装机工单/u)).toEqual([]);
  });

  test("no message is empty", () => {
    for (const catalogue of [en, zh]) {
      const flat = keys(catalogue).map((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogue));
      expect(flat.every((v) => typeof v === "string" && v.trim().length > 0)).toBe(true);
    }
  });
});
