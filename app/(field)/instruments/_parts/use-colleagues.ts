"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { TColleague } from "@/client/instruments/enqueue";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";

const KEY = "instruments:colleagues";

/**
 * Colleagues a hand-over can name: from the server when it answers, else the list kept on this phone from the
 * last time (a hand-over works offline; the meta key is dropped at logout with the rest of the read cache).
 */
export function useColleagues(): { list: TColleague[]; loading: boolean; offline: boolean } {
  const trpc = useTRPC();
  const { store } = useSync();
  const q = useQuery({ ...trpc.instruments.colleagues.queryOptions(), retry: false, staleTime: 5 * 60_000 });
  const [kept, setKept] = useState<TColleague[] | null>(null);
  useEffect(() => {
    if (!store) return;
    if (q.data) {
      void store.setMeta(KEY, q.data);
      return;
    }
    void store.getMeta<TColleague[]>(KEY).then((v) => setKept(v ?? []));
  }, [store, q.data]);
  if (q.data) return { list: q.data, loading: false, offline: false };
  return { list: kept ?? [], loading: q.isPending && kept === null, offline: q.isError };
}
