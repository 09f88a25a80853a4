"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryState } from "@/app/_ui/query-state";
import { useTRPC } from "@/client/trpc";

export function AdminHome() {
  const t = useTranslations("home.admin");
  const tDevices = useTranslations("admin.devices");
  const tLicenses = useTranslations("licenses");
  const tAudit = useTranslations("audit");
  const tJobs = useTranslations("jobs");
  const trpc = useTRPC();
  const q = useQuery(trpc.users.list.queryOptions());
  const active = q.data?.filter((u) => u.active).length ?? 0;
  return (
    <div className="card stack">
      <QueryState isPending={q.isPending} isError={q.isError} isEmpty={false} empty="" onRetry={() => void q.refetch()}>
        <p>{t("usersCount", { active, disabled: (q.data?.length ?? 0) - active })}</p>
      </QueryState>
      <Link className="btn block" href="/admin/users">
        {t("manageUsers")}
      </Link>
      <Link className="btn secondary block" href="/admin/devices">
        {tDevices("manage")}
      </Link>
      <Link className="btn secondary block" href="/admin/licenses" data-testid="admin-licenses">
        {tLicenses("manage")}
      </Link>
      <Link className="btn secondary block" href="/admin/audit" data-testid="admin-audit">
        {tAudit("manage")}
      </Link>
      <Link className="btn secondary block" href="/admin/jobs" data-testid="admin-jobs">
        {tJobs("manage")}
      </Link>
    </div>
  );
}
