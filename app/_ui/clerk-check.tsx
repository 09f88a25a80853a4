"use client";
import { useTranslations } from "next-intl";

/**
 * The counter clerk's self-check (营业员自检签字) on a desk form: one tap, required before the form is saved. The
 * server stores who and when from the session (clerk_check_required without it).
 */
export function ClerkCheck({ checked, onChange, error }: { checked: boolean; onChange: (checked: boolean) => void; error?: string | null }) {
  const t = useTranslations();
  return (
    <div className="clerk-check">
      <label className="choice" data-testid="clerk-check" data-missing={Boolean(error) && !checked}>
        <input type="checkbox" name="clerkCheck" checked={checked} aria-invalid={Boolean(error) && !checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{t("serviceRecord.clerk.confirm")}</span>
      </label>
      {error && !checked && (
        <p className="field-error" data-testid="err-clerkCheck">
          {t.has(error) ? t(error) : t("serviceRecord.validation.clerkCheck")}
        </p>
      )}
    </div>
  );
}
