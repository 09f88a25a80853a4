"use client";
import { useTranslations } from "next-intl";
import type { TCheckDetail } from "./types";

/** The walk's marks: findings first (with their photo and note), then the correct ones. */
export function MarksList({ marks }: { marks: TCheckDetail["marks"] }) {
  const t = useTranslations("qualityOffice.checks");
  const tr = useTranslations();
  const sorted = [...marks].sort((a, b) => Number(a.result === "correct") - Number(b.result === "correct"));
  return (
    <section aria-labelledby="marks-title">
      <h2 id="marks-title">{t("detail.marks", { n: marks.length })}</h2>
      {marks.length === 0 ? (
        <p className="empty">{t("detail.noMarks")}</p>
      ) : (
        <ul className="list" data-testid="check-marks">
          {sorted.map((m) => (
            <li
              key={m.id}
              data-testid="check-mark"
              data-result={m.result}
              data-tag={m.tag ?? ""}
              style={{ borderLeft: `8px solid var(--${m.result === "correct" ? "ok" : "bad"})` }}
            >
              <div className="title-row" style={{ flexWrap: "wrap" }}>
                <strong className="mono">{m.tag ?? t("detail.noTag")}</strong>
                <span className="badge" data-tone={m.result === "correct" ? "ok" : "bad"}>
                  {t(`result.${m.result}`)}
                </span>
              </div>
              <div className="small">
                {t(`labelKind.${m.labelKind}`)}
                {m.subject ? ` · ${m.subject}` : ""}
              </div>
              {m.expectedStatus && (
                <div className="muted small">
                  {t("detail.expected", { status: tr(`status.item.${m.expectedStatus}`), zone: m.expectedZone ? ` · ${m.expectedZone}` : "" })}
                </div>
              )}
              {m.note && <p className="event-note">“{m.note}”</p>}
              {m.photoUrl && (
                <a href={m.photoUrl} target="_blank" rel="noreferrer">
                  <img src={m.photoUrl} alt={t("detail.photo")} className="photo-thumb" style={{ maxWidth: 160, maxHeight: 160 }} />
                </a>
              )}
              {m.nonconformityCode && <div className="small mono">{m.nonconformityCode}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
