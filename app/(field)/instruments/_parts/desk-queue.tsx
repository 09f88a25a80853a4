"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { HashLink } from "@/app/_ui/hash-link";
import { Icon } from "@/app/_ui/icons";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { deskQueue, type DeskQueue } from "@/client/instruments/read-model";
import { useMe } from "./use-instrument-queue";

/**
 * The custodian's desk at Technology Development (ADR 0040), from the phone with no signal too: requests to hand out,
 * instruments brought back to check, hand-overs to confirm, long-term requests still with a head, missing accessories.
 */
export function DeskQueueLists() {
  const t = useTranslations("instrumentsUi");
  const me = useMe();
  const q = useReadCache(`desk-queue:${me.id}`, (store, deviceId) => deskQueue(store, deviceId, me));
  if (q.loading || !q.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  const d: DeskQueue = q.data;
  const when = (iso: string) => iso.slice(0, 10);
  return (
    <div data-testid="desk-queue">
      <Section title={t("deskQueue.toIssue")} empty={t("deskQueue.noneToIssue")} testId="desk-to-issue" count={d.toIssue.length}>
        {d.toIssue.map(({ view, request }) => (
          <Row
            key={request.loanId}
            tag={view.row.assetTag}
            name={view.row.name}
            pending={request.pending || view.pending > 0}
            note={t("deskQueue.asked", { name: request.borrowerName ?? request.borrowerUsername ?? "—", date: when(request.requestedAt) })}
            badge={request.status === "approved" ? t("deskQueue.approvedLong") : null}
          />
        ))}
      </Section>
      <Section title={t("deskQueue.toConfirmReturn")} empty={t("deskQueue.noneReturns")} testId="desk-returns" count={d.toConfirmReturn.length}>
        {d.toConfirmReturn.map((v) => (
          <Row
            key={v.row.id}
            tag={v.row.assetTag}
            name={v.row.name}
            pending={v.pending > 0}
            note={t("deskQueue.broughtBack", { name: v.row.holderName ?? "—" })}
          />
        ))}
      </Section>
      <Section title={t("deskQueue.toConfirmHandover")} empty={t("deskQueue.noneHandovers")} testId="desk-handovers" count={d.toConfirmHandOver.length}>
        {d.toConfirmHandOver.map((v) => (
          <Row
            key={v.row.id}
            tag={v.row.assetTag}
            name={v.row.name}
            pending={v.pending > 0}
            note={t("handoverOpen", { from: v.handover?.fromName ?? "—", to: v.handover?.toName ?? "—" })}
          />
        ))}
      </Section>
      {d.withHead.length > 0 && (
        <Section title={t("deskQueue.withHead")} empty="" testId="desk-with-head" count={d.withHead.length}>
          {d.withHead.map(({ view, request }) => (
            <Row key={request.loanId} tag={view.row.assetTag} name={view.row.name} pending={false} note={request.borrowerName ?? "—"} />
          ))}
        </Section>
      )}
      {d.missing.length > 0 && (
        <Section title={t("deskQueue.missing")} empty="" testId="desk-missing" count={d.missing.length}>
          {d.missing.map((r) => (
            <Row key={r.id} tag={r.assetTag} name={r.name} pending={false} note={(r.missingAccessories ?? []).join(t("listSeparator"))} />
          ))}
        </Section>
      )}
    </div>
  );
}

function Section({ title, empty, testId, count, children }: { title: string; empty: string; testId: string; count: number; children: ReactNode }) {
  return (
    <section>
      <h2>
        {title}{" "}
        {count > 0 && (
          <span className="badge" data-tone="info">
            {count}
          </span>
        )}
      </h2>
      {count === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="list" data-testid={testId}>
          {children}
        </ul>
      )}
    </section>
  );
}

function Row({ tag, name, note, pending, badge = null }: { tag: string; name: string; note: string; pending: boolean; badge?: string | null }) {
  const t = useTranslations("instrumentsUi");
  return (
    <li className="link-card" data-tag={tag} data-pending={pending}>
      <HashLink path="/instruments" hash={tag} data-testid={`desk-open-${tag}`}>
        <div className="title-row">
          <strong>{name}</strong>
          <span className="mono small">{tag}</span>
        </div>
        <div className="row" style={{ marginTop: 6 }}>
          <span className="small">{note}</span>
          {badge && (
            <span className="badge" data-tone="info">
              {badge}
            </span>
          )}
          {pending && (
            <span className="pending-mark small">
              <Icon name="upload" size={18} />
              {t("notSynced")}
            </span>
          )}
        </div>
      </HashLink>
    </li>
  );
}
