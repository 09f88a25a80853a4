"use client";
import { useTranslations } from "next-intl";
import { inspectionStanding, type TLinkedCase, type TMaintenanceSummary } from "@/domain/work-orders/property-link";

const TONE = { passed: "ok", open: "warn", closed: "bad" } as const;

/**
 * The PBX application or customer-built works a work order connects (ADR 0039 §6), read-only, as the lineman's phone
 * and the office desk show it: the code, its inspection's standing (passed: it may be connected), and what the
 * customer applied for (capacity, 制式, connection, power, ancillary equipment, trunk lines) or the works project.
 */
export function LinkedCaseFacts({ linked, headingLevel = 2, children }: { linked: TLinkedCase; headingLevel?: 2 | 3; children?: React.ReactNode }) {
  const t = useTranslations("workOrders.property");
  const standing = inspectionStanding(linked.status);
  const H = headingLevel === 2 ? "h2" : "h3";
  const rows: [string, string, boolean?][] =
    linked.kind === "pbx"
      ? [
          [t("field.certificate"), [linked.details.certificateNo, linked.details.model].filter(Boolean).join(" · "), true],
          [t("field.capacity"), linked.details.capacity],
          [t("field.standard"), linked.details.standard],
          [t("field.connection"), linked.details.connection],
          [t("field.power"), linked.details.power],
          [t("field.ancillary"), linked.details.ancillary, true],
          [t("field.trunkLines"), String(linked.details.trunkLines)],
        ]
      : [
          [t("field.project"), linked.details.projectName, true],
          [t("field.constructor"), linked.details.constructorName, true],
          [t("field.agreement"), linked.details.agreementKind ? t(`agreementKind.${linked.details.agreementKind}`) : ""],
          [t("field.period"), linked.details.startsOn && linked.details.endsOn ? `${linked.details.startsOn} – ${linked.details.endsOn}` : ""],
          [t("field.scope"), linked.details.scope, true],
        ];
  return (
    <section
      className="card stack"
      aria-labelledby={`case-${linked.id}`}
      data-testid="linked-case"
      data-kind={linked.kind}
      data-status={linked.status}
      data-standing={standing}
    >
      <div className="title-row">
        <H id={`case-${linked.id}`}>{t(linked.kind === "pbx" ? "pbxTitle" : "worksTitle", { code: linked.code })}</H>
        <span className="badge" data-tone={TONE[standing]} data-testid="linked-case-status">
          {t(`status.${linked.status}`)}
        </span>
      </div>
      <p className="alert" data-tone={TONE[standing]} data-testid="linked-case-standing">
        {t(`standing.${linked.kind}.${standing}`)}
      </p>
      <dl style={GRID}>
        {rows.map(([label, value, wide]) => (
          <Row key={label} label={label} value={value || t("field.none")} wide={wide} />
        ))}
      </dl>
      <p className="help">{t(linked.kind === "pbx" ? "pbxForm" : "worksForm")}</p>
      {children}
    </section>
  );
}

/** Two columns of label-over-value on a phone; long values take the whole row. */
const GRID = { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "10px 12px", margin: 0 } as const;

function Row({ label, value, wide = false }: { label: string; value: string; wide?: boolean }) {
  return (
    <div style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <dt className="muted small">{label}</dt>
      <dd style={{ margin: 0, fontWeight: 700, overflowWrap: "anywhere" }}>{value}</dd>
    </div>
  );
}

/** The customer's equipment maintenance agreement (设备代维协议) in force, on a terminal-maintenance order (ADR 0039 §9). */
export function MaintenanceFacts({
  agreement,
  headingLevel = 2,
  children,
}: {
  agreement: TMaintenanceSummary | null;
  headingLevel?: 2 | 3;
  children?: React.ReactNode;
}) {
  const t = useTranslations("workOrders.property.maintenance");
  const H = headingLevel === 2 ? "h2" : "h3";
  if (!agreement)
    return (
      <p className="muted small" data-testid="maintenance-none">
        {t("none")}
      </p>
    );
  return (
    <section className="card stack" aria-labelledby={`ma-${agreement.id}`} data-testid="maintenance-agreement" data-code={agreement.code}>
      <H id={`ma-${agreement.id}`}>{t("title", { code: agreement.code })}</H>
      <dl style={GRID}>
        <Row label={t("period")} value={t("periodValue", { from: agreement.startsOn, to: agreement.endsOn })} wide />
        <Row label={t("equipment")} value={agreement.equipment.join("、")} wide />
        <Row label={t("terms")} value={agreement.terms} wide />
      </dl>
      <p className="help">{t("form")}</p>
      {children}
    </section>
  );
}
