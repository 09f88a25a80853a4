"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_ui/query-state";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";

const FILTERS = [null, "planned", "submitted"] as const;

/** The checks, a page at a time, filtered by state; a check with findings is marked. */
export function ChecksScreen() {
  const t = useTranslations("qualityOffice.checks");
  const tr = useTranslations();
  const trpc = useTRPC();
  const when = useDateTime();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>(null);
  const [page, setPage] = useState(1);
  const q = useQuery(trpc.quality.checks.queryOptions({ status, page }));
  const rows = q.data?.rows ?? [];
  return (
    <div className="stack">
      <div className="choice-row" role="radiogroup" aria-label={t("filter")}>
        {FILTERS.map((f) => (
          <button
            key={f ?? "all"}
            type="button"
            role="radio"
            className="pick"
            aria-checked={status === f}
            onClick={() => {
              setStatus(f);
              setPage(1);
            }}
            data-testid={`checks-filter-${f ?? "all"}`}
          >
            {f ? t(`status.${f}`) : t("all")}
          </button>
        ))}
      </div>
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
        <ul className="list" data-testid="check-list">
          {rows.map((c) => (
            <li
              key={c.id}
              className="link-card"
              data-testid={`check-row-${c.code}`}
              data-status={c.status}
              style={c.findings > 0 ? { borderLeft: "8px solid var(--bad)" } : c.status === "planned" ? { borderLeft: "8px solid var(--warn)" } : undefined}
            >
              <Link href={`/quality/checks/${c.id}`} aria-label={t("open", { code: c.code })}>
                <div className="title-row" style={{ flexWrap: "wrap" }}>
                  <strong className="mono">{c.code}</strong>
                  <span className="badge" data-tone={c.status === "planned" ? "warn" : c.findings > 0 ? "bad" : "ok"}>
                    {t(`status.${c.status}`)}
                  </span>
                </div>
                <div className="small">
                  {t(`target.${c.target}`)}
                  {c.zoneCode ? ` · ${c.zoneCode}` : ""}
                  {c.department ? ` · ${tr(`departments.${c.department}`)}` : ""}
                </div>
                {c.status === "submitted" && <div className="small">{t("figures", { marks: c.marks, findings: c.findings })}</div>}
                <div className="muted small">
                  {c.plannedFor ? t("plannedFor", { day: c.plannedFor }) : t("unplanned")}
                  {c.assigneeName ? ` · ${c.assigneeName}` : ""}
                  {c.submittedAt ? ` · ${t("submittedAt", { when: when(c.submittedAt) })}` : ""}
                </div>
              </Link>
            </li>
          ))}
        </ul>
        <p className="muted small" data-testid="list-shown">
          {t("shown", { n: rows.length + (page - 1) * PAGE })}
        </p>
        {q.data && q.data.total > page * PAGE && (
          <button type="button" className="btn secondary block" onClick={() => setPage(page + 1)} data-testid="list-more">
            {t("more")}
          </button>
        )}
      </QueryState>
    </div>
  );
}

/** The server's page size (quality.checks). */
const PAGE = 50;
