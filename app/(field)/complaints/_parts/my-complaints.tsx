"use client";
import Link from "next/link";
import { useNow, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Icon } from "@/app/_ui/icons";
import { useHash } from "@/app/_ui/use-hash";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useWhen } from "@/app/_ui/use-when";
import { deadlineOf, myComplaints, type ComplaintView } from "@/client/complaints/read-model";
import { splitMinutes, type TComplaintDeadlineState } from "@/domain/complaints/deadlines";
import type { TComplaintStatus } from "@/domain/complaints/model";
import { readSavedHash } from "./saved";

const STATUS_TONE: Record<TComplaintStatus, "info" | "warn" | "ok" | "muted"> = {
  recorded: "info",
  classified: "info",
  accepted: "info",
  investigating: "warn",
  resolved: "warn",
  replied: "ok",
  closed: "ok",
};

/** Time left or late, in the operator's words ("2 d 3 h", "3 h 5 min"); overdue is red, as everywhere. */
function DeadlineText({ state }: { state: TComplaintDeadlineState }) {
  const t = useTranslations("complaints");
  if (state.state === "done")
    return (
      <span className="badge" data-tone={state.onTime ? "ok" : "bad"} data-testid="complaint-deadline" data-state={state.onTime ? "on_time" : "late"}>
        {t(state.onTime ? "deadline.onTime" : "deadline.late_done")}
      </span>
    );
  const s = splitMinutes(state.minutes);
  const time =
    s.days > 0
      ? t("duration.days", { d: s.days, h: s.hours })
      : s.hours > 0
        ? t("duration.hours", { h: s.hours, m: s.minutes })
        : t("duration.minutes", { m: s.minutes });
  const tone = state.state === "passed" ? "bad" : state.state === "soon" ? "warn" : "muted";
  return (
    <span className="badge" data-tone={tone} data-testid="complaint-deadline" data-state={state.state}>
      {t(state.state === "passed" ? "deadline.late" : "deadline.left", { time })}
    </span>
  );
}

function Row({ c, now, highlight }: { c: ComplaintView; now: Date; highlight: boolean }) {
  const t = useTranslations("complaintsPhone.list");
  const tc = useTranslations("complaints");
  const when = useWhen();
  const deadline = deadlineOf(c, now);
  return (
    <li
      className="complaint-row"
      data-testid="complaint-row"
      data-id={c.id}
      data-code={c.code ?? ""}
      data-queued={c.queued}
      data-refused={c.refused !== null || undefined}
      data-status={c.status}
      data-saved={highlight || undefined}
      style={highlight ? { outline: "3px solid var(--brand)", outlineOffset: 2 } : undefined}
    >
      <div className="title-row">
        {c.code ? (
          <strong className="mono" data-testid="complaint-code">
            {c.code}
          </strong>
        ) : (
          <span className="muted" data-testid="complaint-code">
            {tc("numberOnSync")}
          </span>
        )}
        <span className="badge" data-tone={STATUS_TONE[c.status]} data-testid="complaint-status">
          {tc(`status.${c.status}`)}
        </span>
      </div>
      <div className="complaint-customer" style={{ fontWeight: 800, fontSize: "1.1rem", marginTop: 4 }}>
        {c.customerName}
      </div>
      <div className="muted small">
        {tc(`kind.${c.kind}`)} · {tc(`channel.${c.channel}`)} · {t("received", { when: when(c.receivedAt) })}
      </div>
      <div className="row" style={{ flexWrap: "wrap", gap: 6, marginTop: 6 }}>
        {c.queued && (
          <span className="pending-mark small" data-testid="complaint-queued">
            <Icon name="upload" size={16} />
            {t("queued")}
          </span>
        )}
        {c.refused !== null ? (
          <Link href="/attention" prefetch={false} className="badge" data-tone="bad" data-testid="complaint-refused" data-code={c.refused}>
            {t("refused")}
          </Link>
        ) : deadline ? (
          <DeadlineText state={deadline} />
        ) : (
          c.status !== "closed" && (
            <span className="muted small" data-testid="complaint-deadline" data-state="on_sync">
              {t("deadlineOnSync")}
            </span>
          )
        )}
      </div>
      {c.result && (
        <p className="small" data-testid="complaint-result" style={{ margin: "6px 0 0" }}>
          {t("result", { result: c.result })}
        </p>
      )}
    </li>
  );
}

/** The user's recorded complaints, newest first, from the phone's storage (offline too); queued ones first shown unnumbered. */
export function MyComplaints() {
  const t = useTranslations("complaintsPhone");
  const now = useNow({ updateInterval: 60_000 });
  const list = useReadCache("my-complaints", (s, d) => myComplaints(s, d));
  const saved = readSavedHash(useHash());
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- once per saved record
  const savedRow = saved ? list.data?.find((c) => c.id === saved.id) : undefined;
  return (
    <div className="stack">
      {saved && savedRow && (
        <div ref={banner} tabIndex={-1} className="alert" data-tone="ok" role="status" data-testid="complaint-saved" data-queued={savedRow.queued}>
          <strong>
            {savedRow.queued
              ? t("saved.title")
              : savedRow.code
                ? t.rich("saved.sent", { code: savedRow.code, n: (chunks) => <span className="nowrap">{chunks}</span> })
                : t("saved.refused")}
          </strong>
          {(savedRow.status === "closed" || savedRow.queued) && (
            <>
              <br />
              {savedRow.status === "closed" ? t("saved.closed") : t("saved.open")}
            </>
          )}
          {saved.again && (
            <>
              <br />
              {t("saved.again")}
            </>
          )}
        </div>
      )}
      {list.loading || !list.data ? (
        <p className="muted" aria-busy="true">
          {t("list.loading")}
        </p>
      ) : list.data.length === 0 ? (
        <p className="empty" data-testid="complaints-empty">
          {t("list.empty")}
        </p>
      ) : (
        <ul className="list" data-testid="my-complaints">
          {list.data.map((c) => (
            <Row key={c.id} c={c} now={now} highlight={saved?.id === c.id} />
          ))}
        </ul>
      )}
    </div>
  );
}
