import { getLocale, getTranslations } from "next-intl/server";
import type { TBlock, TFigure, TLabel, TReportKind, TUnit } from "@/domain/analysis/schemas";
import type { TTargetStatus } from "@/domain/analysis/targets";
import { ReportChart } from "./report-chart";
import { rowLabeller } from "./row-label";

type T = Awaited<ReturnType<typeof getTranslations>>;
type Fmt = (v: number | null | undefined, unit?: TUnit) => string;

export const STATUS_TONE: Record<TTargetStatus, "ok" | "warn" | "bad" | "muted"> = { met: "ok", watch: "warn", missed: "bad", no_data: "muted" };
const NUM = { textAlign: "right", padding: "8px 6px" } as const;
const UNIT_SHOWN: Partial<Record<TUnit, true>> = { pct: true, per_1000: true, score: true, days: true };

function formatter(locale: string, t: T): Fmt {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (v, unit) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return "—";
    const n = nf.format(v);
    if (!unit || !UNIT_SHOWN[unit]) return n;
    return unit === "pct" || unit === "per_1000" ? `${n}${t(`analysis.unit.${unit}`)}` : `${n} ${t(`analysis.unit.${unit}`)}`;
  };
}

/** Each block of a report in order, as a titled card (`block-<id>`): figures, Pareto and series charts, statement, tables. */
export async function ReportBlocks({ kind, blocks }: { kind: TReportKind; blocks: TBlock[] }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const fmt = formatter(locale, t);
  const rowLabel = rowLabeller(t, locale);
  if (blocks.length === 0) return <p className="empty">{t("analysisReports.reports.noBlocks")}</p>;
  return (
    <>
      {blocks.map((b, i) => (
        <section key={`${b.id}-${i}`} className="card stack" aria-labelledby={`block-${b.id}-${i}`} data-testid={`block-${b.id}`} data-type={b.type}>
          <h2 id={`block-${b.id}-${i}`} style={{ margin: 0, fontSize: "1.15rem" }}>
            {t(`analysisReports.block.${b.id}`)}
          </h2>
          {b.type === "figures" && <Figures figures={b.figures} kind={kind} t={t} fmt={fmt} />}
          {b.type === "pareto" && (
            <>
              <ReportChart block={b} locale={locale} />
              <Pareto block={b} t={t} fmt={fmt} label={(l, k) => rowLabel(b, l, k)} />
            </>
          )}
          {b.type === "series" && (
            <>
              <ReportChart block={b} locale={locale} />
              <Series block={b} t={t} fmt={fmt} />
            </>
          )}
          {b.type === "statement" && <Statement block={b} t={t} fmt={fmt} />}
          {b.type === "table" && <Table block={b} t={t} fmt={fmt} label={(l, k) => rowLabel(b, l, k)} />}
        </section>
      ))}
    </>
  );
}

function StatusBadge({ status, t }: { status: TTargetStatus; t: T }) {
  return (
    <span className="badge" data-tone={STATUS_TONE[status]} data-testid="status" data-status={status}>
      {t(`analysis.targetStatus.${status}`)}
    </span>
  );
}

function Figures({ figures, kind, t, fmt }: { figures: TFigure[]; kind: TReportKind; t: T; fmt: Fmt }) {
  const before = t(kind === "weekly" ? "analysisReports.col.previousWeek" : "analysisReports.col.previousYear");
  return (
    <div className="table-wrap">
      <table className="register report-table">
        <thead>
          <tr>
            <th>{t("analysisReports.col.figure")}</th>
            <th style={NUM}>{t("analysisReports.col.value")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => {
            const hasTarget = f.target !== undefined && f.target !== null;
            const sub = [
              hasTarget ? `${t("analysisReports.col.target")} ${fmt(f.target, f.unit)}` : null,
              f.previous !== undefined ? `${before} ${fmt(f.previous, f.unit)}` : null,
            ].filter(Boolean);
            return (
              <tr key={f.key} data-testid={`figure-${f.key}`} data-value={f.value ?? ""} data-status={f.status ?? ""}>
                <td style={{ whiteSpace: "normal" }}>
                  <div style={{ fontWeight: 600 }}>{t(`analysisReports.figure.${f.key}`)}</div>
                  {sub.length > 0 && <div className="muted small">{sub.join(" · ")}</div>}
                </td>
                <td style={{ ...NUM, verticalAlign: "top" }}>
                  <strong style={{ fontSize: "1.1rem" }}>{fmt(f.value, f.unit)}</strong>
                  {hasTarget && f.status && (
                    <div style={{ marginTop: 4 }}>
                      <StatusBadge status={f.status} t={t} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Pareto({ block, t, fmt, label }: { block: Extract<TBlock, { type: "pareto" }>; t: T; fmt: Fmt; label: (l: TLabel, key: string) => string }) {
  if (block.rows.length === 0) return <p className="empty">{t("analysisReports.reports.noRows")}</p>;
  return (
    <div className="table-wrap">
      <table className="register report-table">
        <thead>
          <tr>
            <th>{t("analysisReports.col.item")}</th>
            <th style={NUM}>{t("analysisReports.col.count")}</th>
            <th style={NUM}>{t("analysisReports.col.share")}</th>
            <th style={NUM}>{t("analysisReports.col.cumulative")}</th>
          </tr>
        </thead>
        <tbody>
          {block.rows.map((r) => (
            <tr key={r.key} data-testid="pareto-row" data-key={r.key} data-count={r.count} data-cum={r.cumulativePct} data-vital={r.vital}>
              <td style={{ whiteSpace: "normal", minWidth: 104 }}>
                <strong>{label(r.label, r.key)}</strong>
                {r.vital && (
                  <span className="badge" data-tone="bad" style={{ display: "table", marginTop: 4 }}>
                    {t("analysisReports.chart.vital")}
                  </span>
                )}
              </td>
              <td style={NUM}>{fmt(r.count)}</td>
              <td style={NUM}>{fmt(r.sharePct, "pct")}</td>
              <td style={NUM}>{fmt(r.cumulativePct, "pct")}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>Σ</strong>
            </td>
            <td style={NUM}>
              <strong>{fmt(block.total)}</strong>
            </td>
            <td />
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Series({ block, t, fmt }: { block: Extract<TBlock, { type: "series" }>; t: T; fmt: Fmt }) {
  return (
    <div className="table-wrap">
      <table className="register report-table">
        <thead>
          <tr>
            <th>{t("analysisReports.col.point")}</th>
            <th style={NUM}>{t("analysisReports.col.value")}</th>
          </tr>
        </thead>
        <tbody>
          {block.points.map((p) => (
            <tr key={p.key} data-testid="series-point" data-key={p.key} data-value={p.value ?? ""}>
              <td className="mono">{p.key}</td>
              <td style={NUM}>{fmt(p.value, block.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Statement({ block, t, fmt }: { block: Extract<TBlock, { type: "statement" }>; t: T; fmt: Fmt }) {
  if (block.rows.length === 0) return <p className="empty">{t("analysisReports.reports.noRows")}</p>;
  return (
    <div className="table-wrap">
      <table className="register report-table" data-testid="statement">
        <thead>
          <tr>
            <th>{t("analysisReports.col.indicator")}</th>
            <th style={NUM}>{t("analysisReports.col.actual")}</th>
          </tr>
        </thead>
        <tbody>
          {block.rows.map((r) => (
            <tr key={`${r.department}-${r.indicator}`} data-testid={`statement-${r.department}-${r.indicator}`} data-status={r.status}>
              <td style={{ whiteSpace: "normal" }}>
                <div style={{ fontWeight: 600 }}>{t(`analysis.indicator.${r.indicator}`)}</div>
                <div className="small">{t(`departments.${r.department}`)}</div>
                <div className="muted small">
                  {t("analysisReports.col.target")} {t(`analysis.direction.${r.direction}`)} {fmt(r.target, r.unit)}
                  {r.control !== null && ` · ${t("analysisReports.col.control")} ${fmt(r.control, r.unit)}`}
                  {" · "}
                  {r.source === "computed"
                    ? t("analysisReports.source.computed")
                    : r.enteredBy
                      ? t("analysisReports.source.entered", { name: r.enteredBy })
                      : t("analysisReports.source.enteredAnon")}
                </div>
              </td>
              <td style={{ ...NUM, verticalAlign: "top" }}>
                <strong style={{ fontSize: "1.1rem" }}>{fmt(r.actual, r.unit)}</strong>
                <div style={{ marginTop: 4 }}>
                  <StatusBadge status={r.status} t={t} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Table({ block, t, fmt, label }: { block: Extract<TBlock, { type: "table" }>; t: T; fmt: Fmt; label: (l: TLabel, key: string) => string }) {
  if (block.rows.length === 0) return <p className="empty">{t("analysisReports.reports.noRows")}</p>;
  return (
    <div className="table-wrap">
      <table className="register report-table">
        <thead>
          <tr>
            <th />
            {block.columns.map((c) => (
              <th key={c} style={NUM}>
                {t(`analysisReports.column.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((r) => (
            <tr key={r.key} data-testid={`row-${r.key}`}>
              <td className="wrap">
                <strong>{label(r.label, r.key)}</strong>
              </td>
              {r.cells.map((c, i) => (
                <td key={i} style={NUM}>
                  {typeof c === "number" ? fmt(c, block.columns[i]?.endsWith("_pct") ? "pct" : undefined) : (c ?? "—")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
