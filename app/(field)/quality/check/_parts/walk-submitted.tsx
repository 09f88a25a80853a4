"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { useSync } from "@/client/sync/provider";
import { queuedCheckOf, type SubmittedWalk } from "@/client/quality/walk-store";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";
import type { WalkFacts } from "./walk-view";

/** A submitted walk: kept on the phone or sent (each finding then a nonconformity for its department). */
export function WalkSubmitted({ submitted, facts, onAgain }: { submitted: SubmittedWalk; facts: WalkFacts; onAgain: (() => void) | null }) {
  const t = useTranslations("qualityPhone");
  const zoneName = useZoneName();
  const { store, deviceId, version } = useSync();
  const [queued, setQueued] = useState<boolean | null>(null);
  useEffect(() => {
    if (!store || !deviceId) return;
    void queuedCheckOf(store, deviceId, submitted.id).then((r) => setQueued(r !== null));
  }, [store, deviceId, submitted.id, version]);
  return (
    <div className="stack" data-testid="walk-submitted" data-check-id={submitted.id} data-sent={queued === false}>
      <h1>{t("submitted.title")}</h1>
      <p className="muted">
        {submitted.code ? <span className="mono">{submitted.code} · </span> : null}
        {facts.zone ? t("walk.where", { zone: zoneName(facts.zone.code), code: facts.zone.code }) : null}
      </p>
      <div className="alert" data-tone="ok" role="status">
        <strong>{t("submitted.body", { marks: submitted.marks, findings: submitted.findings })}</strong>
        <p data-testid="walk-submitted-state">{queued === false ? t("submitted.sent") : t("submitted.queued")}</p>
      </div>
      {onAgain && (
        <button type="button" className="btn block big-action" onClick={onAgain} data-testid="walk-again">
          {t("submitted.again")}
        </button>
      )}
      <HashLink path="/quality/check" hash="" className="btn secondary block" data-testid="walk-all">
        {t("allChecks")}
      </HashLink>
    </div>
  );
}
