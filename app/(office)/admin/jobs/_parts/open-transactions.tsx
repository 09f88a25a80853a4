import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { openTransactions } from "@/server/observability/transactions";

/** Shown from this age on: a sync round trip or a report never holds a transaction this long. */
export const STUCK_AFTER_SECONDS = 30;

/**
 * The database server's transactions open for STUCK_AFTER_SECONDS or more (server/observability/transactions.ts), read
 * when the page is drawn (a server component: the admin check is the page's). PGlite: not applicable.
 */
export async function OpenTransactions() {
  const t = await getTranslations("jobs.transactions");
  const seen = await openTransactions(await getDb(), { olderThanSeconds: STUCK_AFTER_SECONDS });
  const s = (n: number) => Math.floor(n).toLocaleString("en");
  return (
    <section className="card stack" aria-labelledby="open-transactions" data-testid="open-transactions">
      <h2 id="open-transactions">{t("title")}</h2>
      <p className="muted small">{t("intro", { seconds: STUCK_AFTER_SECONDS })}</p>
      {!seen.applicable ? (
        <p className="empty">{t("notApplicable")}</p>
      ) : (
        <>
          {seen.hidden > 0 && (
            <p className="alert" data-tone="warn" role="status">
              {t("hidden", { n: seen.hidden })}
            </p>
          )}
          {seen.transactions.length === 0 ? (
            <p className="empty">{t("none", { seconds: STUCK_AFTER_SECONDS })}</p>
          ) : (
            <ul className="list">
              {seen.transactions.map((x) => (
                <li key={x.pid} data-testid={`open-transaction-${x.pid}`}>
                  <div className="title-row">
                    <strong>{t("age", { seconds: s(x.ageSeconds) })}</strong>
                    {x.state && <span className="badge">{x.state}</span>}
                  </div>
                  <p className="small">{t("who", { pid: x.pid, database: x.database ?? t("unknown"), user: x.user ?? t("unknown") })}</p>
                  {x.stateSeconds !== null && x.state !== "active" && <p className="muted small">{t("idle", { seconds: s(x.stateSeconds) })}</p>}
                  <p className="muted small mono">{t("xids", { xid: x.backendXid ?? t("unknown"), xmin: x.backendXmin ?? t("unknown") })}</p>
                  {x.waitEvent && <p className="muted small">{t("wait", { event: x.waitEvent })}</p>}
                  {x.query && (
                    <details>
                      <summary className="muted small">{t("query")}</summary>
                      <pre className="mono small" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                        {x.query}
                      </pre>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
