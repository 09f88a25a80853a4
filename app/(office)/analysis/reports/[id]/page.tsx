import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { formatOperatorDateTime, formatOperatorDay } from "@/domain/time/operator";
import { requireUser } from "@/server/auth/current-user";
import { orNull, serverCaller } from "../../fishbones/_parts/caller";
import { ReportBlocks } from "../_parts/report-blocks";

/**
 * One report on screen, as it was made (the stored snapshot): each block in order — figures with their target, the
 * period compared with and the status in colour and word; Pareto and trend charts drawn by the server (the same SVG
 * the PDF draws) with their numbers; the targets statement; tables. Then the downloads.
 */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const { id } = await params;
  const t = await getTranslations("analysisReports.reports");
  const tr = await getTranslations();
  const locale = await getLocale();
  const report = z.uuid().safeParse(id).success ? await orNull((await serverCaller()).reports.get({ id })) : null;
  const back = (
    <Link href="/analysis/reports" className="back-link" data-testid="back-to-reports">
      ← {t("backToList")}
    </Link>
  );
  if (!report)
    return (
      <div className="stack">
        {back}
        <p className="empty" data-testid="not-found">
          {t("notFound")}
        </p>
      </div>
    );
  const { data } = report;
  const kind = tr(`analysis.reportKind.${report.kind}`);
  return (
    <div className="stack" data-testid="report-detail" data-kind={report.kind} data-period={report.periodKey} data-revision={report.revision}>
      {back}
      <header className="stack">
        <h1 style={{ margin: 0 }}>{kind}</h1>
        <div className="row" style={{ flexWrap: "wrap", gap: 8 }}>
          <span className="mono" style={{ fontWeight: 700, fontSize: "1.1rem" }}>
            {report.periodKey}
          </span>
          <span className="badge" data-tone={report.revision > 1 ? "info" : "muted"}>
            {t("revision", { n: report.revision })}
          </span>
        </div>
        <p className="muted small" style={{ margin: 0 }}>
          {t("periodRange", { from: formatOperatorDay(report.periodFrom, locale), to: formatOperatorDay(report.periodTo, locale) })} ·{" "}
          {t("generatedAt", { at: formatOperatorDateTime(report.generatedAt, locale) })} ·{" "}
          {report.generatedBy ? (report.generatedByName ?? "—") : t("scheduled")}
          {data.weights && ` · ${t("weights", { year: data.weights.year, version: data.weights.version })}`}
        </p>
      </header>
      <nav className="row" aria-label={t("downloads", { kind, period: report.periodKey })} style={{ gap: 8 }}>
        {(["pdf", "xlsx", "csv"] as const).map((f) => (
          <a
            key={f}
            className="btn secondary"
            style={{ flex: 1, minHeight: 48 }}
            href={`/api/analysis/reports/${report.id}/${f}`}
            target={f === "pdf" ? "_blank" : undefined}
            rel="noreferrer"
            download={f === "pdf" ? undefined : true}
            data-testid={`report-${f}`}
          >
            {t(f)}
          </a>
        ))}
      </nav>
      <ReportBlocks kind={report.kind} blocks={data.blocks} />
    </div>
  );
}
