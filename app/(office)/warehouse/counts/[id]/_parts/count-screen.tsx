"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useDateTime } from "@/app/_ui/use-when";
import { errorCode, useTRPC } from "@/client/trpc";
import { ExportLinks } from "../../../_parts/exports";
import type { TDifferenceRow } from "../../../_parts/types";
import { ConfirmDifference } from "./confirm-difference";

/**
 * A count's figures and its differences: open ones first with their resolutions to confirm, then the confirmed (who,
 * when, why); the differences as CSV and PDF.
 */
export function CountScreen({ id }: { id: string }) {
  const t = useTranslations("warehouseOffice.count");
  const trpc = useTRPC();
  const when = useDateTime();
  const get = useQuery(trpc.warehouse.count.queryOptions({ id }));
  if (get.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (get.isError) return errorCode(get.error) === "not_found" ? <p className="empty">{t("notFound")}</p> : <ErrorText error={get.error} />;
  const { count: c, differences } = get.data;
  const open = differences.filter((d) => d.resolution === null);
  const done = differences.filter((d) => d.resolution !== null);
  return (
    <div className="stack" data-testid="count-detail" data-open={open.length}>
      <header>
        <h1>
          {t("title")} <span className="mono">{c.zoneCode}</span>
        </h1>
        <p className="muted small" style={{ margin: 0 }}>
          {when(c.submittedAt ?? c.startedAt)} · {c.countedByName}
        </p>
      </header>
      <section className="card">
        <p style={{ margin: 0 }} data-testid="count-figures">
          {t("figures", { expected: c.expected, found: c.found, differences: differences.length, open: open.length })}
        </p>
      </section>
      <ExportLinks register="differences" params={{ count: c.id }} />
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("open", { n: open.length })}</h2>
        {open.length === 0 ? (
          <p className="empty" data-testid="count-settled">
            {t("allSettled")}
          </p>
        ) : (
          <ul className="list" data-testid="open-differences">
            {open.map((d) => (
              <li key={d.id} data-testid={`difference-${d.tag}`} data-kind={d.kind} style={{ borderLeft: "8px solid var(--warn)" }}>
                <DifferenceHead d={d} />
                <ConfirmDifference d={d} countId={id} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {done.length > 0 && (
        <section aria-labelledby="done-title">
          <h2 id="done-title">{t("confirmed", { n: done.length })}</h2>
          <ul className="list" data-testid="confirmed-differences">
            {done.map((d) => (
              <li key={d.id} data-testid={`confirmed-${d.tag}`} data-resolution={d.resolution} style={{ borderLeft: "8px solid var(--ok)" }}>
                <DifferenceHead d={d} />
                <Resolved d={d} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function DifferenceHead({ d }: { d: TDifferenceRow }) {
  const t = useTranslations("warehouseOffice.count");
  const tr = useTranslations();
  return (
    <>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        {d.itemId ? (
          <a className="mono tap-link" href={`/warehouse/items/${d.tag}`} style={{ fontWeight: 800 }}>
            {d.tag}
          </a>
        ) : (
          <strong className="mono">{d.tag}</strong>
        )}
        <span className="badge" data-tone={d.kind === "missing" ? "bad" : "warn"}>
          {tr(`warehouse.difference.${d.kind}`)}
        </span>
      </div>
      <div className="row small">
        {d.statusAtCount && <StatusBadge kind="item" status={d.statusAtCount} />}
        {d.recordedZone && <span className="muted">{t("recordedZone", { zone: d.recordedZone })}</span>}
      </div>
    </>
  );
}

function Resolved({ d }: { d: TDifferenceRow }) {
  const t = useTranslations("warehouseOffice.count");
  const tr = useTranslations();
  const when = useDateTime();
  return (
    <div className="small" style={{ marginTop: 6 }}>
      <strong>{d.resolution ? tr(`warehouse.resolution.${d.resolution}`) : ""}</strong>
      {d.reason && <p className="event-note">“{d.reason}”</p>}
      <p className="muted" style={{ margin: 0 }}>
        {t("resolvedBy", { name: d.resolvedByName ?? "", when: when(d.resolvedAt) })}
      </p>
    </div>
  );
}
