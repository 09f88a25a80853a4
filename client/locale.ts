import { LOCALE_COOKIE, type TLocale } from "@/domain/i18n/locales";

/** Remembers the user's language for a year; the server reads it on the next render. */
export function setLocaleCookie(locale: TLocale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
