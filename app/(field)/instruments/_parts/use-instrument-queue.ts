"use client";
import { useMemo } from "react";
import { useViewer } from "@/app/_ui/viewer";
import type { InstrumentQueueContext } from "@/client/instruments/enqueue";
import type { TViewerActor } from "@/client/instruments/read-model";
import { useSync } from "@/client/sync/provider";

/** The signed-in person as the instrument rules read them. */
export function useMe(): TViewerActor {
  const v = useViewer();
  return useMemo(() => ({ id: v.id, displayName: v.displayName, role: v.role, department: v.department }), [v.id, v.displayName, v.role, v.department]);
}

/** The outbox of the signed-in user on this phone, for the queue helpers; null until the store is open. */
export function useInstrumentQueue(): { ctx: InstrumentQueueContext; kick: () => void } | null {
  const { store, deviceId, flush } = useSync();
  const me = useMe();
  return useMemo(() => (store && deviceId ? { ctx: { store, userId: me.id, deviceId, me }, kick: flush } : null), [store, deviceId, me, flush]);
}
