"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/**
 * The reason of a head's decision: marked required or optional as the domain rule says, with its error in words;
 * a missing reason is scrolled to and focused.
 */
export function DecisionReason({
  required,
  value,
  onChange,
  missing,
  testId,
}: {
  required: boolean;
  value: string;
  onChange: (v: string) => void;
  missing: boolean;
  testId: string;
}) {
  const tu = useTranslations("instrumentsUi.approvals");
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!missing) return;
    ref.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    ref.current?.focus({ preventScroll: true });
  }, [missing]);
  return (
    <label className="field">
      <span>{required ? tu("reasonRequired") : tu("reasonOptional")}</span>
      <textarea
        ref={ref}
        className="input"
        rows={3}
        maxLength={500}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={missing}
        data-testid={testId}
      />
      {missing && !value.trim() && (
        <p className="field-error" role="alert">
          {tu("reasonMissing")}
        </p>
      )}
    </label>
  );
}
