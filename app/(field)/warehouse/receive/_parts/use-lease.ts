"use client";
import { useEffect, useState } from "react";
import { useConnection } from "@/client/connection";
import { useSync } from "@/client/sync/provider";
import { useTRPCClient } from "@/client/trpc";
import { leaseState, leaseSummary, topUpLeases, type TLeaseState } from "@/client/warehouse/tag-lease";

/**
 * This phone's leased tag numbers: read from its storage (re-read on every local change), topped up from the server
 * (`warehouse.leaseTags`) whenever the phone is online and has fewer left than the domain's threshold.
 */
export function useLease(): { state: TLeaseState | null; left: number; low: boolean } {
  const { store, deviceId, version } = useSync();
  const client = useTRPCClient();
  const connection = useConnection();
  const [state, setState] = useState<TLeaseState | null>(null);
  useEffect(() => {
    if (!store || !deviceId) return;
    let alive = true;
    void (async () => {
      const held = await leaseState(store, deviceId);
      if (alive) setState(held);
      if (connection !== "online" || !leaseSummary(held).topUp) return;
      const next = await topUpLeases(store, deviceId, () => client.warehouse.leaseTags.mutate({ deviceId }));
      if (alive) setState(next);
    })();
    return () => {
      alive = false;
    };
  }, [store, deviceId, version, connection, client]);
  const summary = state ? leaseSummary(state) : { left: 0, topUp: true };
  return { state, left: summary.left, low: summary.topUp };
}
