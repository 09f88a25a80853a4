"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { fieldErrors, useTRPC } from "@/client/trpc";
import { MAX_SAMPLE, ZDrawSurveyArgs } from "@/domain/analysis/schemas";
import { Refusal } from "./refusal";

/** Quality draws the year's sample: a title, how many customers, optionally the seed (else the server picks and keeps one). */
export function DrawForm({ thisYear }: { thisYear: number }) {
  const t = useTranslations("analysisSurvey.draw");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [year, setYear] = useState(String(thisYear));
  const [title, setTitle] = useState("");
  const [size, setSize] = useState("100");
  const [seed, setSeed] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const draw = useMutation(
    trpc.survey.draw.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.survey.pathKey() });
        router.push(`/analysis/surveys/${r.id}`);
      },
    }),
  );
  const shown = { ...fieldErrors(draw.error), ...errors };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = ZDrawSurveyArgs.safeParse({
      year: Number(year),
      title: title.trim() || t("namePlaceholder", { year }),
      sampleSize: size.trim() === "" ? Number.NaN : Number(size),
      seed: seed.trim() === "" ? undefined : Number(seed),
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.message;
      setErrors(found);
      return;
    }
    setErrors({});
    draw.mutate(parsed.data);
  };
  const err = (name: string) =>
    shown[name] ? (
      <p className="field-error" data-testid={`err-${name}`}>
        {tr.has(shown[name]) ? tr(shown[name]) : t("seedInvalid")}
      </p>
    ) : null;
  return (
    <form className="card stack" noValidate onSubmit={submit} data-testid="draw-form" aria-labelledby="draw-title-h">
      <h2 id="draw-title-h" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <p className="muted small" style={{ margin: 0 }}>
        {t("help")}
      </p>
      <div className="filters">
        <label className="field">
          <span>{t("year")}</span>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            aria-invalid={Boolean(shown.year)}
            data-testid="draw-year"
          />
          {err("year")}
        </label>
        <label className="field">
          <span>{t("size")}</span>
          <input
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SAMPLE}
            value={size}
            onChange={(e) => setSize(e.target.value)}
            aria-invalid={Boolean(shown.sampleSize)}
            data-testid="draw-size"
          />
          {err("sampleSize")}
        </label>
      </div>
      <label className="field">
        <span>{t("name")}</span>
        <input
          className="input"
          maxLength={120}
          value={title}
          placeholder={t("namePlaceholder", { year })}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={Boolean(shown.title)}
          data-testid="draw-title"
        />
        {err("title")}
      </label>
      <label className="field">
        <span>{t("seed")}</span>
        <input
          className="input mono"
          inputMode="numeric"
          autoComplete="off"
          value={seed}
          onChange={(e) => setSeed(e.target.value.replace(/\D/g, ""))}
          aria-invalid={Boolean(shown.seed)}
          data-testid="draw-seed"
        />
        <small className="muted">{t("seedHelp")}</small>
        {err("seed")}
      </label>
      <Refusal error={Object.keys(fieldErrors(draw.error)).length > 0 ? null : draw.error} />
      <button type="submit" className="btn block" disabled={draw.isPending} data-testid="draw-submit">
        {t("submit")}
      </button>
    </form>
  );
}
