/**
 * The load bench's phones (bench/load.ts) and what they do, over HTTP with the real protocol (tests/helpers/http-device.ts):
 *  - heavy: a batch of 5 label changes on the phone's own items every ~2 s (jittered) and a pull every ~5 s;
 *  - realistic: one change a minute with a label photo (a real JPEG, made unique per change) and a pull every ~30 s.
 * A phone does one thing at a time, like the app's engine (its send lock): a push or a pull, never both at once.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { HttpDevice, type RequestRecord } from "@/tests/helpers/http-device";
import type { BenchPhoneSeed } from "./load-setup";

export type Workload = "heavy" | "realistic";

interface ItemState {
  id: string;
  status: "in_service" | "under_maintenance";
  version: number;
}

const PHOTO = readFileSync(new URL("./load-photo.jpg", import.meta.url));

/** The bench JPEG with a random comment segment after its start marker: a valid, distinct photo per change. */
function uniquePhoto(): { mime: "image/jpeg"; base64: string } {
  const note = randomBytes(16);
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, note.length + 2]), note]);
  return { mime: "image/jpeg", base64: Buffer.concat([PHOTO.subarray(0, 2), com, PHOTO.subarray(2)]).toString("base64") };
}

export interface Phone {
  seed: BenchPhoneSeed;
  device: HttpDevice;
  items: ItemState[];
  next: number;
  busy: Promise<void>;
  /** Mutation ids this phone offered, in order. */
  offeredIds: string[];
  /** The item each unanswered change is about. */
  itemOf: Map<string, ItemState>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

/** Runs `fn` on at most `n` items at a time. */
export async function pool<T, R>(list: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let k = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, list.length) }, async () => {
      while (k < list.length) {
        const i = k++;
        out[i] = await fn(list[i]!, i);
      }
    }),
  );
  return out;
}

/** Logs a phone in, registers its device and pulls its first load (outside the measured window). */
export async function bootPhone(baseUrl: string, seed: BenchPhoneSeed, password: string, onRecord: (r: RequestRecord) => void): Promise<Phone> {
  for (let attempt = 1; ; attempt++) {
    try {
      const device = await HttpDevice.login(baseUrl, seed.username, password, { onRecord, keep: false, batch: 50 });
      await device.register(`load ${seed.username}`);
      await device.pullAll();
      return {
        seed,
        device,
        items: seed.items.map((i) => ({ id: i.id, status: "in_service", version: 1 })),
        next: 0,
        busy: Promise.resolve(),
        offeredIds: [],
        itemOf: new Map(),
      };
    } catch (err) {
      if (attempt >= 5) throw err;
      await sleep(1000 * attempt);
    }
  }
}

function queueChanges(phone: Phone, n: number, photo: boolean): void {
  for (let k = 0; k < n; k++) {
    const item = phone.items[phone.next++ % phone.items.length]!;
    const to = item.status === "in_service" ? "under_maintenance" : "in_service";
    const [env] = phone.device.enqueue({
      name: "item.changeLabel",
      schemaVersion: 1,
      args: { itemId: item.id, to, reason: to === "in_service" ? "repair_done" : "fault_found", note: "", ...(photo ? { photo: uniquePhoto() } : {}) },
      expected: { from: item.status, version: item.version },
    });
    phone.offeredIds.push(env!.mutationId);
    phone.itemOf.set(env!.mutationId, item);
    item.status = to;
    item.version += 1;
  }
}

/** Pushes what is queued; a rejected change puts its item where the server says it is (a stale answer's `current`). */
async function pushQueued(phone: Phone): Promise<void> {
  try {
    for (const r of await phone.device.pushAll()) {
      const item = phone.itemOf.get(r.mutationId);
      phone.itemOf.delete(r.mutationId);
      const cur = (r.details as { current?: { status?: ItemState["status"]; version?: number } } | null)?.current;
      if (r.status === "rejected" && item && cur?.status && typeof cur.version === "number") Object.assign(item, { status: cur.status, version: cur.version });
    }
  } catch {
    // recorded by the device; the outbox keeps the batch for the next round
  }
}

async function pull(phone: Phone): Promise<void> {
  try {
    await phone.device.pullAll();
  } catch {
    // recorded; the cursor stays where it was
  }
}

/** Runs one phone's own exclusive task after whatever it is doing now. */
function exclusive(phone: Phone, task: () => Promise<void>): Promise<void> {
  const run = phone.busy.then(task);
  phone.busy = run.catch(() => {});
  return run;
}

export interface Window {
  start: number;
  end: number;
}

/** Drives every phone until `until` (performance.now()); resolves once each phone's last task has ended. */
export async function drive(phones: Phone[], workload: Workload, seconds: number): Promise<Window> {
  const pushEvery = workload === "heavy" ? 2000 : 60_000;
  const pullEvery = workload === "heavy" ? 5000 : 30_000;
  const batch = workload === "heavy" ? 5 : 1;
  const photo = workload === "realistic";
  const start = performance.now();
  const until = start + seconds * 1000;
  const loop = async (phone: Phone, every: number, first: number, act: () => Promise<void>) => {
    await sleep(first);
    while (performance.now() < until) {
      const t0 = performance.now();
      await exclusive(phone, act);
      const wait = jitter(every) - (performance.now() - t0);
      if (wait > 0) await sleep(Math.min(wait, Math.max(0, until - performance.now())));
    }
  };
  await Promise.all(
    phones.flatMap((phone) => [
      loop(phone, pushEvery, Math.random() * pushEvery, async () => {
        queueChanges(phone, batch, photo);
        await pushQueued(phone);
      }),
      loop(phone, pullEvery, Math.random() * pullEvery, () => pull(phone)),
    ]),
  );
  return { start, end: performance.now() };
}

/** One push of `n` changes (and its answer), outside the window: the profile's per-request statement probe. */
export async function pushOne(phone: Phone, n: number, photo = false): Promise<void> {
  queueChanges(phone, n, photo);
  await pushQueued(phone);
}

/** After the window: every phone sends what is left in its outbox (retrying), so work answered can equal work offered. */
export async function drain(phones: Phone[], deadlineMs = 120_000): Promise<number> {
  const t0 = performance.now();
  await pool(phones, 50, async (phone) => {
    while (phone.device.outbox.length > 0 && performance.now() - t0 < deadlineMs) {
      await pushQueued(phone);
      if (phone.device.outbox.length > 0) await sleep(500);
    }
  });
  return phones.reduce((n, p) => n + p.device.outbox.length, 0);
}
