import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { TLabel } from "@/domain/analysis/schemas";

/**
 * How a block's row is named on screen: the name the data gave (a complaint category, a department) in the page's
 * language, else the catalogue's name in the block's keyspace, else the key; "" is a record not classified yet.
 */
export async function labeller(keyspace: string, notClassified: string): Promise<(key: string, label?: TLabel) => string> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations()]);
  return (key, label) => {
    const given = label ? (locale === "en" ? label.en : label["zh-CN"]) : "";
    if (given) return given;
    if (key === "") return notClassified;
    const k = `${keyspace}.${key}`;
    return t.has(k) ? t(k) : key;
  };
}

/** A day of the operator's calendar as the page's language writes it (2026-12-06 → 2026年12月6日 / 6 Dec 2026). */
export async function dayFormatter(): Promise<(day: string) => string> {
  const locale = await getLocale();
  const f = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return (day) => f.format(new Date(`${day}T00:00:00Z`));
}
