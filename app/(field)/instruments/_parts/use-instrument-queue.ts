"use client";
import { useMemo, useState } from "react";
import { useViewer } from "@/app/_ui/viewer";
import type { InstrumentQueueContext, TInstrumentQueued, TInstrumentQueueProblem } from "@/client/instruments/enqueue";
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

/**
 * Saving a field form into the outbox: busy while it runs; a refusal by the rules (or a failed write) is kept for
 * the form to show; on success the sender is woken and `onSaved` runs. `after` runs once queued, before that.
 */
export function useInstrumentSave(onSaved: () => void) {
  const q = useInstrumentQueue();
  const [problem, setProblem] = useState<TInstrumentQueueProblem | "save_failed" | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (run: (ctx: InstrumentQueueContext) => Promise<TInstrumentQueued>, after?: () => void): Promise<void> => {
    if (!q) return;
    setBusy(true);
    try {
      const r = await run(q.ctx);
      if (!r.ok) {
        setProblem(r.problem);
        setBusy(false);
        return;
      }
      after?.();
      q.kick();
      onSaved();
    } catch {
      setProblem("save_failed");
      setBusy(false);
    }
  };
  return { ready: q !== null, busy, problem, save };
}
