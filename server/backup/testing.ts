import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { appendAuditEvent } from "@/server/audit/service";
import { makeClosedWorkOrder } from "@/tests/helpers/closed-work-order";

/**
 * Tests only (server/backup/*.test.ts): signed work with evidence on top of the demo seed, and a loop of writes that
 * keeps moving the audit chain while a backup is taken.
 */
export async function addSignedWork(db: Db): Promise<void> {
  const [lineman] = await db.select({ id: users.id }).from(users).where(eq(users.username, "lineman"));
  if (!lineman) throw new Error("the demo seed has no lineman");
  await makeClosedWorkOrder(db, { linemanId: lineman.id });
}

export interface WriteLoop {
  /** Writes committed so far. */
  written: () => number;
  /** Resolves once `n` more writes than now have committed (the loop's own pace: no clock involved). */
  moreWrites: (n: number) => Promise<void>;
  /** Stops after the write in flight; rejects with the loop's error, if any. */
  stop: () => Promise<void>;
}

const MAX_WRITES = 5_000;

/** Audit rows appended one after another, alternately in a transaction and on their own, until stopped. */
export function startWriteLoop(db: Db): WriteLoop {
  let stopped = false;
  let count = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  const write = (tx: Db, i: number) =>
    appendAuditEvent(tx, {
      actorId: null,
      subjectType: "user",
      subjectId: `backup-loop-${i}`,
      event: { name: "user.loggedOut", payload: { everywhere: i % 3 === 0 } },
    });
  const done = (async () => {
    while (!stopped) {
      // a test that forgot to stop it fails instead of writing until the run's own time is up
      if (count >= MAX_WRITES) throw new Error(`the write loop ran past ${MAX_WRITES} writes without being stopped`);
      const i = count;
      if (i % 2 === 0) await db.transaction(async (tx) => write(tx as unknown as Db, i));
      else await write(db, i);
      count++;
      // why: PGlite answers in-process, on microtasks only; a loop of them would never let the event loop turn, and
      // anything waiting for I/O (the backup opening its copy) would starve. Real writes arrive through I/O.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const w of waiters.filter((w) => count >= w.target)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  })();
  done.catch(() => {});
  return {
    written: () => count,
    moreWrites: (n) =>
      Promise.race([
        new Promise<void>((resolve) => waiters.push({ target: count + n, resolve })),
        done.then(() => {
          throw new Error("the write loop ended");
        }),
      ]),
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
