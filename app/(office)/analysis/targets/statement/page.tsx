import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES, type TTargetStatus } from "@/domain/analysis/targets";
import { operatorToday } from "@/domain/time/operator";
import { getDb } from "@/db";
import { monthlyStatement } from "@/server/analysis/statement";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { YearPicker, yearsAround } from "../../_parts/pickers";
import { figure, when } from "../_parts/format";

const TONE: Record<TTargetStatus, string> = { met: "ok", watch: "warn", missed: "bad", no_data: "muted" };

/** The monthly statement of quality targets (质量目标月度统计): target against actual, the status in colour and word. */
export default async function StatementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const today = operatorToday(now());
  const thisYear = Number(today.slice(0, 4));
  const params = await searchParams;
  const y = Number(params.year);
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear;
  const m = Number(params.month);
  const month = Number.isInteger(m) && m >= 1 && m <= 12 ? m : year === thisYear ? Number(today.slice(5, 7)) : 12;
  const monthKey = `${year}-${String(month).padStart(2, "0")}`;
  const [t, tr, locale] = await Promise.all([getTranslations("analysisOffice.statement"), getTranslations(), getLocale()]);
  const rows = await monthlyStatement(await getDb(), year, month);
  return (
    <div className="stack" data-testid="statement-page">
      <Link href={`/analysis/targets?year=${year}`} className="back-link">
        ‹ {t("back")}
      </Link>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle", { month: monthKey })}</p>
      <div className="row" style={{ gap: 12, flexWrap: "wrap" }}>
        <YearPicker value={year} years={yearsAround(thisYear)} keep={{ month }} />
        <YearPicker value={month} years={Array.from({ length: 12 }, (_, i) => i + 1)} keep={{ year }} param="month" testId="month" label={t("month")} pad />
      </div>
      <p className="help">{t("legend")}</p>
      {rows.length === 0 ? (
        <p className="empty" data-testid="statement-empty">
          {t("empty", { year })}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="register" data-testid="statement" data-month={monthKey}>
            <thead>
              <tr>
                <th>{t("indicator")}</th>
                <th>{t("status")}</th>
                <th style={{ textAlign: "right" }}>{t("actual")}</th>
                <th style={{ textAlign: "right" }}>{t("target")}</th>
                <th>{t("source")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.department}-${r.indicator}`}
                  data-testid={`statement-${r.department}-${r.indicator}`}
                  data-status={r.status}
                  data-actual={r.actual ?? ""}
                >
                  <td className="wrap">
                    <div className="muted small">{tr(`departments.${r.department}`)}</div>
                    <strong>{tr(`analysis.indicator.${r.indicator}`)}</strong>
                  </td>
                  <td>
                    <span className="badge" data-tone={TONE[r.status]}>
                      {tr(`analysis.targetStatus.${r.status}`)}
                    </span>
                  </td>
                  <td style={{ textAlign: "right", fontWeight: 800 }}>{figure(r.actual, r.unit, tr, locale)}</td>
                  <td style={{ textAlign: "right" }}>
                    {tr(`analysis.direction.${r.direction}`)} {figure(r.target, r.unit, tr, locale)}
                    {r.control !== null && (
                      <div className="muted small">
                        {t("control")} {figure(r.control, r.unit, tr, locale)}
                      </div>
                    )}
                  </td>
                  <td className="wrap small">
                    {r.source === "computed"
                      ? t("computed")
                      : r.enteredBy && r.enteredAt
                        ? t("entered", { name: r.enteredBy, when: when(r.enteredAt, locale) })
                        : t("notEntered")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
