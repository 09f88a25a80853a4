import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { tallyMarks } from "@/domain/analysis/pareto";
import { CHECK_SHEET_SUBJECTS, type TCheckSheetSubject } from "@/domain/analysis/schemas";
import { ANALYSIS_READER_ROLES } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { getDb } from "@/db";
import { checkSheetBlock, TOTAL } from "@/server/analysis/pareto";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { dayFormatter, labeller } from "../_parts/labels";
import { RangePicker } from "../_parts/pickers";
import { quickRanges, readRange } from "../_parts/ranges";

/** Where each subject's rows and columns are named (rows may also come named by the data). */
const NAMES: Record<TCheckSheetSubject, { rows: string; cols: string }> = {
  complaints_category_weekday: { rows: "analysisReports.complaintCategory", cols: "analysisOffice.checkSheet.weekday" },
  nc_finding_department: { rows: "qualityOffice.nc.finding", cols: "departments" },
  checks_reason_kind: { rows: "analysisReports.checkReason", cols: "workOrderKind" },
};

/** Check sheets (调查表): records tallied by two properties over a range of operator days, 正 marks and numbers, totals. */
export default async function CheckSheetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const today = operatorToday(now());
  const { subject, from, to } = readRange(await searchParams, CHECK_SHEET_SUBJECTS, today);
  const [t, ta, tp, day] = await Promise.all([
    getTranslations("analysisOffice.checkSheet"),
    getTranslations("analysis.checkSheetSubject"),
    getTranslations("analysisOffice.picker"),
    dayFormatter(),
  ]);
  const block = await checkSheetBlock(await getDb(), subject, from, to);
  const rowName = await labeller(NAMES[subject].rows, t("notClassified"));
  const colName = await labeller(NAMES[subject].cols, t("notClassified"));
  const total = block.rows.find((r) => r.key === TOTAL)?.cells.at(-1) ?? 0;
  return (
    <div className="stack" data-testid="check-sheets-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <RangePicker
        subject={subject}
        subjects={CHECK_SHEET_SUBJECTS.map((s) => ({ key: s, name: ta(s) }))}
        from={from}
        to={to}
        testId="check-sheet-subject"
        subjectLabel={t("subject")}
        quick={quickRanges(today).map((q) => ({ ...q, name: tp(q.key) }))}
      />
      {total === 0 && (
        <p className="empty" data-testid="check-sheet-empty">
          {t("empty", { from: day(from), to: day(to) })}
        </p>
      )}
      <div className="table-wrap">
        <table className="register" data-testid="check-sheet" data-subject={subject} data-total={total}>
          <caption className="sr-only">{ta(subject)}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {block.columns.map((c) => (
                <th key={c} scope="col" style={{ textAlign: "center" }}>
                  {c === TOTAL ? t("total") : colName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((r) => {
              const isTotal = r.key === TOTAL;
              return (
                <tr key={r.key} data-testid={`check-row-${r.key || "none"}`} style={isTotal ? { background: "var(--muted-bg)", fontWeight: 800 } : undefined}>
                  <th scope="row" className="wrap" style={{ minWidth: 120 }}>
                    {isTotal ? t("total") : rowName(r.key, r.label)}
                  </th>
                  {r.cells.map((c, i) => (
                    <Cell key={block.columns[i]} value={c} total={isTotal || block.columns[i] === TOTAL} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A tally: the 正 marks above the number (totals show the number only); an empty cell stays empty. */
function Cell({ value, total }: { value: number | string | null; total: boolean }) {
  const n = typeof value === "number" ? value : Number(value ?? 0);
  return (
    <td data-count={n} style={{ textAlign: "center", minWidth: 56, fontWeight: total ? 800 : undefined }}>
      {!total && n > 0 && (
        <div aria-hidden="true" style={{ fontSize: "1.05rem", letterSpacing: 1, whiteSpace: "normal", wordBreak: "break-all", maxWidth: 120 }}>
          {tallyMarks(n)}
        </div>
      )}
      {(n > 0 || total) && <div>{n}</div>}
    </td>
  );
}
