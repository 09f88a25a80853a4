import { getTranslations } from "next-intl/server";
import { NoticesPill } from "@/app/_ui/notices-pill";
import { RoundsPill } from "@/app/(field)/property/_parts/rounds-pill";
import { PageMessages } from "@/app/_ui/page-messages";
import { AnalysisLink } from "@/app/_ui/analysis-link";
import { canWriteDesk } from "@/domain/work-orders/desk";
import { requireUser } from "@/server/auth/current-user";
import { Prefetched } from "@/server/prefetch";
import { DESK_HOME_QUERY } from "./_parts/desk-home-query";
import {
  ActionList,
  AdminHome,
  ApprovalsHome,
  DeskHome,
  InstrumentsHome,
  LinemanHome,
  MaintenanceHome,
  ManagerApprovals,
  ZonesHome,
} from "./_parts/lazy-homes";
import { EscalatedHome } from "./_parts/escalated-home";
import { QualityLinks } from "./_parts/quality-links";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations("home");
  const tRounds = await getTranslations("propertyPhone");
  // Each role's home with the page namespaces its own client components read (ADR 0036): the page carries one role's
  // words, not every role's.
  const body = {
    lineman: (
      <PageMessages namespaces={["workOrders", "workOrderKind", "customer", "complaintsPhone"]}>
        <LinemanHome />
      </PageMessages>
    ),
    warehouse_keeper: (
      <PageMessages namespaces={["home", "complaintsPhone"]}>
        <ZonesHome />
      </PageMessages>
    ),
    instrument_custodian: (
      <PageMessages namespaces={["instrumentsUi", "complaintsPhone"]}>
        <InstrumentsHome />
      </PageMessages>
    ),
    // Homes whose first content is an online query: the server puts its answer in the page (see Prefetched).
    department_head: (
      <PageMessages
        namespaces={[
          "home",
          "instruments",
          "instrumentsUi.approvals",
          "instrumentsUi.refusal",
          "instrumentsUi.loading",
          "instrumentsUi.permit",
          "instrumentsUi.register",
          "instrumentsUi.facts",
          "instrumentsUi.usage",
          "instrumentsUi.listSeparator",
          "instrumentCategory",
          "complaintsDesk.links",
          "complaintsPhone",
          "qualityHome",
        ]}
      >
        <Prefetched
          queries={(trpc) => [
            trpc.instruments.pendingApprovals.queryOptions(),
            trpc.instruments.pendingScraps.queryOptions(),
            trpc.actions.mine.queryOptions(),
          ]}
        >
          <ApprovalsHome />
          <ActionList />
        </Prefetched>
        <AnalysisLink />
      </PageMessages>
    ),
    customer_service: (
      <PageMessages namespaces={["home", "desk", "workOrderKind", "complaintsDesk"]}>
        <Prefetched queries={(trpc) => [trpc.workOrders.desk.queryOptions(DESK_HOME_QUERY)]}>
          <DeskHome canWrite={canWriteDesk(user.role)} />
        </Prefetched>
      </PageMessages>
    ),
    operations: (
      <PageMessages namespaces={["home", "complaintsPhone"]}>
        <Prefetched queries={(trpc) => [trpc.items.underMaintenance.queryOptions()]}>
          <MaintenanceHome />
        </Prefetched>
      </PageMessages>
    ),
    quality: (
      <>
        <EscalatedHome />
        <QualityLinks />
        <AnalysisLink />
        <PageMessages namespaces={["home", "qualityHome"]}>
          <Prefetched queries={(trpc) => [trpc.actions.list.queryOptions({})]}>
            <ActionList all />
          </Prefetched>
        </PageMessages>
        <h2>{t("quality.zonesTitle")}</h2>
        <PageMessages namespaces={["home", "complaintsPhone"]}>
          <ZonesHome />
        </PageMessages>
      </>
    ),
    // the forms escalated to the general manager for review, unreviewed first; the scrapping the instrument settings
    // leave to the general manager (ADR 0040); then quality's ways in (read)
    general_manager: (
      <>
        <EscalatedHome />
        <PageMessages
          namespaces={[
            "home",
            "instruments",
            "instrumentsUi.approvals",
            "instrumentsUi.refusal",
            "instrumentsUi.loading",
            "instrumentsUi.permit",
            "instrumentsUi.register",
            "instrumentsUi.facts",
            "instrumentsUi.usage",
            "instrumentsUi.listSeparator",
            "instrumentCategory",
          ]}
        >
          <Prefetched queries={(trpc) => [trpc.instruments.pendingScraps.queryOptions()]}>
            <ManagerApprovals />
          </Prefetched>
        </PageMessages>
        <QualityLinks />
        <AnalysisLink />
      </>
    ),
    admin: (
      <PageMessages namespaces={["home", "admin", "audit", "jobs", "licenses"]}>
        <Prefetched queries={(trpc) => [trpc.users.list.queryOptions()]}>
          <AdminHome />
        </Prefetched>
      </PageMessages>
    ),
  }[user.role];
  return (
    <div data-testid={`home-${user.role}`}>
      <div className="home-top">
        <p className="muted">{t("greeting", { name: user.displayName })}</p>
        <RoundsPill label={tRounds("homePill")} />
        <PageMessages namespaces={["notices"]}>
          <NoticesPill />
        </PageMessages>
      </div>
      <h1>{t(`${user.role}.title`)}</h1>
      <p className="subtitle">{t(`${user.role}.subtitle`)}</p>
      {body}
    </div>
  );
}
