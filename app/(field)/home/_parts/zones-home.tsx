"use client";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { HashLink } from "@/app/_ui/hash-link";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";

export function ZonesHome() {
  const t = useTranslations("home.warehouse_keeper");
  const locale = useLocale();
  const trpc = useTRPC();
  const q = useQuery(trpc.items.zones.queryOptions());
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
      <ul className="list" data-testid="zone-list">
        {q.data?.map((z) => (
          <li key={z.code} className="link-card">
            <HashLink path="/zones" hash={z.code} data-testid={`zone-link-${z.code}`}>
              <div className="title-row">
                <strong>{locale === "en" ? z.nameEn : z.nameZh}</strong>
                <span className="mono muted small">{z.code}</span>
              </div>
              {z.kind === "quarantine" && <span className="badge" data-tone="bad">{t("quarantine")}</span>}
              <div className="row" style={{ marginTop: 8 }}>
                {z.counts.length === 0 && <span className="muted">{t("noItems")}</span>}
                {z.counts.map((c) => (
                  <span key={c.status} className="row" style={{ gap: 4 }}>
                    <StatusBadge kind="item" status={c.status} />
                    <strong>×{c.n}</strong>
                  </span>
                ))}
              </div>
            </HashLink>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
