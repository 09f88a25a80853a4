"use client";
import { useTranslations } from "next-intl";
import { useConnection } from "@/client/connection";
import { Icon } from "./icons";

/** Always visible: online/offline now (the unsynced count joins it with the offline engine). */
export function ConnectionIndicator() {
  const t = useTranslations("connection");
  const state = useConnection();
  return (
    <>
      <span className="conn" data-state={state} data-testid="connection" role="status" aria-live="polite">
        <Icon name={state === "online" ? "wifi" : "wifiOff"} size={20} />
        {t(state)}
      </span>
    </>
  );
}
