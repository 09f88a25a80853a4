"use client";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";

function UnderMaintenance() {
  const t = useTranslations("home.operations");
  const trpc = useTRPC();
  const q = useQuery(trpc.items.underMaintenance.queryOptions());
  return (
    <QueryState isPending={q.isPending} isError={q.isError} isEmpty={q.data?.length === 0} empty={t("empty")} onRetry={() => void q.refetch()}>
      <ul className="list" data-testid="maintenance-list">
        {q.data?.map((i) => (
          <li key={i.id}>
            <div className="title-row">
              <strong>{i.name}</strong>
              <StatusBadge kind="item" status="under_maintenance" />
            </div>
            <div className="muted small mono">
              {i.tagCode} · {i.zoneCode}
            </div>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}

/** Operations' home: a customer's complaint recorded in one tap (first-asker), then what is under maintenance. */
export function MaintenanceHome() {
  return (
    <>
      <RecordComplaintLink />
      <UnderMaintenance />
    </>
  );
}
