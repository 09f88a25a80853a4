"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition, type SubmitEvent } from "react";
import { useConnection } from "@/client/connection";
import { switchLocale } from "@/client/locale";
import { isLocale, LOCALES, type TLocale } from "@/domain/i18n/locales";

/**
 * The language buttons are a form's submit buttons: a tap before the screen's scripts have run is held by the submit
 * guard and replayed once React handles the form (app/_ui/submit-guard.tsx), instead of being lost on a slow phone.
 */
export function LanguageSwitch() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const connection = useConnection();
  const [refused, setRefused] = useState(false);
  const [pending, startTransition] = useTransition();
  const choose = (next: TLocale) => {
    if (next === locale) return;
    startTransition(async () => {
      const done = await switchLocale(next, connection);
      setRefused(done === "offline");
      if (done === "switched") router.refresh();
    });
  };
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const by = e.nativeEvent.submitter;
    const next = by instanceof HTMLButtonElement ? by.value : null;
    if (isLocale(next)) choose(next);
  };
  return (
    <>
      <form className="seg" role="group" aria-label={t("label")} aria-busy={pending} onSubmit={submit}>
        {LOCALES.map((l) => (
          <button key={l} type="submit" name="locale" value={l} lang={l} aria-pressed={l === locale} data-testid={`lang-${l}`}>
            {t(l)}
          </button>
        ))}
      </form>
      {refused && connection === "offline" && (
        <p className="alert" data-tone="info" role="status" data-testid="lang-offline">
          {t("offline")}
        </p>
      )}
    </>
  );
}
