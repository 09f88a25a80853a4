"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useHash } from "@/app/_ui/use-hash";
import { CustomerModeReturn } from "./customer-mode-return";
import { WorkOrderList } from "./work-order-list";

/**
 * An order's screen is its own chunk, fetched when the address names an order (the service worker precaches every
 * chunk, so it opens offline too): the list, the lineman's first screen, does not carry it. The page renders nothing
 * of either on the server (the hash is the phone's), so nothing is hydrated late.
 */
const WorkOrderDetail = dynamic(() => import("./work-order-detail").then((m) => m.WorkOrderDetail), { ssr: false, loading: Loading });

function Loading() {
  const t = useTranslations("workOrders");
  return (
    <p className="muted" aria-busy="true">
      {t("loading")}
    </p>
  );
}

export function WorkOrderScreen() {
  const hash = useHash();
  if (hash === null) return <Loading />;
  if (hash === "") {
    return (
      <>
        <CustomerModeReturn />
        <WorkOrderList />
      </>
    );
  }
  return <WorkOrderDetail key={hash} id={hash} />;
}
