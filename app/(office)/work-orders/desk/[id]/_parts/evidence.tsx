"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { TWorkOrderDetail } from "./types";

/** What the lineman recorded at the customer's: equipment checks, sign-offs and photos (a summary; the PDF has it all). */
export function Evidence({ checks, signoffs, photos }: Pick<TWorkOrderDetail, "checks" | "signoffs" | "photos">) {
  const t = useTranslations("desk");
  const format = useFormatter();
  const when = (d: Date | string) => format.dateTime(new Date(d), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <>
      <section aria-labelledby="checks-title">
        <h2 id="checks-title">{t("checks.title")}</h2>
        {checks.length === 0 ? (
          <p className="empty">{t("checks.empty")}</p>
        ) : (
          <ul className="list" data-testid="checks">
            {checks.map((c) => (
              <li key={c.id} data-testid="check" data-verdict={c.verdict}>
                <div className="title-row">
                  <strong>{t(`checks.type.${c.equipmentType}`)}</strong>
                  <span className="badge" data-tone={c.verdict === "valid" ? "ok" : "bad"}>
                    {t(`checks.result.${c.verdict}`)}
                  </span>
                </div>
                <p className="mono small" style={{ margin: "4px 0" }}>
                  {c.labelKind === "license_old"
                    ? t("checks.licenseNo", { no: c.licenseNo ?? "" })
                    : c.labelKind === "license_mark"
                      ? t("checks.markCode", { code: c.markCode ?? "" })
                      : t("checks.noLabel")}
                  {c.equipmentModel && ` · ${c.equipmentModel}`}
                </p>
                <p style={{ fontWeight: 700, margin: 0 }}>{t(`checks.outcome.${c.outcome}`)}</p>
                {c.recheckChanged && (
                  <p className="small" style={{ color: "var(--warn)", fontWeight: 700 }}>
                    {t("checks.recheckChanged")}
                  </p>
                )}
                {c.note && <p className="event-note">“{c.note}”</p>}
                <p className="muted small">{when(c.serverTime)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="signoffs-title">
        <h2 id="signoffs-title">{t("signoffs.title")}</h2>
        {signoffs.length === 0 ? (
          <p className="empty">{t("signoffs.empty")}</p>
        ) : (
          <ul className="list" data-testid="signoffs">
            {signoffs.map((s) => (
              <li
                key={s.id}
                data-testid="signoff"
                data-kind={s.kind}
                style={s.kind === "customer_refused" ? { borderLeft: "8px solid var(--bad)" } : undefined}
              >
                <strong>{s.kind === "self_check" ? t("signoffs.self_check") : t(`signoffs.${s.kind}`, { name: s.signerName })}</strong>
                {s.kind === "customer_signed" && s.ratingAttitude !== null && s.ratingOnTime !== null && (
                  <p style={{ margin: "4px 0" }}>{t("signoffs.ratings", { attitude: s.ratingAttitude, onTime: s.ratingOnTime })}</p>
                )}
                {s.comment && <p className="event-note">{t("signoffs.comment", { comment: s.comment })}</p>}
                {s.refusalReason && <p className="event-note">{t("signoffs.comment", { comment: s.refusalReason })}</p>}
                {s.signatureSha256 && (
                  <img
                    src={`/api/evidence/${s.signatureSha256}`}
                    alt=""
                    style={{
                      display: "block",
                      maxWidth: "100%",
                      height: 80,
                      objectFit: "contain",
                      background: "#fff",
                      border: "1px solid var(--line)",
                      borderRadius: 8,
                      margin: "6px 0",
                    }}
                  />
                )}
                <p className="muted small">{t("signoffs.by", { name: s.actorName ?? "", time: when(s.serverTime) })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="photos-title">
        <h2 id="photos-title">{t("detail.photos")}</h2>
        {photos.length === 0 ? (
          <p className="empty">{t("detail.noPhotos")}</p>
        ) : (
          <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 8 }} data-testid="photos">
            {photos.map((p, i) => (
              <a key={p.id} href={`/api/evidence/${p.sha256}`} target="_blank" rel="noreferrer">
                <img
                  src={`/api/evidence/${p.sha256}`}
                  alt={p.caption || t("detail.photo", { n: i + 1 })}
                  className="photo-thumb"
                  style={{ width: "100%", height: 100 }}
                  loading="lazy"
                />
              </a>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
