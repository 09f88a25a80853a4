"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { StatusBadge } from "@/app/_ui/status-badge";
import { useTRPC } from "@/client/trpc";
import { ExportLinks } from "../../_parts/exports";
import type { TQuarantineRow } from "../../_parts/types";
import { ResponsiblePicker } from "./responsible-picker";

/** All quarantined items, or the viewer's own ("mine", in the URL); the oldest first as the server sorts them. */
export function QuarantineScreen({ readsAll, canReassign }: { readsAll: boolean; canReassign: boolean }) {
  const t = useTranslations("warehouseOffice.quarantine");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const asked = useSearchParams().get("mine") === "1";
  const mine = !readsAll || asked;
  const list = useQuery(trpc.warehouse.quarantine.queryOptions({ mine }));
  const rows = list.data?.rows ?? [];
  const ageing = rows.filter((r) => r.ageing).length;
  return (
    <div className="stack">
      {readsAll && (
        <div className="seg" role="group" aria-label={t("view")} style={{ display: "flex" }}>
          {[false, true].map((m) => (
            <button
              key={String(m)}
              type="button"
              aria-pressed={mine === m}
              onClick={() => router.replace(m ? `${pathname}?mine=1` : pathname, { scroll: false })}
              style={{ flex: 1 }}
              data-testid={`view-${m ? "mine" : "all"}`}
            >
              {t(m ? "mine" : "all")}
            </button>
          ))}
        </div>
      )}
      <ExportLinks register="quarantine" params={{ mine }} />
      <QueryState
        isPending={list.isPending}
        isError={list.isError}
        isEmpty={rows.length === 0}
        empty={t(mine ? "emptyMine" : "empty")}
        onRetry={() => void list.refetch()}
      >
        <p className="row" aria-live="polite" data-testid="quarantine-counts">
          <span className="badge" data-tone="info">
            {t("count", { n: rows.length })}
          </span>
          {ageing > 0 && (
            <span className="badge" data-tone="bad" data-testid="count-ageing">
              {t("ageingCount", { n: ageing })}
            </span>
          )}
        </p>
        <ul className="list" data-testid="quarantine-list">
          {rows.map((r) => (
            <QuarantineCard key={r.itemId} r={r} canReassign={canReassign} />
          ))}
        </ul>
      </QueryState>
    </div>
  );
}

function QuarantineCard({ r, canReassign }: { r: TQuarantineRow; canReassign: boolean }) {
  const t = useTranslations("warehouseOffice.quarantine");
  return (
    <li
      data-testid={`quarantine-${r.tag}`}
      data-ageing={r.ageing}
      data-age={r.ageDays}
      style={r.ageing ? { borderLeft: "8px solid var(--bad)", background: "var(--bad-bg)" } : { borderLeft: "8px solid var(--warn)" }}
    >
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <a className="mono tap-link" href={`/warehouse/items/${r.tag}`} style={{ fontWeight: 800 }}>
          {r.tag}
        </a>
        <StatusBadge kind="item" status={r.status} />
      </div>
      <div style={{ fontWeight: 700 }}>{r.name}</div>
      <div className="row small" style={{ justifyContent: "space-between" }}>
        <span>
          <span className="mono">{r.zoneCode ?? "—"}</span> · {t("quantity", { n: r.quantity })}
        </span>
        <span className="badge" data-tone={r.ageing ? "bad" : "muted"} data-testid="age">
          {t("age", { n: r.ageDays })}
        </span>
      </div>
      <div className="small" style={{ marginTop: 4 }} data-testid="responsible">
        {t("responsible", { name: r.responsibleName ?? t("nobody") })}
      </div>
      {canReassign && <ResponsiblePicker itemId={r.itemId} current={r.responsibleId} tag={r.tag} />}
    </li>
  );
}
