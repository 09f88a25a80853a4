import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instruments, items, users, workOrders } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { MUTATION_VERSIONS, type TMutationName } from "@/domain/sync/protocol";
import { createSession } from "@/server/auth/session";
import { appRouter } from "@/server/root";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { input, leafPaths, mutated, NASTY, setAt, value } from "@/tests/helpers/fuzz-inputs";
import { newDevice } from "@/tests/helpers/sync";

/**
 * Issue 11 "Also": random and adversarial values into every tRPC procedure's input and every mutation's args never
 * produce a 500 (INTERNAL_SERVER_ERROR): control characters, bidi overrides, lone surrogates, huge and odd numbers,
 * deep nesting, prototype keys. Each procedure is called as a role allowed to call it, so the input reaches its
 * schema and handler. Seeded (FUZZ_SEED to replay a failure); a failure prints the input that caused it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS_PER_PROCEDURE = 20;
const RUNS_PER_MUTATION = 25;

/** Ids of seeded rows, so that valid inputs name real things (filled in beforeAll). */
const ref = { workOrder: "", instrument: "", item: "", user: "", lineman: "" };

/**
 * Valid inputs of the procedures that write or search, as a form would send them: the fuzz replaces one value of
 * such an input with an adversarial one, so that it gets past the shape into each field's rule and the handler.
 */
const VALID: Record<string, () => Record<string, unknown>> = {
  "auth.login": () => ({ username: "keeper", password: "wrong-password" }),
  "workOrders.create": () => ({
    kind: "install",
    customerName: "王小明",
    address: "北京路 1 号",
    contact: "13800000000",
    service: "宽带",
    scheduledFor: "2026-12-10",
    keyCustomer: true,
    dueAt: new Date("2026-12-11T08:00:00Z"),
    notes: "",
    assigneeId: null,
    clerkCheck: true,
  }),
  "workOrders.desk": () => ({ group: "open", q: "王", keyOnly: false }),
  "workOrders.assign": () => ({ workOrderId: ref.workOrder, assigneeId: ref.lineman, version: 1 }),
  "workOrders.cancel": () => ({ workOrderId: ref.workOrder, reason: "客户取消", version: 1 }),
  "workOrders.get": () => ({ workOrderId: ref.workOrder }),
  "users.create": () => ({ username: "fuzz-user", displayName: "新人", role: "lineman", department: "terminal_service", password: "a-long-password" }),
  "users.update": () => ({ userId: ref.user, displayName: "改名", role: "lineman", department: "terminal_service" }),
  "users.resetPassword": () => ({ userId: ref.user, password: "another-long-password" }),
  "instruments.create": () => ({
    assetTag: "YB-2026-9001",
    name: "光功率计",
    model: "PM-1",
    serial: "SN-1",
    kind: "光功率计",
    category: "public",
    department: "operations",
    keeperId: null,
    location: "仪表室",
    intakeDate: "2026-01-05",
    serviceLifeYears: 8,
  }),
  "instruments.list": () => ({ q: "光", category: "public" }),
  "instruments.get": () => ({ id: ref.instrument }),
  "instruments.recordCalibration": () => ({
    instrumentId: ref.instrument,
    certificateNo: "C-1",
    lab: "计量所",
    calibratedOn: "2026-11-01",
    result: "passed",
    note: "",
  }),
  "instruments.sendToRepair": () => ({ instrumentId: ref.instrument, repairer: "厂家", note: "" }),
  "instruments.requestScrap": () => ({ instrumentId: ref.instrument, reason: "beyond_repair", note: "坏了" }),
  "instruments.importCsv": () => ({ csv: "assetTag,name\nYB-2026-9002,表\n" }),
  "licenses.lookup": () => ({ licenseNo: "00-D710-208870" }),
  "sync.registerDevice": () => ({ deviceId: "0b6e1c2a-8c0f-4a61-9d53-7f1f8a0b4c21", label: "phone" }),
};

/** Valid args and expected of the offline mutations, for the same one-value replacement. */
const VALID_MUTATION: Partial<Record<TMutationName, () => { args: Record<string, unknown>; expected?: Record<string, unknown> }>> = {
  "item.changeLabel": () => ({ args: { itemId: ref.item, to: "in_use", reason: "issued_for_use", note: "" }, expected: { from: "accepted", version: 1 } }),
  "workOrder.transition": () => ({ args: { workOrderId: ref.workOrder, to: "en_route", reason: "" }, expected: { from: "assigned", version: 1 } }),
  "instrument.borrow": () => ({ args: { loanId: uuidv7(), instrumentId: ref.instrument, term: "short", purpose: "" } }),
  "instrument.reportFault": () => ({ args: { faultId: uuidv7(), instrumentId: ref.instrument, description: "不亮" } }),
};

interface ProcedureDef {
  type: "query" | "mutation" | "subscription";
  meta?: { roles?: "public" | readonly TRole[] };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, p]) => ({
  path,
  roles: p._def.meta?.roles,
}));

function procedureOf(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

/** Undefined when the call ended in an answer (a result or a 4xx); the error when it was a 500 or not a tRPC error. */
/** What a 500 says about itself: the server's own error when it rides along as the cause, else the error. */
const causeOf = (err: unknown): unknown => (err as Error).cause ?? err;

async function internalError(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (err) {
    if (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") return undefined;
    return err;
  }
}

const show = (v: unknown) => {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 300);
  } catch {
    return String(v).slice(0, 300);
  }
};

describe("fuzz: no input makes the server answer 500", () => {
  let t: TestDb;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    for (const u of await t.db.select({ id: users.id, role: users.role, username: users.username }).from(users)) {
      if (!ids.has(u.role)) ids.set(u.role, u.id);
      if (u.username === "lineman2") ref.user = u.id;
      if (u.username === "lineman") ref.lineman = u.id;
    }
    ref.workOrder = (await t.db.select({ id: workOrders.id }).from(workOrders).limit(1))[0]!.id;
    ref.instrument = (await t.db.select({ id: instruments.id }).from(instruments).limit(1))[0]!.id;
    ref.item = (await t.db.select({ id: items.id }).from(items).limit(1))[0]!.id;
  });
  afterAll(async () => t?.close());

  async function callerAs(role: TRole | "public"): Promise<Caller> {
    if (role === "public") return callerFor(t.db);
    const { token } = await createSession(t.db, { userId: ids.get(role)! });
    return callerFor(t.db, { cookie: `tm_session=${token}` });
  }

  it.each(procedures)(
    "$path",
    async ({ path, roles }) => {
      const role = roles === "public" || !roles ? "public" : roles[0]!;
      const valid = VALID[path];
      let run = 0;
      await fc.assert(
        fc.asyncProperty(valid ? fc.oneof({ weight: 3, arbitrary: mutated(valid) }, { weight: 1, arbitrary: input }) : input, async (v) => {
          // a fresh session per call: a call that ends it (logout) or enters customer mode cannot affect the next
          const caller = await callerAs(role);
          const err = await internalError(() => procedureOf(caller, path)(v));
          run++;
          if (err) throw new Error(`${path} answered 500 for ${show(v)}: ${String(causeOf(err))}`);
        }),
        { numRuns: valid ? RUNS_PER_PROCEDURE * 3 : RUNS_PER_PROCEDURE, seed: SEED + path.length, endOnFailure: true },
      );
      expect(run).toBeGreaterThanOrEqual(RUNS_PER_PROCEDURE);
    },
    240_000,
  );

  it.each(Object.keys(VALID))(
    "%s: every field of a valid input, replaced by each adversarial string in turn",
    async (path) => {
      const roles = procedures.find((p) => p.path === path)!.roles;
      const role = roles === "public" || !roles ? "public" : roles[0]!;
      const caller = await callerAs(role);
      const seed = VALID[path]!();
      let calls = 0;
      for (const at of leafPaths(seed).filter((p) => p.length > 0)) {
        for (const bad of NASTY) {
          const v = setAt(seed, at, bad);
          const err = await internalError(() => procedureOf(caller, path)(v));
          calls++;
          if (err) throw new Error(`${path} answered 500 for ${show(v)}: ${String(causeOf(err))}`);
        }
      }
      expect(calls).toBeGreaterThanOrEqual(NASTY.length);
    },
    240_000,
  );

  it.each(Object.keys(VALID_MUTATION) as TMutationName[])(
    "sync.push %s: every arg, replaced by each adversarial string in turn",
    async (name) => {
      const role: TRole = name.startsWith("item.") ? "warehouse_keeper" : name.startsWith("instrument.") ? "operations" : "lineman";
      const caller = await callerAs(role);
      const deviceId = await newDevice(caller);
      let seq = 0;
      const seed = VALID_MUTATION[name]!();
      for (const at of leafPaths(seed).filter((p) => p.length > 1)) {
        for (const bad of NASTY) {
          const v = setAt(seed, at, bad) as { args: unknown; expected?: unknown };
          const m = {
            mutationId: uuidv7(),
            deviceId,
            seq: seq + 1,
            name,
            schemaVersion: MUTATION_VERSIONS[name].at(-1)!,
            args: v.args,
            expected: v.expected,
            clientTime: new Date().toISOString(),
          };
          let answer: Awaited<ReturnType<Caller["sync"]["push"]>> | undefined;
          const err = await internalError(async () => {
            answer = await caller.sync.push({ deviceId, mutations: [m] });
          });
          if (err) throw new Error(`${name} answered 500 for ${show(v)}: ${String(causeOf(err))}`);
          expect(answer!.results).toHaveLength(1);
          seq = answer!.lastAppliedSeq;
        }
      }
      expect(seq).toBeGreaterThan(NASTY.length);
    },
    240_000,
  );

  it.each(Object.keys(MUTATION_VERSIONS) as TMutationName[])(
    "sync.push %s: random args and expected are answered, one result each",
    async (name) => {
      const role: TRole = name.startsWith("item.") ? "warehouse_keeper" : name.startsWith("instrument.") ? "operations" : "lineman";
      const caller = await callerAs(role);
      const deviceId = await newDevice(caller);
      let seq = 0;
      const valid = VALID_MUTATION[name];
      const pair = valid
        ? fc.oneof(
            {
              weight: 3,
              arbitrary: mutated(() => valid() as unknown as Record<string, unknown>).map(
                (v) => [(v as { args?: unknown })?.args, (v as { expected?: unknown })?.expected] as const,
              ),
            },
            { weight: 1, arbitrary: fc.tuple(value, value) },
          )
        : fc.tuple(value, value);
      await fc.assert(
        fc.asyncProperty(pair, fc.constantFrom(...MUTATION_VERSIONS[name], 0, 99), async ([args, expected], schemaVersion) => {
          const m = { mutationId: uuidv7(), deviceId, seq: seq + 1, name, schemaVersion, args, expected, clientTime: new Date().toISOString() };
          let answer: Awaited<ReturnType<Caller["sync"]["push"]>> | undefined;
          const err = await internalError(async () => {
            answer = await caller.sync.push({ deviceId, mutations: [m] });
          });
          if (err) throw new Error(`${name} v${schemaVersion} answered 500 for args ${show(args)} expected ${show(expected)}: ${String(causeOf(err))}`);
          if (answer) {
            expect(answer.results).toHaveLength(1);
            expect(["applied", "already_in_state", "rejected"]).toContain(answer.results[0]!.status);
            seq = answer.lastAppliedSeq;
          }
        }),
        { numRuns: valid ? RUNS_PER_MUTATION * 3 : RUNS_PER_MUTATION, seed: SEED + name.length, endOnFailure: true },
      );
      expect(seq).toBeGreaterThan(0);
    },
    240_000,
  );
});
