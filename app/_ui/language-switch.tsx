"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useConnection } from "@/client/connection";
import { switchLocale } from "@/client/locale";
import { LOCALES, type TLocale } from "@/domain/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const connection = useConnection();
  const [refused, setRefused] = useState(false);
  const [pending, startTransition] = useTransition();
  const choose = (next: TLocale) => {
    if (next === locale) return;
    // the screens would come from this phone's offline copies, in the language being left (ADR 0047)
    if (connection === "offline") {
      setRefused(true);
      return;
    }
    setRefused(false);
    startTransition(async () => {
      await switchLocale(next);
      router.refresh();
    });
  };
  return (
    <>
      <div className="seg" role="group" aria-label={t("label")} aria-busy={pending}>
        {LOCALES.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => choose(l)} data-testid={`lang-${l}`}>
            {t(l)}
          </button>
        ))}
      </div>
      {refused && connection === "offline" && (
        <p className="alert" data-tone="info" role="status" data-testid="lang-offline">
          {t("offline")}
        </p>
      )}
    </>
  );
}
