import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Forbidden } from "@/app/_ui/forbidden";
import { ANALYSIS_READER_ROLES, mayEnterFigure } from "@/domain/analysis/targets";
import { DEPARTMENTS } from "@/domain/auth/roles";
import { operatorToday } from "@/domain/time/operator";
import { getDb } from "@/db";
import { listFigures, listTargets } from "@/server/analysis/targets";
import { requireUser } from "@/server/auth/current-user";
import { now } from "@/server/clock";
import { YearPicker, yearsAround } from "../_parts/pickers";
import { FigureForm, TargetForm } from "./_parts/forms";
import { figure, when } from "./_parts/format";

/**
 * Quality targets (质量目标) for a year: each department's indicators with the target and control point, who set
 * them; quality's form to set one; the department's monthly figures for what the app cannot compute.
 */
export default async function TargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!ANALYSIS_READER_ROLES.includes(user.role)) return <Forbidden />;
  const today = operatorToday(now());
  const thisYear = Number(today.slice(0, 4));
  const asked = Number((await searchParams).year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const month = year === thisYear ? Number(today.slice(5, 7)) : 12;
  const [t, tr, locale] = await Promise.all([getTranslations("analysisOffice.targets"), getTranslations(), getLocale()]);
  const db = await getDb();
  const [targets, figures] = await Promise.all([listTargets(db, year), listFigures(db, year)]);
  const figureDepartments = DEPARTMENTS.filter((d) => mayEnterFigure(user, d));
  return (
    <div className="stack" data-testid="targets-page">
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("subtitle")}</p>
      <div className="row" style={{ gap: 12, flexWrap: "wrap", alignItems: "flex-end" }}>
        <YearPicker value={year} years={yearsAround(thisYear)} />
        <Link
          className="btn secondary"
          href={`/analysis/targets/statement?year=${year}&month=${month}`}
          data-testid="statement-link"
          style={{ marginBottom: 14 }}
        >
          {t("statementLink")}
        </Link>
      </div>
      {targets.length === 0 ? (
        <p className="empty" data-testid="targets-empty">
          {t("empty", { year })}
        </p>
      ) : (
        <ul className="list" data-testid="targets">
          {targets.map((r) => (
            <li key={r.id} data-testid={`target-${r.department}-${r.indicator}`} data-version={r.version}>
              <div className="muted small">{tr(`departments.${r.department}`)}</div>
              <strong>{tr(`analysis.indicator.${r.indicator}`)}</strong>
              <div style={{ fontSize: "1.1rem", margin: "4px 0" }}>
                {tr(`analysis.direction.${r.direction}`)} <strong>{figure(r.target, r.unit, tr, locale)}</strong>
                {" · "}
                {t("control")} {r.control === null ? t("noControl") : figure(r.control, r.unit, tr, locale)}
              </div>
              <div className="muted small">
                {t(r.source)} · {t("version")} {r.version} · {t("setBy")} {r.setByName}, {when(r.setAt, locale)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {user.role === "quality" && (
        <TargetForm year={year} departments={DEPARTMENTS} versions={Object.fromEntries(targets.map((r) => [`${r.department}:${r.indicator}`, r.version]))} />
      )}
      {figureDepartments.length > 0 && (
        <FigureForm
          year={year}
          month={month}
          departments={figureDepartments}
          versions={Object.fromEntries(figures.map((r) => [`${r.department}:${r.indicator}:${r.month}`, r.version]))}
        />
      )}
      <section className="stack" aria-labelledby="figures-title">
        <h2 id="figures-title">{t("figures", { year })}</h2>
        {figures.length === 0 ? (
          <p className="empty">{t("noFigures")}</p>
        ) : (
          <div className="table-wrap">
            <table className="register" data-testid="figures">
              <thead>
                <tr>
                  <th>{t("month")}</th>
                  <th>{t("department")}</th>
                  <th>{t("indicator")}</th>
                  <th style={{ textAlign: "right" }}>{t("value")}</th>
                  <th>{t("enteredBy")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => (
                  <tr key={f.id} data-testid={`figure-${f.month}-${f.department}-${f.indicator}`}>
                    <td>{String(f.month).padStart(2, "0")}</td>
                    <td>{tr(`departments.${f.department}`)}</td>
                    <td>{tr(`analysis.indicator.${f.indicator}`)}</td>
                    <td style={{ textAlign: "right" }}>{new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(f.value)}</td>
                    <td>
                      {f.enteredByName}, {when(f.enteredAt, locale)} · v{f.version}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
