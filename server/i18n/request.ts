import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { CATALOGUES } from "@/messages/catalogue";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "@/domain/i18n/locales";
import { OPERATOR_TIME_ZONE } from "@/domain/time/operator";

/**
 * Locale: the user's explicit choice (cookie) or else the browser's Accept-Language. No locale in URLs. Every date
 * and time next-intl formats (server and, inherited by NextIntlClientProvider, client) is in the operator's zone.
 */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  const messages = CATALOGUES[locale];
  return { locale, messages, timeZone: OPERATOR_TIME_ZONE };
});
