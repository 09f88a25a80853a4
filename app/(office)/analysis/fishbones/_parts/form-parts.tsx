"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CAUSE_CATEGORIES, type TCauseCategory } from "@/domain/quality/model";
import { MAX_CAUSES_PER_BONE, type TFishboneCauses } from "@/domain/analysis/schemas";

export type Errors = Record<string, string>;

/** The worksheet as typed: one textarea per bone (one cause a line). */
export interface TDraft {
  problem: string;
  nonconformityId: string;
  actionId: string;
  causes: Record<TCauseCategory, string>;
}

export function draftOf(f: { problem: string; nonconformityId: string | null; actionId: string | null; causes: TFishboneCauses } | null): TDraft {
  const causes = Object.fromEntries(CAUSE_CATEGORIES.map((c) => [c, (f?.causes[c] ?? []).join("\n")])) as Record<TCauseCategory, string>;
  return { problem: f?.problem ?? "", nonconformityId: f?.nonconformityId ?? "", actionId: f?.actionId ?? "", causes };
}

/** The lines of a bone: trimmed, empty lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Field errors by path: `problem`, `causes.man`, or `form`. */
export function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const [head, bone] = issue.path;
    const key = head === "causes" && typeof bone === "string" ? `causes.${bone}` : String(head ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A labelled field with its translated problem under it (the message is a catalogue key). */
export function Field({ label, error, name, help, children }: { label: string; error?: string; name: string; help?: string; children: ReactNode }) {
  const t = useTranslations();
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {help && <span className="help">{help}</span>}
      {error && (
        <p className="field-error" data-testid={`err-${name}`}>
          {t(error)}
        </p>
      )}
    </label>
  );
}

/** The six bones (人机料法环测): a textarea each, its line count beside the name, read-only for a reader. */
export function CauseFields({
  causes,
  errors,
  readOnly,
  onChange,
}: {
  causes: Record<TCauseCategory, string>;
  errors: Errors;
  readOnly: boolean;
  onChange: (c: TCauseCategory, v: string) => void;
}) {
  const t = useTranslations("analysisReports");
  return (
    <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 700, fontSize: "1.1rem", marginBottom: 4 }}>{t("form.causesTitle")}</legend>
      {!readOnly && (
        <p className="help" style={{ margin: 0 }}>
          {t("form.causesHelp")}
        </p>
      )}
      {CAUSE_CATEGORIES.map((c) => {
        const n = linesOf(causes[c]).length;
        return (
          <Field
            key={c}
            name={`cause-${c}`}
            label={`${t(`cause.${c}`)} · ${t("form.lines", { n })}`}
            error={errors[`causes.${c}`] ?? (n > MAX_CAUSES_PER_BONE ? "analysis.validation.tooManyCauses" : undefined)}
          >
            <textarea
              className="input"
              rows={Math.min(8, Math.max(3, n + 1))}
              value={causes[c]}
              readOnly={readOnly}
              aria-invalid={errors[`causes.${c}`] ? true : undefined}
              onChange={(e) => onChange(c, e.target.value)}
              data-testid={`fishbone-cause-${c}`}
              style={{ fontSize: "1.05rem", lineHeight: 1.5 }}
            />
          </Field>
        );
      })}
    </fieldset>
  );
}
