import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { TReportKind } from "@/domain/analysis/schemas";
import { formatOperatorDateTime } from "@/domain/time/operator";

export interface TReportListRow {
  id: string;
  kind: TReportKind;
  periodKey: string;
  revision: number;
  generatedAt: string;
  generatedByName: string | null;
  generatedBy: string | null;
  computeMs: number;
}

/** The reports made, newest first: kind, period, revision, by whom (or the schedule), when, how long; PDF / XLSX / CSV. */
export async function ReportList({ rows }: { rows: TReportListRow[] }) {
  const t = await getTranslations("analysisReports.reports");
  const tr = await getTranslations();
  const locale = await getLocale();
  if (rows.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <ul className="list" data-testid="report-list">
      {rows.map((r) => {
        const kind = tr(`analysis.reportKind.${r.kind}`);
        return (
          <li key={r.id} className="card stack" data-testid={`report-${r.kind}-${r.periodKey}`} data-revision={r.revision} data-id={r.id}>
            <Link
              href={`/analysis/reports/${r.id}`}
              className="tap-link"
              style={{ display: "block", color: "inherit", textDecoration: "none" }}
              data-testid="report-open"
            >
              <div className="title-row" style={{ flexWrap: "wrap", gap: 8 }}>
                <strong style={{ fontSize: "1.1rem" }}>{kind}</strong>
                <span className="mono" style={{ fontWeight: 700 }}>
                  {r.periodKey}
                </span>
                <span className="badge" data-tone={r.revision > 1 ? "info" : "muted"}>
                  {t("revision", { n: r.revision })}
                </span>
              </div>
              <div className="muted small">
                {r.generatedBy ? (r.generatedByName ?? "—") : t("scheduled")} · {formatOperatorDateTime(r.generatedAt, locale)} ·{" "}
                {t("computeMs", { ms: r.computeMs })}
              </div>
            </Link>
            <nav className="row" aria-label={t("downloads", { kind, period: r.periodKey })} style={{ gap: 8 }}>
              {(["pdf", "xlsx", "csv"] as const).map((f) => (
                <a
                  key={f}
                  className="btn secondary"
                  style={{ flex: 1, minHeight: 48 }}
                  href={`/api/analysis/reports/${r.id}/${f}`}
                  target={f === "pdf" ? "_blank" : undefined}
                  rel="noreferrer"
                  download={f === "pdf" ? undefined : true}
                  data-testid={`report-${f}`}
                >
                  {t(f)}
                </a>
              ))}
            </nav>
          </li>
        );
      })}
    </ul>
  );
}
