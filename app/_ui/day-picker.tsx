"use client";
import { useFormatter, useTranslations } from "next-intl";
import { addDays, daysBetween, type TIsoDate } from "@/domain/time/calendar";
import { middayOfOperatorDay } from "@/domain/time/operator";

/**
 * A calendar day chosen with the thumb: the day in large type with its weekday, one day back or on, and quick
 * choices (in a week, in two weeks, the latest allowed). Replaces the browser's date input on field screens,
 * which on a phone clips to "mm/dd/yyy" and needs a fiddly popup. Days are operator days (`YYYY-MM-DD`).
 */
export function DayPicker({
  label,
  value,
  min,
  max,
  onChange,
  testId,
  help,
}: {
  label: string;
  value: TIsoDate;
  min: TIsoDate;
  max: TIsoDate;
  onChange: (day: TIsoDate) => void;
  testId: string;
  help?: string;
}) {
  const t = useTranslations("dayPicker");
  const format = useFormatter();
  // noon in the operator's zone: the same calendar day whatever zone formats it
  const show = (day: TIsoDate, opts: { month?: "long"; day?: "numeric"; weekday?: "short"; year?: "numeric" }) =>
    format.dateTime(middayOfOperatorDay(day), opts);
  const clamp = (day: TIsoDate) => (daysBetween(min, day) < 0 ? min : daysBetween(day, max) < 0 ? max : day);
  const quick = [7, 14]
    .map((n) => addDays(min, n))
    .filter((d) => daysBetween(d, max) > 0)
    .map((d) => ({ day: d, text: t("inDays", { n: daysBetween(min, d) }) }));
  quick.push({ day: max, text: t("latest") });
  return (
    <fieldset className="field day-picker" data-testid={testId} data-value={value}>
      <legend>{label}</legend>
      <div className="day-picker-row">
        <button
          type="button"
          className="btn secondary day-step"
          onClick={() => onChange(clamp(addDays(value, -1)))}
          disabled={daysBetween(min, value) <= 0}
          aria-label={t("earlier")}
          data-testid={`${testId}-earlier`}
        >
          −1
        </button>
        <output className="day-picker-value" aria-live="polite" data-testid={`${testId}-value`}>
          <span className="day-picker-date">{show(value, { month: "long", day: "numeric" })}</span>
          <span className="day-picker-sub">{show(value, { weekday: "short", year: "numeric" })}</span>
        </output>
        <button
          type="button"
          className="btn secondary day-step"
          onClick={() => onChange(clamp(addDays(value, 1)))}
          disabled={daysBetween(value, max) <= 0}
          aria-label={t("later")}
          data-testid={`${testId}-later`}
        >
          +1
        </button>
      </div>
      <div className="chips day-picker-quick">
        {quick.map((q) => (
          <button
            key={q.day}
            type="button"
            className="chip"
            aria-pressed={q.day === value}
            onClick={() => onChange(q.day)}
            data-testid={`${testId}-pick-${q.day}`}
          >
            {q.text}
          </button>
        ))}
      </div>
      {help ? <p className="help">{help}</p> : null}
    </fieldset>
  );
}
