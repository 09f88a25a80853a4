"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSync } from "@/client/sync/provider";
import { useTRPC } from "@/client/trpc";
import type { TDepartment, TRole } from "@/domain/auth/roles";

export interface TPerson {
  id: string;
  displayName: string;
  role: TRole;
  department: TDepartment | null;
}

const KEY = "warehouse:people";

/**
 * People a quarantined tag or an issue can name: from the server when it answers (`warehouse.people`), else the list
 * kept on this phone from the last time online (labelling and issuing work offline).
 */
export function usePeople(): { list: TPerson[]; loading: boolean; kept: boolean } {
  const trpc = useTRPC();
  const { store } = useSync();
  const q = useQuery({ ...trpc.warehouse.people.queryOptions(), retry: false, staleTime: 5 * 60_000 });
  const [kept, setKept] = useState<TPerson[] | null>(null);
  useEffect(() => {
    if (!store) return;
    if (q.data) {
      void store.setMeta(KEY, q.data);
      return;
    }
    void store.getMeta<TPerson[]>(KEY).then((v) => setKept(v ?? []));
  }, [store, q.data]);
  if (q.data) return { list: q.data, loading: false, kept: false };
  return { list: kept ?? [], loading: q.isPending && kept === null, kept: q.isError };
}
