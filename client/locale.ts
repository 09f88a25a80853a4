import { LOCALE_COOKIE, type TLocale } from "@/domain/i18n/locales";
import type { TConnection } from "./connection";
import { dropUserCaches } from "./offline-shell";

/** Remembers the user's language for a year; the server reads it on the next render. */
export function setLocaleCookie(locale: TLocale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/**
 * Switches the language (ADR 0047), only with signal: offline, the refreshed screens could come only from the copies
 * the service worker keeps for offline use, in the language being left. With signal: the cookie, then those copies
 * go (the worker answers a request slower than its network timeout, 4 s, from them); the caller then refreshes, and
 * the offline screens are primed again in the new language (PrimePages' key carries the locale).
 */
export async function switchLocale(locale: TLocale, connection: TConnection): Promise<"switched" | "offline"> {
  if (connection === "offline") return "offline";
  setLocaleCookie(locale);
  await dropUserCaches().catch(() => undefined);
  return "switched";
}
