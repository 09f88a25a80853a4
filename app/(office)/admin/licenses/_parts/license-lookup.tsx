"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useTRPC } from "@/client/trpc";
import { ZLicenseLookupInput, type TLicenseLookupInput } from "@/domain/licenses/schemas";

const TONE = { in_force: "ok", expired: "bad", not_yet_valid: "warn" } as const;

/** Look one license up by its number or its mark's digital code (e.g. to see that an import took). */
export function LicenseLookup() {
  const t = useTranslations("licenses");
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [query, setQuery] = useState<TLicenseLookupInput | null>(null);
  const [invalid, setInvalid] = useState(false);
  const found = useQuery({ ...trpc.licenses.lookup.queryOptions(query ?? { licenseNo: "" }), enabled: query !== null });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const value = text.trim();
    const parsed = ZLicenseLookupInput.safeParse(/^\d+$/.test(value) ? { markCode: value } : { licenseNo: value });
    setInvalid(!parsed.success);
    setQuery(parsed.success ? parsed.data : null);
  };
  const entry = found.data?.entry;

  return (
    <section className="card stack" data-testid="license-lookup">
      <h2 style={{ marginTop: 0 }}>{t("lookup.heading")}</h2>
      <form onSubmit={submit} className="stack">
        <label className="field" style={{ marginBottom: 0 }}>
          <span>{t("lookup.label")}</span>
          <input
            className="input mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={invalid}
            data-testid="license-lookup-input"
          />
          {invalid && <p className="field-error">{t("lookup.badNumber")}</p>}
        </label>
        <button type="submit" className="btn block" data-testid="license-lookup-find">
          {t("lookup.find")}
        </button>
      </form>
      <ErrorText error={found.error} />
      {query && found.data && !entry && (
        <p className="empty" data-testid="license-lookup-none">
          {t("lookup.notFound", { code: "licenseNo" in query ? query.licenseNo : query.markCode })}
        </p>
      )}
      {entry && (
        <div data-testid="license-lookup-entry">
          <div className="title-row">
            <strong className="mono">{entry.licenseNo}</strong>
            <span className="badge" data-tone={TONE[entry.standing]}>
              {t(`lookup.standing.${entry.standing}`)}
            </span>
          </div>
          <dl className="scan-fields" style={{ marginTop: 8 }}>
            {entry.markCode && (
              <>
                <dt>{t("field.markCode")}</dt>
                <dd className="mono" style={{ overflowWrap: "anywhere" }}>
                  {entry.markCode}
                </dd>
              </>
            )}
            <dt>{t("field.applicant")}</dt>
            <dd>{entry.applicant}</dd>
            <dt>{t("field.equipmentName")}</dt>
            <dd>{entry.equipmentName}</dd>
            <dt>{t("field.model")}</dt>
            <dd className="mono">{entry.model}</dd>
            <dt>{t("field.expiryDate")}</dt>
            <dd>{t("lookup.validity", { issue: entry.issueDate, expiry: entry.expiryDate })}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
