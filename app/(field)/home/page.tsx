import { getTranslations } from "next-intl/server";
import { NoticesPill } from "@/app/_ui/notices-pill";
import { canWriteDesk } from "@/domain/work-orders/desk";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { AdminHome } from "./_parts/admin-home";
import { ApprovalsHome } from "./_parts/approvals-home";
import { DeskHome } from "./_parts/desk-home";
import { DESK_HOME_QUERY } from "./_parts/desk-home-query";
import { EscalatedHome } from "./_parts/escalated-home";
import { InstrumentsHome } from "./_parts/instruments-home";
import { LinemanHome } from "./_parts/lineman-home";
import { MaintenanceHome } from "./_parts/maintenance-home";
import { QualityLinks } from "./_parts/quality-links";
import { ZonesHome } from "./_parts/zones-home";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations("home");
  const body = {
    lineman: <LinemanHome />,
    warehouse_keeper: <ZonesHome />,
    instrument_custodian: <InstrumentsHome />,
    // Homes whose first content is an online query: the server puts its answer in the page (see Prefetched).
    department_head: (
      <Prefetched queries={(trpc) => [trpc.instruments.pendingApprovals.queryOptions(), trpc.instruments.pendingScraps.queryOptions()]}>
        <ApprovalsHome />
      </Prefetched>
    ),
    customer_service: (
      <Prefetched queries={(trpc) => [trpc.workOrders.desk.queryOptions(DESK_HOME_QUERY)]}>
        <DeskHome canWrite={canWriteDesk(user.role)} />
      </Prefetched>
    ),
    operations: (
      <Prefetched queries={(trpc) => [trpc.items.underMaintenance.queryOptions()]}>
        <MaintenanceHome />
      </Prefetched>
    ),
    quality: (
      <>
        <EscalatedHome />
        <QualityLinks />
        <h2>{t("quality.zonesTitle")}</h2>
        <ZonesHome />
      </>
    ),
    // the forms escalated to the general manager for review, unreviewed first; then quality's ways in (read)
    general_manager: (
      <>
        <EscalatedHome />
        <QualityLinks />
      </>
    ),
    admin: (
      <Prefetched queries={(trpc) => [trpc.users.list.queryOptions()]}>
        <AdminHome />
      </Prefetched>
    ),
  }[user.role];
  return (
    <div data-testid={`home-${user.role}`}>
      <div className="home-top">
        <p className="muted">{t("greeting", { name: user.displayName })}</p>
        <NoticesPill />
      </div>
      <h1>{t(`${user.role}.title`)}</h1>
      <p className="subtitle">{t(`${user.role}.subtitle`)}</p>
      {body}
    </div>
  );
}
