"use client";
import { useLocale, useTranslations } from "next-intl";
import { letterDaysLeft, letterOverdue } from "@/domain/property/model";
import { operatorToday } from "@/domain/time/operator";
import { useDay, useWhen } from "../../_parts/kit";
import type { TCaseDetail } from "../../_parts/types";

/** The rectification letters (整改通知书): the failed items, the deadline (red once overdue), the customer's report. */
export function Letters({ c }: { c: TCaseDetail }) {
  const t = useTranslations("propertyOffice.letters");
  const tp = useTranslations("property");
  const zh = useLocale().startsWith("zh");
  const day = useDay();
  const when = useWhen();
  if (c.letters.length === 0) return null;
  const today = operatorToday();
  const letters = c.letters.map((l) => {
    const rectifiedAt = l.rectifiedAt ? String(l.rectifiedAt) : null;
    return { ...l, overdue: letterOverdue({ deadline: l.deadline, rectifiedAt }, today), daysLeft: letterDaysLeft(l.deadline, today) };
  });
  return (
    <section aria-labelledby="letters-title" className="stack">
      <h2 id="letters-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <ul className="list" data-testid="letters">
        {letters.map((l) => (
          <li
            key={l.id}
            data-testid={`letter-${l.code}`}
            data-overdue={l.overdue}
            style={l.overdue ? { borderLeft: "8px solid var(--bad)", background: "var(--bad-bg)" } : undefined}
          >
            <div className="title-row" style={{ flexWrap: "wrap" }}>
              <strong className="mono">{l.code}</strong>
              <span className="badge" data-tone={l.rectifiedAt ? "ok" : l.overdue ? "bad" : "warn"}>
                {l.rectifiedAt ? t("rectified") : l.overdue ? tp("letter.overdue", { days: -l.daysLeft }) : tp("letter.daysLeft", { days: l.daysLeft })}
              </span>
            </div>
            <p style={{ margin: "4px 0", fontWeight: 700, color: l.overdue ? "var(--bad)" : undefined }} data-testid="letter-deadline">
              {t("deadline", { day: day(l.deadline) })}
            </p>
            <p className="muted small" style={{ margin: 0 }}>
              {t("issued", { time: when(l.issuedAt), name: l.issuedBy })}
            </p>
            {l.note && (
              <p className="small" style={{ margin: "4px 0", whiteSpace: "pre-wrap" }}>
                {l.note}
              </p>
            )}
            <ul className="small" style={{ margin: "6px 0", paddingLeft: 18 }}>
              {l.items.map((i, n) => (
                <li key={n}>
                  <span className="mono">{i.clause}</span> {zh || !i.textEn ? i.textZh : i.textEn}
                  {i.note && ` — ${i.note}`}
                </li>
              ))}
            </ul>
            {l.rectifiedAt && (
              <p className="small" style={{ margin: "0 0 6px" }}>
                {t("rectifiedAt", { time: when(l.rectifiedAt), name: l.rectifiedBy ?? "—" })}
                {l.rectifiedNote && ` — ${l.rectifiedNote}`}
              </p>
            )}
            <a className="btn secondary" href={`/api/property/letters/${l.id}/pdf`} target="_blank" rel="noreferrer" data-testid="letter-pdf">
              {t("pdf")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
