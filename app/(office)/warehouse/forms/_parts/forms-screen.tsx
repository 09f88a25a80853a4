"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useDateTime } from "@/app/_ui/use-when";
import { useTRPC } from "@/client/trpc";
import { MoreButton } from "../../_parts/badges";
import { ExportLinks } from "../../_parts/exports";

/** The signed forms, a keyset page at a time; each opens its receipt (the form as signed, its PDF). */
export function FormsScreen() {
  const t = useTranslations("warehouseOffice.forms");
  const tr = useTranslations();
  const trpc = useTRPC();
  const when = useDateTime();
  const list = useInfiniteQuery(trpc.warehouse.forms.infiniteQueryOptions({}, { getNextPageParam: (page) => page.next ?? undefined }));
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <div className="stack">
      <ExportLinks register="forms" />
      <QueryState isPending={list.isPending} isError={list.isError} isEmpty={rows.length === 0} empty={t("empty")} onRetry={() => void list.refetch()}>
        <ul className="list" data-testid="form-list">
          {rows.map((f) => (
            <li key={f.id} className="link-card" data-testid={`form-row-${f.code}`} style={f.rejected > 0 ? { borderLeft: "8px solid var(--bad)" } : undefined}>
              <Link href={`/warehouse/receipts/${f.receiptId}`} aria-label={t("open", { code: f.code })}>
                <div className="title-row" style={{ flexWrap: "wrap" }}>
                  <strong className="mono">{f.code}</strong>
                  <span className="badge" data-tone={f.rejected > 0 ? (f.accepted > 0 ? "warn" : "bad") : "ok"}>
                    {t("counts", { accepted: f.accepted, rejected: f.rejected })}
                  </span>
                </div>
                <div style={{ fontWeight: 700 }}>
                  {f.inspectorName} · {tr(`departments.${f.department}`)}
                </div>
                <div className="muted small">
                  {when(f.signedAt)} · <span className="mono">{f.receiptCode}</span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
        <MoreButton shown={rows.length} hasMore={list.hasNextPage} busy={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </QueryState>
    </div>
  );
}
