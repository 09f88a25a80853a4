"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { errorCode, useTRPC } from "@/client/trpc";
import {
  elementsOfItem,
  SATISFACTION_ELEMENTS,
  SATISFACTION_ITEMS,
  SCORE_MAX,
  SCORE_MIN,
  type TAnswers,
  type TSatisfactionElement,
} from "@/domain/analysis/satisfaction";
import { SURVEY_CHANNELS, ZRecordContactArgs, type TSurveyChannel } from "@/domain/analysis/schemas";
import { Refusal } from "../../_parts/refusal";

export interface TAnswerContact {
  id: string;
  seq: number;
  name: string;
  version: number;
  channel: TSurveyChannel;
  answers: TAnswers | null;
  comment: string;
}

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
/** undefined: not asked yet; null: "don't know" (left out of the item, never a zero). */
type TDraft = Partial<Record<TSatisfactionElement, number | null>>;

/** One element: its name over a row of big 1–5 buttons and "don't know". */
function ElementChoice({
  element,
  value,
  onChange,
}: {
  element: TSatisfactionElement;
  value: number | null | undefined;
  onChange: (v: number | null) => void;
}) {
  const t = useTranslations("analysisSurvey.answer");
  const tr = useTranslations();
  const name = tr(`analysis.element.${element}`);
  return (
    <div style={{ padding: "8px 0", borderTop: "1px solid var(--line)" }}>
      <div style={{ fontWeight: 700, marginBottom: 6 }} id={`el-${element}`}>
        {name}
      </div>
      <div
        role="radiogroup"
        aria-labelledby={`el-${element}`}
        data-testid={`answer-${element}`}
        data-value={value === undefined ? "" : (value ?? "na")}
        style={{ display: "grid", gridTemplateColumns: "repeat(5, minmax(44px, 1fr)) minmax(64px, 1.5fr)", gap: 6 }}
      >
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            className="pick"
            aria-checked={value === n}
            aria-label={t("score", { element: name, n })}
            onClick={() => onChange(n)}
            style={{ fontSize: "1.25rem", padding: 0 }}
            data-testid={`answer-${element}-${n}`}
          >
            {n}
          </button>
        ))}
        <button
          type="button"
          role="radio"
          className="pick small"
          aria-checked={value === null}
          onClick={() => onChange(null)}
          style={{ padding: "0 4px" }}
          data-testid={`answer-${element}-na`}
        >
          {t("dontKnow")}
        </button>
      </div>
    </div>
  );
}

/**
 * A sampled customer's answers, as read out on the telephone or copied from a returned letter: the eleven elements
 * grouped by their five items, each 1–5 or "don't know"; the channel and a comment; or the call marked refused /
 * unreachable / letter sent. Saved against the version seen: someone else's change meanwhile is a conflict (reloaded).
 */
export function AnswerForm({ surveyId, contact, onDone }: { surveyId: string; contact: TAnswerContact; onDone: (message: string) => void }) {
  const t = useTranslations("analysisSurvey.answer");
  const tr = useTranslations();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<TDraft>(() => ({ ...(contact.answers ?? {}) }));
  const [channel, setChannel] = useState<TSurveyChannel>(contact.channel);
  const [comment, setComment] = useState(contact.comment);
  const [invalid, setInvalid] = useState<string | null>(null);
  // reloaded after a conflict (another version): the form starts again from the record as it is now
  const [seen, setSeen] = useState(contact.version);
  if (seen !== contact.version) {
    setSeen(contact.version);
    setAnswers({ ...(contact.answers ?? {}) });
    setChannel(contact.channel);
    setComment(contact.comment);
  }
  const record = useMutation(
    trpc.survey.record.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.survey.pathKey() });
        onDone(t("saved"));
      },
      onError: (e) => {
        if (errorCode(e) === "conflict") void qc.invalidateQueries({ queryKey: trpc.survey.get.queryKey({ id: surveyId }) });
      },
    }),
  );
  const send = (status: "answered" | "refused" | "unreachable" | "letter_sent") => {
    const full = Object.fromEntries(SATISFACTION_ELEMENTS.map((e) => [e, answers[e] ?? null]));
    const args =
      status === "answered"
        ? { id: contact.id, version: contact.version, status, channel, answers: full, comment }
        : { id: contact.id, version: contact.version, status, channel: status === "letter_sent" ? "letter" : channel, comment };
    const parsed = ZRecordContactArgs.safeParse(args);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? "analysis.validation.noAnswers");
      return;
    }
    setInvalid(null);
    record.mutate(parsed.data);
  };
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send("answered");
      }}
      data-testid="answer-form"
      data-seq={contact.seq}
      style={{ marginTop: 10 }}
    >
      <p className="muted small" style={{ margin: 0 }}>
        {t("scale")}
      </p>
      {SATISFACTION_ITEMS.map((item) => (
        <fieldset key={item} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 800, fontSize: "1.05rem", padding: 0 }}>{tr(`analysis.item.${item}`)}</legend>
          {elementsOfItem(item).map((e) => (
            <ElementChoice key={e} element={e} value={answers[e]} onChange={(v) => setAnswers({ ...answers, [e]: v })} />
          ))}
        </fieldset>
      ))}
      <label className="field">
        <span>{t("channel")}</span>
        <select className="input" value={channel} onChange={(e) => setChannel(e.target.value as TSurveyChannel)} data-testid="answer-channel">
          {SURVEY_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channelOf.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("comment")}</span>
        <textarea className="input" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="answer-comment" />
      </label>
      {invalid && (
        <div className="alert" data-tone="bad" role="alert" data-testid="form-error">
          {tr.has(invalid) ? tr(invalid) : tr("analysis.validation.noAnswers")}
        </div>
      )}
      <Refusal error={record.error} conflict={t("conflict")} />
      <button type="submit" className="btn block" disabled={record.isPending} data-testid="answer-save">
        {t("save")}
      </button>
      <div className="two-actions">
        <button type="button" className="btn secondary" disabled={record.isPending} onClick={() => send("refused")} data-testid="mark-refused">
          {t("refused")}
        </button>
        <button type="button" className="btn secondary" disabled={record.isPending} onClick={() => send("unreachable")} data-testid="mark-unreachable">
          {t("unreachable")}
        </button>
      </div>
      <button type="button" className="btn secondary block" disabled={record.isPending} onClick={() => send("letter_sent")} data-testid="mark-letter-sent">
        {t("letterSent")}
      </button>
    </form>
  );
}
