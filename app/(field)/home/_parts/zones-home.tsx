"use client";
import { RecordComplaintLink } from "@/app/_ui/record-complaint-link";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { zoneBoard } from "@/client/items/read-model";
import { ZoneCards } from "../../zones/_parts/zone-screen";

/** The keeper's stock by zone and label, from the phone's cache (works with no signal). */
function ZoneBoard() {
  const t = useTranslations("home");
  const board = useReadCache("zone-board", (store, deviceId) => zoneBoard(store, deviceId));
  if (board.loading || !board.data)
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  return <ZoneCards board={board.data} testId="zone-list" />;
}

/** The keeper's home: a customer's complaint recorded in one tap (first-asker), then the stock by zone. */
export function ZonesHome() {
  return (
    <>
      <RecordComplaintLink />
      <ZoneBoard />
    </>
  );
}
