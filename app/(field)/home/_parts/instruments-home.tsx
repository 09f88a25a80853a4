"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";

export function InstrumentsHome() {
  const t = useTranslations();
  const trpc = useTRPC();
  const q = useQuery(trpc.instruments.list.queryOptions());
  const today = new Date().toISOString().slice(0, 10);
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("home.instrument_custodian.empty")} onRetry={() => void q.refetch()}>
      <ul className="list" data-testid="instrument-list">
        {q.data?.map((i) => (
          <li key={i.id}>
            <div className="title-row">
              <strong>{i.name}</strong>
              <StatusBadge kind="instrument" status={i.status} />
            </div>
            <div className="muted small">
              <span className="mono">{i.assetTag}</span> · {i.model} · {t(`instrumentCategory.${i.category}`)}
            </div>
            {i.calibrationDue && (
              <div className="row" style={{ marginTop: 6 }}>
                <span className="badge" data-tone={i.calibrationDue < today ? "bad" : "ok"}>
                  {i.calibrationDue < today
                    ? t("home.instrument_custodian.calibrationOverdue", { date: i.calibrationDue })
                    : t("home.instrument_custodian.calibrationDue", { date: i.calibrationDue })}
                </span>
              </div>
            )}
            {i.keeperName && <div className="muted small">{t("home.instrument_custodian.keeper", { name: i.keeperName })}</div>}
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
