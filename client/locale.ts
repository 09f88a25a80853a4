import { LOCALE_COOKIE, type TLocale } from "@/domain/i18n/locales";
import { dropUserCaches } from "./offline-shell";

/** Remembers the user's language for a year; the server reads it on the next render. */
export function setLocaleCookie(locale: TLocale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/**
 * Switches the language (ADR 0047): the cookie, then the screens the service worker keeps for offline use go, since
 * they are in the old language and the worker answers a request slower than its network timeout (4 s) from them;
 * the caller then refreshes, and the offline screens are primed again in the new language (PrimePages' key carries
 * the locale). Only with signal: offline, the refresh could answer only from those caches.
 */
export async function switchLocale(locale: TLocale): Promise<void> {
  setLocaleCookie(locale);
  await dropUserCaches().catch(() => undefined);
}
