import "server-only";
import { createTranslator } from "next-intl";
import { recordTime } from "@/domain/time/operator";
import { CATALOGUES } from "@/messages/catalogue";

type Values = Record<string, string | number>;
const zh = createTranslator({ locale: "zh-CN", messages: CATALOGUES["zh-CN"] as never });
const en = createTranslator({ locale: "en", messages: CATALOGUES.en as never });

function has(messages: Record<string, unknown>, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** Printed records are bilingual: Chinese first (the operator's own words), English beside it, from the catalogues. */
export const labels = {
  /** "客户 Customer" */
  both(key: string, values?: Values): string {
    return `${zh(key as never, values as never)} ${en(key as never, values as never)}`;
  },
  zh(key: string, values?: Values): string {
    return zh(key as never, values as never);
  },
  en(key: string, values?: Values): string {
    return en(key as never, values as never);
  },
  /** Like both, or the fallback when the catalogue has no such key (a name added after this build). */
  bothOr(key: string, fallback: string, values?: Values): string {
    return has(CATALOGUES.en, key) && has(CATALOGUES["zh-CN"], key) ? labels.both(key, values) : fallback;
  },
};

/** "2026-03-02 09:30:00" on the operator's clock (domain/time/operator.ts); "—" for none. */
export function printedTime(at: Date | string | null | undefined): string {
  return at ? recordTime(at) : "—";
}
