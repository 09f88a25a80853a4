"use client";
import { useTranslations } from "next-intl";
import type { TElementStat } from "@/domain/analysis/satisfaction";
import { score1, type TIndexWithN } from "./results-types";

const scoreStyle = { fontSize: "1.5rem", fontWeight: 900, minWidth: "3.5ch", textAlign: "right" } as const;

/** One element: its name, its 0–100 score and how many answered (n); "no answers" when nobody did. */
function ElementRow({ e }: { e: TElementStat }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  return (
    <li
      data-testid={`element-${e.element}`}
      data-score={e.score ?? ""}
      data-n={e.n}
      style={{ display: "flex", justifyContent: "space-between", gap: 8, padding: "8px 0", borderTop: "1px solid var(--line)" }}
    >
      <span>{tr(`analysis.element.${e.element}`)}</span>
      <span className="nowrap">
        <strong>{score1(e.score)}</strong> <span className="muted small">{e.n > 0 ? t("n", { n: e.n }) : t("noAnswers")}</span>
      </span>
    </li>
  );
}

/** The five items, each with its weight, its score and its elements' scores and n. */
export function ItemList({ r }: { r: TIndexWithN }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  return (
    <ul className="list">
      {r.items.map((i) => (
        <li key={i.item} data-testid={`item-${i.item}`} data-score={i.score ?? ""} data-weight={i.weightPct} data-missing={i.score === null}>
          <div className="title-row" style={{ alignItems: "center" }}>
            <div>
              <strong style={{ fontSize: "1.1rem" }}>{tr(`analysis.item.${i.item}`)}</strong>
              <div className="muted small">{t("weight", { pct: i.weightPct })}</div>
            </div>
            <span style={scoreStyle}>{score1(i.score)}</span>
          </div>
          {i.score === null && (
            <span className="badge" data-tone="warn">
              {t("noAnswers")}
            </span>
          )}
          <ul style={{ listStyle: "none", padding: 0, margin: "8px 0 0" }}>
            {i.elements.map((e) => (
              <ElementRow key={e.element} e={e} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Rows of an index by something (source, customer category): the index, n, and "partial" with what is missing. */
export function BreakdownList({ rows }: { rows: { key: string; testId: string; name: string; r: TIndexWithN }[] }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  return (
    <ul className="list">
      {rows.map(({ key, testId, name, r }) => {
        const partial = r.index !== null && r.missingItems.length > 0;
        return (
          <li key={key} data-testid={testId} data-index={r.index ?? ""} data-partial={partial} data-n={r.n}>
            <div className="title-row" style={{ alignItems: "center" }}>
              <div>
                <strong>{name}</strong>
                <div className="muted small">{t("answers", { n: r.n })}</div>
              </div>
              <span style={scoreStyle}>{score1(r.index)}</span>
            </div>
            {partial && (
              <p className="small" style={{ margin: "6px 0 0" }}>
                <span className="badge" data-tone="warn">
                  {t("partial")}
                </span>{" "}
                {t("partialText", { items: r.missingItems.map((i) => tr(`analysis.item.${i}`)).join("、"), pct: r.coveragePct })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Each department's score over the elements it answers for (ELEMENT_DEPARTMENT), with those elements. */
export function DepartmentList({ rows }: { rows: { department: string; elements: TElementStat[]; score: number | null }[] }) {
  const t = useTranslations("analysisSurvey.results");
  const tr = useTranslations();
  return (
    <ul className="list">
      {rows.map((d) => (
        <li key={d.department} data-testid={`department-${d.department}`} data-score={d.score ?? ""}>
          <div className="title-row" style={{ alignItems: "center" }}>
            <strong>{tr.has(`departments.${d.department}`) ? tr(`departments.${d.department}`) : d.department}</strong>
            <span style={scoreStyle}>{score1(d.score)}</span>
          </div>
          <details>
            <summary style={{ minHeight: 44, display: "flex", alignItems: "center", cursor: "pointer" }} className="small">
              {t("departmentElements")}
            </summary>
            <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {d.elements.map((e) => (
                <li
                  key={e.element}
                  className="small"
                  style={{ display: "flex", justifyContent: "space-between", gap: 8, padding: "6px 0", borderTop: "1px solid var(--line)" }}
                >
                  <span>{tr(`analysis.element.${e.element}`)}</span>
                  <span className="nowrap">
                    {score1(e.score)} <span className="muted">{e.n > 0 ? t("n", { n: e.n }) : t("noAnswers")}</span>
                  </span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
