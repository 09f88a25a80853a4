"use client";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { zoneBoard } from "@/client/items/read-model";
import { ZoneCards } from "../../zones/_parts/zone-screen";
import { WarehouseActions } from "./warehouse-actions";

const loadAgeing = () => import("./warehouse-ageing").then((m) => m.WarehouseAgeing);
const WarehouseAgeing = dynamic(loadAgeing, { ssr: false });

/**
 * The ageing list loads after the home (it shows once the phone's copy is read anyway): its rules and the operator's
 * calendar stay out of the home's first load (≤ 210 KB gzip JS). Asked for at once, and the board waits for it: shown
 * after the zones, it pushed them down (CLS).
 */
function useAgeingLoaded(wanted: boolean): boolean {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    void loadAgeing().then(() => {
      if (alive) setLoaded(true);
    });
    return () => {
      alive = false;
    };
  }, [wanted]);
  return loaded;
}

/**
 * The stock by zone and label from the phone's cache (works with no signal); on the keeper's home, the quarantine
 * ageing above it, from the same read.
 */
function ZoneBoard({ ageing }: { ageing: boolean }) {
  const t = useTranslations("home");
  const board = useReadCache("zone-board", (store, deviceId) => zoneBoard(store, deviceId));
  const ageingLoaded = useAgeingLoaded(ageing);
  if (board.loading || !board.data || (ageing && !ageingLoaded))
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  return (
    <>
      {ageing && <WarehouseAgeing board={board.data} />}
      <ZoneCards board={board.data} testId="zone-list" />
    </>
  );
}

/**
 * The keeper's home: the day's four big buttons (receive, label by the form, issue/return, count a zone), a customer's
 * complaint recorded in one tap (first-asker), quarantine ageing, then the stock by zone. Quality sees the stock alone.
 */
export function ZonesHome() {
  // the warehouse keeper (domain/warehouse/model.ts mayReceive), checked here without loading the warehouse rules
  const keeper = useViewer().role === "warehouse_keeper";
  return (
    <>
      {keeper && <WarehouseActions />}
      <RecordComplaintLink />
      <ZoneBoard ageing={keeper} />
    </>
  );
}
