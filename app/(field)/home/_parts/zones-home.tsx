"use client";
import { useEffect, useState } from "react";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { useViewer } from "@/app/_ui/viewer";
import { zoneBoard } from "@/client/items/read-model";
import { ZoneCards } from "../../zones/_parts/zone-screen";
import { WarehouseActions } from "./warehouse-actions";

const loadAgeing = () => import("./warehouse-ageing").then((m) => m.WarehouseAgeing);
type TAgeing = Awaited<ReturnType<typeof loadAgeing>>;

/**
 * The ageing list loads after the home (it shows once the phone's copy is read anyway): its rules and the operator's
 * calendar stay out of the home's first load (≤ 210 KB gzip JS). Asked for at once, and the board waits for it: shown
 * after the zones, it pushed them down (CLS). The component itself is kept and rendered, not a `next/dynamic` one:
 * that suspends for a tick on its first render even when the chunk is there, and a paint in that tick showed the
 * zones alone, then pushed them down by the ageing card (Lighthouse: CLS 0.052 on some loads, 0.0006 on others).
 */
const ageingModule: { Loaded: TAgeing | null } = { Loaded: null };
function useAgeingLoaded(wanted: boolean): boolean {
  const [loaded, setLoaded] = useState(ageingModule.Loaded !== null);
  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    void loadAgeing().then((C) => {
      ageingModule.Loaded = C;
      if (alive) setLoaded(true);
    });
    return () => {
      alive = false;
    };
  }, [wanted]);
  return loaded;
}

/** The ageing card, rendered straight from its loaded module (never suspends). */
function AgeingCard({ board }: Parameters<TAgeing>[0]) {
  const { Loaded } = ageingModule;
  return Loaded ? <Loaded board={board} /> : null;
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
      {ageing && <AgeingCard board={board.data} />}
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
