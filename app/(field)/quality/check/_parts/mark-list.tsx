"use client";
import { useTranslations } from "next-intl";
import { photoUrl, type WalkMark } from "@/client/quality/walk";

/** The marks so far, newest first: tag or subject, the mark, the photo; each can be removed before submitting. */
export function MarkList({ marks, problemMarkId, onRemove }: { marks: readonly WalkMark[]; problemMarkId: string | null; onRemove: (id: string) => void }) {
  const t = useTranslations("qualityPhone");
  return (
    <section aria-label={t("marks.title")} data-testid="walk-marks" data-count={marks.length}>
      <div className="title-row">
        <h2>{t("marks.title")}</h2>
        <span className="badge" data-tone="info">
          {marks.length}
        </span>
      </div>
      {marks.length === 0 ? (
        <p className="empty">{t("marks.none")}</p>
      ) : (
        <ul className="list">
          {[...marks].reverse().map((m) => (
            <li
              key={m.id}
              data-testid="walk-mark"
              data-tag={m.tag ?? ""}
              data-result={m.result}
              data-photo={m.photo ? "true" : "false"}
              style={m.id === problemMarkId ? { outline: "3px solid var(--bad)" } : undefined}
            >
              <div className="title-row">
                <strong className={m.tag ? "mono grow" : "grow"}>{m.tag ?? m.subject}</strong>
                <span className="badge" data-tone={m.result === "correct" ? "ok" : "bad"}>
                  {t(`result.${m.result}`)}
                </span>
              </div>
              <p className="small" style={{ margin: "2px 0" }}>
                {[m.tag ? m.name : "", t(`labelKind.${m.labelKind}`)].filter(Boolean).join(" · ")}
              </p>
              {m.note && <p className="muted small">{m.note}</p>}
              <div className="row" style={{ gap: 10, alignItems: "center" }}>
                {m.photo && <img src={photoUrl(m.photo)} alt="" className="photo-thumb" />}
                <span className="grow" />
                <button type="button" className="btn secondary" onClick={() => onRemove(m.id)} data-testid="walk-mark-remove">
                  {t("marks.remove")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
