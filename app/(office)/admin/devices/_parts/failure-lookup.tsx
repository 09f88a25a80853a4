"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type SubmitEvent } from "react";
import { ErrorText } from "@/app/_ui/error-text";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";

/**
 * A change the server set aside after failing on it again and again (the poison rule, server/sync/poison.ts): the
 * user reads out the reference shown on their Needs attention; the administrator sees what failed, for whom, and when.
 */
export function FailureLookup() {
  const t = useTranslations("admin.devices.failure");
  const dated = useDateTime();
  const trpc = useTRPC();
  const [typed, setTyped] = useState("");
  const [reference, setReference] = useState<string | null>(null);
  const failure = useQuery({ ...trpc.sync.failure.queryOptions({ reference: reference ?? "" }), enabled: reference !== null, retry: false });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setReference(typed.trim().toUpperCase());
  };
  const f = failure.data;
  return (
    <section className="card stack" aria-labelledby="failure-lookup-title" data-testid="failure-lookup">
      <h2 id="failure-lookup-title">{t("title")}</h2>
      <p className="muted small">{t("intro")}</p>
      <form className="row" onSubmit={submit}>
        <label className="grow">
          <span className="sr-only">{t("reference")}</span>
          <input
            className="input mono"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="E-7K3M9Q2X"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            aria-label={t("reference")}
            data-testid="failure-reference"
          />
        </label>
        <button type="submit" className="btn" disabled={typed.trim().length === 0} data-testid="failure-find">
          {t("find")}
        </button>
      </form>
      <ErrorText error={failure.error} />
      {f && (
        <dl className="facts" data-testid="failure-result">
          <dt>{t("who")}</dt>
          <dd>
            {f.displayName} <span className="mono small">{f.username}</span>
          </dd>
          <dt>{t("change")}</dt>
          <dd className="mono small">
            {f.name} · #{f.seq}
          </dd>
          <dt>{t("device")}</dt>
          <dd className="mono small">{f.deviceId}</dd>
          <dt>{t("failures")}</dt>
          <dd>{t("failuresValue", { n: f.failures, first: dated(f.firstAt), last: dated(f.lastAt) })}</dd>
          <dt>{t("state")}</dt>
          <dd>{f.rejectedAt ? t("rejectedAt", { time: dated(f.rejectedAt) }) : t("stillRetrying")}</dd>
          <dt>{t("error")}</dt>
          <dd>
            {/* the first line says what failed; the stack is there for whoever fixes it */}
            <details>
              <summary className="mono small" style={{ overflowWrap: "anywhere" }}>
                {f.error.split("\n")[0]}
              </summary>
              <pre className="small" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 }}>
                {f.error}
              </pre>
            </details>
          </dd>
        </dl>
      )}
    </section>
  );
}
