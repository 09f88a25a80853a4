"use client";
import { useMemo } from "react";
import { useViewer } from "@/app/_ui/viewer";
import { useSync } from "@/client/sync/provider";
import type { QueueContext } from "@/client/work-orders/enqueue";

/** The outbox of the signed-in lineman on this phone, for the queue helpers; null until the store is open. */
export function useQueue(): { ctx: QueueContext; kick: () => void } | null {
  const { store, deviceId, flush } = useSync();
  const viewer = useViewer();
  return useMemo(() => (store && deviceId ? { ctx: { store, userId: viewer.id, deviceId }, kick: flush } : null), [store, deviceId, viewer.id, flush]);
}
