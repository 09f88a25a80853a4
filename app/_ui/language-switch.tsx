"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocaleCookie } from "@/client/locale";
import { LOCALES, type TLocale } from "@/domain/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (next: TLocale) => {
    setLocaleCookie(next);
    startTransition(() => router.refresh());
  };
  return (
    <div className="seg" role="group" aria-label={t("label")} aria-busy={pending}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => choose(l)} data-testid={`lang-${l}`}>
          {t(l)}
        </button>
      ))}
    </div>
  );
}
