"use client";
import { useTranslations } from "next-intl";

/** One rating, 1 (very dissatisfied) to 5 (very satisfied): five big buttons, the meaning of the choice in words. */
export function Rating({
  name,
  label,
  value,
  onChange,
  invalid,
}: {
  name: string;
  label: string;
  value: number | null;
  onChange: (v: number) => void;
  invalid: boolean;
}) {
  const t = useTranslations("customer.rating");
  return (
    <fieldset className="rating" data-testid={`rating-${name}`} data-value={value ?? ""} aria-invalid={invalid}>
      <legend>{label}</legend>
      <div className="rating-stars" role="radiogroup" aria-label={label}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={value === n}
            aria-label={t(`level.${n}`)}
            className="star"
            data-on={value !== null && n <= value}
            onClick={() => onChange(n)}
            data-testid={`rating-${name}-${n}`}
          >
            <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true">
              <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
            </svg>
          </button>
        ))}
      </div>
      <p className="rating-word" aria-live="polite">
        {value === null ? invalid ? <span className="field-error">{t("required")}</span> : t("tap") : t(`level.${value}`)}
      </p>
    </fieldset>
  );
}
