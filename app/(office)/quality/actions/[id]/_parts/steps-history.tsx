"use client";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/app/_ui/use-when";
import { CAUSE_CATEGORIES, type TCauseCategory } from "@/domain/quality/model";
import { isIsoDate } from "@/domain/time/calendar";
import { useDay } from "@/app/_ui/quality/action-card";
import type { TActionDetail, TActionStep } from "../../_parts/types";

/** What a step's content may hold, in the order the form reads (ids and what the head shows are not repeated). */
const CONTENT_KEYS = [
  "description",
  "requiredBy",
  "causeCategory",
  "causeAnalysis",
  "correction",
  "correctiveAction",
  "preventiveAction",
  "ownerName",
  "dueOn",
  "effective",
  "note",
] as const;

const STEP_TONE = { sent: "warn", planned: "info", implemented: "info", verified_effective: "ok", verified_ineffective: "bad" } as const;

/** Every signed step of every round, newest round first: who signed, when, and what they wrote. */
export function StepsHistory({ a }: { a: TActionDetail }) {
  const t = useTranslations("qualityOffice.actions");
  const rounds = [...new Set(a.steps.map((s) => s.round))].sort((x, y) => y - x);
  return (
    <section className="card stack" aria-labelledby="steps-title" data-testid="action-steps">
      <h2 id="steps-title" style={{ margin: 0 }}>
        {t("history")}
      </h2>
      {rounds.map((r) => (
        <div key={r} className="stack" data-testid={`round-${r}`}>
          {rounds.length > 1 && <h3 style={{ margin: 0 }}>{t("round", { n: r })}</h3>}
          <ol className="list" style={{ margin: 0 }}>
            {a.steps
              .filter((s) => s.round === r)
              .map((s, i) => (
                <StepCard key={`${s.step}-${i}`} s={s} />
              ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

function StepCard({ s }: { s: TActionStep }) {
  const t = useTranslations("qualityOffice.actions");
  const when = useDateTime();
  const day = useDay();
  const content = s.content;
  const value = (key: (typeof CONTENT_KEYS)[number], v: unknown): string | null => {
    if (v === null || v === undefined || v === "") return null;
    if (key === "causeCategory") return CAUSE_CATEGORIES.includes(v as TCauseCategory) ? t(`cause.${v as TCauseCategory}`) : null;
    if (key === "effective") return t(v === true ? "verdict.effective" : "verdict.ineffective");
    if ((key === "requiredBy" || key === "dueOn") && isIsoDate(v)) return day(v);
    return typeof v === "string" || typeof v === "number" ? String(v) : null;
  };
  const shown = CONTENT_KEYS.map((k) => [k, value(k, content[k])] as const).filter(([, v]) => v !== null);
  return (
    <li data-testid={`step-${s.step}-${s.round}`} style={{ borderLeft: `8px solid var(--${STEP_TONE[s.step] === "info" ? "brand" : STEP_TONE[s.step]})` }}>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <span className="badge" data-tone={STEP_TONE[s.step]}>
          {t(`step.${s.step}`)}
        </span>
        <span className="small muted">{when(s.at)}</span>
      </div>
      <p className="small" style={{ margin: "4px 0", fontWeight: 700 }} data-testid="signed-by">
        {t("signedBy", { name: s.byName })}
      </p>
      {shown.length > 0 && (
        <dl style={{ margin: 0 }}>
          {shown.map(([k, v]) => (
            <div key={k} style={{ marginTop: 6 }}>
              <dt className="small muted">{t(`content.${k}`)}</dt>
              <dd style={{ margin: 0, whiteSpace: "pre-wrap" }}>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
