"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/app/_ui/error-text";
import { useDateTime } from "@/app/_ui/use-when";
import { errorCode, useTRPC } from "@/client/trpc";
import { MarksList } from "./marks-list";
import { OrdersCheck } from "./orders-check";

/** A check's head (code, target, checker, state) and its body: the walk's marks, or the sampled work orders. */
export function CheckScreen({ id, marks: mayMark }: { id: string; marks: boolean }) {
  const t = useTranslations("qualityOffice.checks");
  const tr = useTranslations();
  const when = useDateTime();
  const trpc = useTRPC();
  const q = useQuery(trpc.quality.check.queryOptions({ id }));
  if (q.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t("detail.loading")}
      </p>
    );
  if (q.isError) return errorCode(q.error) === "not_found" ? <p className="empty">{t("detail.notFound")}</p> : <ErrorText error={q.error} />;
  const c = q.data;
  const { marks, orders, nonconformities } = c;
  return (
    <div className="stack" data-testid="check-detail" data-status={c.status} data-target={c.target}>
      <header>
        <h1 className="title-row" style={{ flexWrap: "wrap" }}>
          <span className="mono" data-testid="check-code">
            {c.code}
          </span>
          <span className="badge" data-tone={c.status === "planned" ? "warn" : "ok"}>
            {t(`status.${c.status}`)}
          </span>
        </h1>
        <p className="small" style={{ margin: 0 }}>
          {t(`target.${c.target}`)}
          {c.zoneCode ? ` · ${c.zoneCode}` : ""}
          {c.department ? ` · ${tr(`departments.${c.department}`)}` : ""}
        </p>
        <p className="muted small" style={{ margin: 0 }}>
          {c.plannedFor ? t("plannedFor", { day: c.plannedFor }) : t("unplanned")}
          {c.assigneeName ? ` · ${t("detail.assignee", { name: c.assigneeName })}` : ""}
          {c.submittedAt ? ` · ${t("submittedAt", { when: when(c.submittedAt) })}` : ""}
        </p>
        {c.target === "work_orders" && c.rangeFrom && c.rangeTo && (
          <p className="muted small" style={{ margin: 0 }}>
            {t("detail.range", { from: c.rangeFrom, to: c.rangeTo, n: c.sampleSize ?? orders.length })}
          </p>
        )}
        {c.note && <p className="event-note">{t("detail.note", { note: c.note })}</p>}
      </header>
      {c.target === "work_orders" ? (
        <OrdersCheck checkId={c.id} code={c.code} status={c.status} orders={orders} mayMark={mayMark} />
      ) : (
        <MarksList marks={marks} />
      )}
      {nonconformities.length > 0 && (
        <section aria-labelledby="nc-title">
          <h2 id="nc-title">{t("detail.nonconformities")}</h2>
          <ul className="list" data-testid="check-ncs">
            {nonconformities.map((n) => (
              <li key={n.id} className="link-card" data-code={n.code}>
                <a href={`/quality/nonconformities/${n.id}`} className="tap-link mono">
                  {n.code}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
