"use client";
import { useLocale, useTranslations } from "next-intl";
import { ROUND_TONE, useDay, useWhen } from "../../_parts/kit";
import type { TCaseDetail, TCaseRound } from "../../_parts/types";

/** Every inspection round, newest first: when, who (each one's signature), and each item's result. */
export function Rounds({ c }: { c: TCaseDetail }) {
  const t = useTranslations("propertyOffice.rounds");
  const rounds = [...c.rounds].sort((a, b) => b.roundNo - a.roundNo);
  return (
    <section aria-labelledby="rounds-title" className="stack">
      <h2 id="rounds-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      {rounds.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <ul className="list" data-testid="rounds">
          {rounds.map((r) => (
            <Round key={r.id} r={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Round({ r }: { r: TCaseRound }) {
  const t = useTranslations("propertyOffice.rounds");
  const tp = useTranslations("property");
  const td = useTranslations("departments");
  const zh = useLocale().startsWith("zh");
  const day = useDay();
  const when = useWhen();
  const failed = r.items.filter((i) => i.result === "fail").length;
  const groups = [...new Set(r.items.map((i) => i.group))];
  return (
    <li
      data-testid={`round-${r.roundNo}`}
      data-status={r.status}
      style={{ borderLeft: `8px solid var(--${r.status === "failed" ? "bad" : r.status === "passed" ? "ok" : "line"})` }}
    >
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <strong>{tp("round.number", { n: r.roundNo })}</strong>
        <span className="badge" data-tone={ROUND_TONE[r.status]}>
          {tp(`roundStatus.${r.status}`)}
        </span>
      </div>
      <p style={{ margin: "4px 0" }}>{t("scheduledFor", { day: day(r.scheduledFor) })}</p>
      <p className="muted small" style={{ margin: "0 0 4px" }}>
        {r.departments.map((d) => td(d)).join(" · ")}
      </p>
      {r.note && (
        <p className="small" style={{ margin: "0 0 4px", whiteSpace: "pre-wrap" }}>
          {t("note", { note: r.note })}
        </p>
      )}
      {r.submitNote && (
        <p className="small" style={{ margin: "0 0 4px", whiteSpace: "pre-wrap" }}>
          {t("submitNote", { note: r.submitNote })}
        </p>
      )}
      {r.submittedAt && (
        <p className="small" style={{ margin: "0 0 4px" }} data-testid="round-submitted">
          {t("submitted", { inspected: r.inspectedAt ? when(r.inspectedAt) : "—", submitted: when(r.submittedAt), name: r.submittedBy?.name ?? "—" })}
          {r.status === "failed" && ` · ${t("failedCount", { n: failed })}`}
        </p>
      )}
      <h3 className="small" style={{ margin: "8px 0 4px" }}>
        {t("inspectors")}
      </h3>
      <ul className="list" style={{ gap: 6 }}>
        {r.inspectors.map((i) => (
          <li key={i.userId} data-testid="inspector" data-signed={Boolean(i.signedAt)} style={{ padding: 8 }}>
            <strong>{i.name}</strong>
            {i.department && <span className="muted small"> · {td(i.department)}</span>}
            {i.signatureSha256 ? (
              <img
                src={`/api/evidence/${i.signatureSha256}`}
                alt={t("signatureOf", { name: i.name })}
                style={{
                  display: "block",
                  width: "100%",
                  maxWidth: 320,
                  height: 64,
                  objectFit: "contain",
                  background: "#fff",
                  border: "1px solid var(--line)",
                  borderRadius: 8,
                  margin: "6px 0 0",
                }}
              />
            ) : (
              <div className="muted small">{r.status === "scheduled" ? t("notYetSigned") : t("notSigned")}</div>
            )}
            {i.signedAt && <div className="muted small">{t("signedAt", { time: when(i.signedAt) })}</div>}
          </li>
        ))}
      </ul>
      <details open={r.status !== "scheduled"} style={{ marginTop: 8 }}>
        <summary style={{ minHeight: 48, display: "flex", alignItems: "center", fontWeight: 700, cursor: "pointer" }} data-testid={`round-${r.roundNo}-items`}>
          {t("items", { n: r.items.length })}
        </summary>
        {groups.map((g) => (
          <div key={g}>
            <h4 className="small muted" style={{ margin: "8px 0 4px" }}>
              {g}
            </h4>
            <ul className="list" style={{ gap: 6 }}>
              {r.items
                .filter((i) => i.group === g)
                .map((i) => (
                  <li
                    key={i.itemId}
                    data-testid="round-item"
                    data-result={i.result ?? ""}
                    style={{ padding: 8, background: i.result === "fail" ? "var(--bad-bg)" : undefined }}
                  >
                    <div className="title-row" style={{ alignItems: "flex-start" }}>
                      <span>
                        <span className="mono small">{i.clause}</span> {zh || !i.textEn ? i.textZh : i.textEn}
                      </span>
                      {i.result && (
                        <span className="badge" data-tone={i.result === "pass" ? "ok" : "bad"}>
                          {tp(`itemResult.${i.result}`)}
                        </span>
                      )}
                    </div>
                    {i.measurement && (
                      <div className="small">
                        {t("measurement")}: <strong>{i.measurement}</strong> {i.unit ?? ""}
                      </div>
                    )}
                    {i.note && (
                      <div className="small" style={{ whiteSpace: "pre-wrap" }}>
                        “{i.note}”
                      </div>
                    )}
                    {i.photoSha256s.length > 0 && (
                      <div style={{ marginTop: 6 }} data-testid="round-item-photos" data-count={i.photoSha256s.length}>
                        <div className="small muted">{t("photos", { n: i.photoSha256s.length })}</div>
                        <div style={{ display: "flex", flexWrap: "wrap", gap: 6, marginTop: 4 }}>
                          {i.photoSha256s.map((sha, k) => (
                            <a key={sha} href={`/api/evidence/${sha}`} target="_blank" rel="noreferrer" style={{ display: "inline-block" }}>
                              <img
                                src={`/api/evidence/${sha}`}
                                alt={t("photoN", { n: k + 1, total: i.photoSha256s.length })}
                                className="photo-thumb"
                                style={{ width: 96, height: 72 }}
                                loading="lazy"
                              />
                            </a>
                          ))}
                        </div>
                      </div>
                    )}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </details>
    </li>
  );
}
