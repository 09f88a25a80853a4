"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { fieldErrors, useTRPC } from "@/client/trpc";

/**
 * The sites a user works at (ADR 0042): their phone keeps those sites' items and the items they hold. None ticked:
 * every site. Saving changes the phone's scope: it drops its cache and pulls again.
 */
export function UserSites({ userId, current, onSaved }: { userId: string; current: readonly string[]; onSaved: () => void }) {
  const t = useTranslations("adminSites");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const sites = useQuery(trpc.users.sites.queryOptions());
  const [chosen, setChosen] = useState<string[]>([...current]);
  const save = useMutation(
    trpc.users.setSites.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.users.sitesByUser.queryKey() });
        onSaved();
      },
    }),
  );
  const fe = Object.values(fieldErrors(save.error));
  return (
    <fieldset className="card" data-testid="user-sites">
      <legend>{t("title")}</legend>
      <p className="muted small">{t("hint")}</p>
      <ErrorText error={sites.error} />
      {sites.data?.map((s) => (
        <label key={s.code} className="choice" data-testid={`site-${s.code}`}>
          <input
            type="checkbox"
            name="siteCodes"
            value={s.code}
            checked={chosen.includes(s.code)}
            onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.code] : c.filter((x) => x !== s.code)))}
          />
          <span>
            {locale === "en" ? s.nameEn : s.nameZh} <span className="mono muted">{s.code}</span>
          </span>
        </label>
      ))}
      {fe.length > 0 && (
        <p className="error" role="alert">
          {t(fe[0]!.replace(/^adminSites\./, "") as "unknownSite")}
        </p>
      )}
      {fe.length === 0 && <ErrorText error={save.error} />}
      <p className="muted small">{chosen.length === 0 ? t("everySite") : t("chosen", { count: chosen.length })}</p>
      <button type="button" className="btn" disabled={save.isPending} onClick={() => save.mutate({ userId, siteCodes: chosen })} data-testid="user-sites-save">
        {t("save")}
      </button>
    </fieldset>
  );
}
