"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { StatusBadge } from "@/app/_ui/status-badge";
import type { CachedZone } from "@/client/items/stores";
import type { CountItem, CountOutcome, CountSession } from "@/client/warehouse/count-session";
import type { TItemStatus } from "@/domain/items/labels";
import type { TCountTally } from "@/domain/warehouse/count-cue";
import { useZoneName } from "@/app/(field)/items/_parts/use-zone-name";

/** How many missing items are listed; the rest are counted. */
const MISSING_SHOWN = 40;

/** Found / expected, big, and the differences so far. */
export function Tally({ tally }: { tally: TCountTally }) {
  const t = useTranslations("warehouseCount");
  return (
    <section
      className="card"
      style={{ padding: "10px 14px" }}
      aria-label={t("tallyLabel")}
      data-testid="count-tally"
      data-found={tally.found}
      data-expected={tally.expected}
    >
      <p style={{ fontSize: "1.6rem", fontWeight: 800, margin: 0, lineHeight: 1.2 }} data-testid="count-found">
        {t("foundOf", { found: tally.found, expected: tally.expected })}
      </p>
      <div className="row" style={{ marginTop: 6, gap: 6 }}>
        <Chip tone={tally.missing > 0 ? "warn" : "ok"} testId="tally-missing">
          {t("tally.missing", { count: tally.missing })}
        </Chip>
        <Chip tone={tally.unexpected > 0 ? "bad" : "muted"} testId="tally-unexpected">
          {t("tally.unexpected", { count: tally.unexpected })}
        </Chip>
        <Chip tone={tally.wrongLabel > 0 ? "bad" : "muted"} testId="tally-wrong">
          {t("tally.wrongLabel", { count: tally.wrongLabel })}
        </Chip>
        <Chip tone={tally.unknown > 0 ? "bad" : "muted"} testId="tally-unknown">
          {t("tally.unknown", { count: tally.unknown })}
        </Chip>
      </div>
    </section>
  );
}

function Chip({ tone, testId, children }: { tone: string; testId: string; children: ReactNode }) {
  return (
    <span className="badge" data-tone={tone} data-testid={testId}>
      {children}
    </span>
  );
}

/** Why a label does not belong in this zone, in words. */
function useWhy(): (status: TItemStatus, zone: CachedZone) => string {
  const t = useTranslations("warehouseCount.why");
  const ts = useTranslations("status.item");
  return (status, zone) => {
    const label = ts(status);
    if (zone.kind === "stock") return t("stock", { label });
    if (zone.kind === "inspection") return t("inspection", { label });
    if (zone.kind === "quarantine" && zone.holds) return t("quarantine", { label, holds: ts(zone.holds) });
    return t("other", { label });
  };
}

/**
 * The last scan, in colour with its meaning (the beep and buzz go with it); a repeat says it was not counted again.
 * Mounted afresh for each scan (its announcement restarts), so the zone names come from the screen, already read:
 * a read of its own would show the zone's code for a moment.
 */
export function LastScan({
  outcome,
  zone,
  zoneName,
}: {
  outcome: CountOutcome | null;
  zone: CachedZone;
  zoneName: (code: string | null | undefined) => string;
}) {
  const t = useTranslations("warehouseCount.last");
  const why = useWhy();
  // the place is kept before the first scan too: the camera below does not move when the first tag is read
  if (!outcome)
    return (
      <div className="alert" data-tone="info" role="status" data-testid="count-last" data-kind="none" style={{ minHeight: 84 }}>
        <p style={{ margin: 0, fontWeight: 700 }}>{t("none")}</p>
      </div>
    );
  const tag = "item" in outcome ? outcome.item.tag : outcome.tag;
  const tone = outcome.kind === "found" ? "ok" : outcome.kind === "repeat" ? "info" : "bad";
  let text: string;
  if (outcome.kind === "found") text = t("found", { name: outcome.item.name });
  else if (outcome.kind === "unexpected") text = t("unexpected", { zone: zoneName(outcome.belongsIn) || t("noZone"), code: outcome.belongsIn ?? "—" });
  else if (outcome.kind === "wrong_label") text = why(outcome.item.status, zone);
  else if (outcome.kind === "unknown") text = t("unknown");
  else text = t("repeat");
  return (
    <div
      className="alert"
      data-tone={tone}
      role="status"
      aria-live="assertive"
      data-testid="count-last"
      data-kind={outcome.kind}
      data-tag={tag}
      style={{ minHeight: 84 }}
    >
      <strong className="mono" style={{ fontSize: "1.25rem" }}>
        {tag}
      </strong>
      <p style={{ margin: "4px 0 0", fontWeight: 700 }}>{text}</p>
    </div>
  );
}

/** The differences so far (belongs elsewhere, wrong label, unknown), then what is still missing. */
export function CountLists({ session, zone }: { session: CountSession; zone: CachedZone }) {
  const t = useTranslations("warehouseCount");
  const zoneName = useZoneName();
  const why = useWhy();
  const { unexpected, wrongLabel, unknown } = session.items;
  const tally = session.count;
  const missingTotal = tally.expectedCount - tally.found.length - tally.wrongLabel.length;
  const missing = session.missingFirst(MISSING_SHOWN);
  return (
    <>
      {unexpected.length > 0 && (
        <Section title={t("lists.unexpected")} count={unexpected.length} testId="list-unexpected">
          {[...unexpected].reverse().map(({ item, belongsIn }) => (
            <Row key={item.tag} item={item}>
              <span data-testid="belongs-in">{t("belongsIn", { zone: zoneName(belongsIn) || t("last.noZone"), code: belongsIn ?? "—" })}</span>
            </Row>
          ))}
        </Section>
      )}
      {wrongLabel.length > 0 && (
        <Section title={t("lists.wrongLabel")} count={wrongLabel.length} testId="list-wrong">
          {[...wrongLabel].reverse().map((item) => (
            <Row key={item.tag} item={item}>
              <span className="row" style={{ gap: 6 }}>
                <StatusBadge kind="item" status={item.status} />
                <span>{why(item.status, zone)}</span>
              </span>
            </Row>
          ))}
        </Section>
      )}
      {unknown.length > 0 && (
        <Section title={t("lists.unknown")} count={unknown.length} testId="list-unknown">
          {[...unknown].reverse().map((tag) => (
            <li key={tag} data-tag={tag}>
              <strong className="mono">{tag}</strong>
              <p className="muted small" style={{ margin: 0 }}>
                {t("unknownHelp")}
              </p>
            </li>
          ))}
        </Section>
      )}
      <Section title={t("lists.missing")} count={missingTotal} testId="list-missing">
        {missing.length === 0 && <li className="muted">{t("noneMissing")}</li>}
        {missing.map((item) => (
          <Row key={item.tag} item={item} />
        ))}
        {missingTotal > missing.length && <li className="muted">{t("moreMissing", { count: missingTotal - missing.length })}</li>}
      </Section>
    </>
  );
}

function Section({ title, count, testId, children }: { title: string; count: number; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId} data-count={count}>
      <div className="title-row">
        <h2>{title}</h2>
        <span className="badge" data-tone="info">
          {count}
        </span>
      </div>
      <ul className="list">{children}</ul>
    </section>
  );
}

function Row({ item, children }: { item: CountItem; children?: ReactNode }) {
  return (
    <li data-tag={item.tag}>
      <div className="title-row">
        <strong className="mono">{item.tag}</strong>
      </div>
      <p style={{ margin: "2px 0" }}>{item.name}</p>
      {children && <div className="small">{children}</div>}
    </li>
  );
}
