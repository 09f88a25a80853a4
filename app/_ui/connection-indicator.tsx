"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useConnection } from "@/client/connection";
import { useSync } from "@/client/sync/provider";
import { Icon } from "./icons";

/** Always visible: online/offline now. When the server answers again, queued changes are sent at once. */
export function ConnectionIndicator() {
  const t = useTranslations("connection");
  const state = useConnection();
  const { flush } = useSync();
  const was = useRef(state);
  useEffect(() => {
    // The browser's `online` event only fires when the network interface changes; the server coming back
    // (basement → street, a restart) is seen by the probe. Without this the engine waits out its back-off.
    if (was.current === "offline" && state === "online") flush("reachable");
    was.current = state;
  }, [state, flush]);
  return (
    <span className="conn" data-state={state} data-testid="connection" role="status" aria-live="polite">
      <Icon name={state === "online" ? "wifi" : "wifiOff"} size={20} />
      {t(state)}
    </span>
  );
}
