"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useDateTime } from "@/app/_ui/use-when";
import { SURVEY_CONTACT_STATUSES, type TSurveyContactStatus } from "@/domain/analysis/schemas";
import { AnswerForm, type TAnswerContact } from "./answer-form";

export interface TCallContact extends TAnswerContact {
  phone: string;
  address: string;
  category: string;
  status: TSurveyContactStatus;
  attempts: number;
  answeredByName: string | null;
  answeredAt: Date | string | null;
}

const TONE: Record<TSurveyContactStatus, string> = { pending: "warn", letter_sent: "info", answered: "ok", refused: "bad", unreachable: "muted" };

/**
 * The call list: each sampled customer with a tap-to-call number, category, status and attempts, filtered by status.
 * Opening one shows the answer form under it (one open at a time); a closed survey or a reader only reads.
 */
export function CallList({ surveyId, contacts, canWork }: { surveyId: string; contacts: TCallContact[]; canWork: boolean }) {
  const t = useTranslations("analysisSurvey.survey");
  const tr = useTranslations();
  const when = useDateTime();
  const [status, setStatus] = useState<TSurveyContactStatus | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const counts = Object.fromEntries(SURVEY_CONTACT_STATUSES.map((s) => [s, contacts.filter((c) => c.status === s).length]));
  const shown = status ? contacts.filter((c) => c.status === status) : contacts;
  return (
    <section aria-labelledby="call-list-title">
      <h2 id="call-list-title">{t("callList")}</h2>
      <div className="choice-row" role="radiogroup" aria-label={t("filter")} style={{ gridTemplateColumns: "repeat(auto-fill, minmax(104px, 1fr))" }}>
        {[null, ...SURVEY_CONTACT_STATUSES].map((s) => (
          <button
            key={s ?? "all"}
            type="button"
            role="radio"
            className="pick"
            aria-checked={status === s}
            onClick={() => setStatus(s)}
            data-testid={`contacts-filter-${s ?? "all"}`}
          >
            {s ? t(`contactStatus.${s}`) : t("all")} <span className="muted">{s ? counts[s] : contacts.length}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <ul className="list" data-testid="call-list">
          {shown.map((c) => (
            <li key={c.id} data-testid={`contact-${c.seq}`} data-status={c.status} data-attempts={c.attempts}>
              <div className="title-row" style={{ flexWrap: "wrap", alignItems: "center" }}>
                <strong>
                  <span className="muted mono">{c.seq}.</span> {c.name}
                </strong>
                <span className="badge" data-tone={TONE[c.status]}>
                  {t(`contactStatus.${c.status}`)}
                </span>
              </div>
              <a
                href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}
                className="tap-link mono"
                style={{ fontSize: "1.25rem", fontWeight: 800, display: "inline-flex", alignItems: "center", minHeight: 48 }}
                aria-label={t("call", { phone: c.phone })}
                data-testid={`contact-phone-${c.seq}`}
              >
                ☎ {c.phone}
              </a>
              <div className="small">
                {tr.has(`analysis.category.${c.category}`) ? tr(`analysis.category.${c.category}`) : c.category} · {t("attempts", { n: c.attempts })}
              </div>
              {c.address && <div className="muted small">{c.address}</div>}
              {c.answeredAt && <div className="muted small">{t("recordedBy", { when: when(c.answeredAt), name: c.answeredByName ?? "—" })}</div>}
              {notice?.id === c.id && (
                <p className="alert" data-tone="ok" role="status" style={{ margin: "8px 0 0" }} data-testid="notice">
                  {notice.text}
                </p>
              )}
              {canWork && (
                <button
                  type="button"
                  className={open === c.id ? "btn secondary block" : "btn block"}
                  style={{ marginTop: 8 }}
                  aria-expanded={open === c.id}
                  onClick={() => {
                    setNotice(null);
                    setOpen(open === c.id ? null : c.id);
                  }}
                  data-testid={`contact-open-${c.seq}`}
                >
                  {open === c.id ? t("hide") : t("openContact")}
                </button>
              )}
              {canWork && open === c.id && (
                <AnswerForm
                  surveyId={surveyId}
                  contact={c}
                  onDone={(text) => {
                    setOpen(null);
                    setNotice({ id: c.id, text });
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
