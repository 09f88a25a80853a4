"use client";
import { useTranslations } from "next-intl";

/** The sample by customer category: how many customers the frame holds and how many were drawn from each. */
export function StrataTable({ strata }: { strata: { category: string; population: number; allocated: number; responded: number }[] }) {
  const t = useTranslations("analysisSurvey.survey");
  const tr = useTranslations();
  const total = strata.reduce(
    (a, s) => ({ population: a.population + s.population, allocated: a.allocated + s.allocated, responded: a.responded + s.responded }),
    { population: 0, allocated: 0, responded: 0 },
  );
  return (
    <section aria-labelledby="strata-title">
      <h2 id="strata-title">{t("strata")}</h2>
      <div className="table-wrap">
        <table className="register" data-testid="strata">
          <thead>
            <tr>
              <th scope="col">{t("category")}</th>
              <th scope="col" style={{ textAlign: "right" }}>
                {t("population")}
              </th>
              <th scope="col" style={{ textAlign: "right" }}>
                {t("sampled")}
              </th>
              <th scope="col" style={{ textAlign: "right" }}>
                {t("respondedCol")}
              </th>
            </tr>
          </thead>
          <tbody>
            {strata.map((s) => (
              <tr key={s.category} data-testid={`stratum-${s.category}`} data-population={s.population} data-sampled={s.allocated} data-responded={s.responded}>
                <th scope="row" style={{ background: "none", position: "static", fontWeight: 700 }}>
                  {tr.has(`analysis.category.${s.category}`) ? tr(`analysis.category.${s.category}`) : s.category}
                </th>
                <td style={{ textAlign: "right" }}>{s.population}</td>
                <td style={{ textAlign: "right" }}>{s.allocated}</td>
                <td style={{ textAlign: "right" }}>{s.responded}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" style={{ position: "static" }}>
                {t("total")}
              </th>
              <td style={{ textAlign: "right", fontWeight: 800 }}>{total.population}</td>
              <td style={{ textAlign: "right", fontWeight: 800 }}>{total.allocated}</td>
              <td style={{ textAlign: "right", fontWeight: 800 }}>{total.responded}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
