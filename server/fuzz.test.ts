import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import type { TRole } from "@/domain/auth/roles";
import { MUTATION_VERSIONS, type TMutationName } from "@/domain/sync/protocol";
import { createSession } from "@/server/auth/session";
import { appRouter } from "@/server/root";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
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

/** Field names the schemas use, so that random objects reach past "unknown key" into the fields' own rules. */
const FIELDS = [
  "id", "workOrderId", "instrumentId", "itemId", "loanId", "requestId", "userId", "deviceId", "handoverId", "checkId",
  "q", "kind", "status", "group", "note", "notes", "reason", "contact", "customerName", "address", "service",
  "scheduledFor", "dueAt", "keyCustomer", "assigneeId", "version", "username", "displayName", "password", "role",
  "department", "csv", "assetTag", "name", "model", "serial", "category", "location", "intakeDate", "serviceLifeYears",
  "decision", "term", "dueOn", "purpose", "condition", "to", "from", "zoneCode", "photo", "signature", "mime",
  "base64", "strokes", "points", "checklist", "snapshot", "evidenceHash", "signerName", "comment", "ratings",
  "licenseNo", "markCode", "equipmentType", "pbx", "result", "outcome", "file", "locale", "everywhere", "cursor",
  "reference", "mutationId", "resolution", "caption", "description", "care", "toUsername", "geo", "lat", "lng",
  "__proto__", "constructor", "prototype", "toString", "valueOf",
];

const nasty = fc.constantFrom(
  "", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFFx", "\u202E1380000000\u202C", "\u2066x\u2069", "\u200B", "\uFEFF",
  "\u001B[2J", "\r\n", "\u0085", "'; drop table users; --", "%00", "../../etc/passwd", "<script>alert(1)</script>",
  "𠮷😀👨\u200D👩", "Ａ", "0", "-1", "NaN", "1e309", "2026-02-30", "2026-12-04T25:00:00Z", "00-D710-208870",
  "01920000-0000-7000-8000-000000000001", "00000000-0000-0000-0000-000000000000", "x".repeat(70_000),
);
const oddNumber = fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity);

function deep(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { q: v };
  return v;
}

const leaf = fc.oneof(nasty, oddNumber, fc.string(), fc.string({ unit: "binary", maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: false }));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 5 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 3 }),
  ),
}));
/** An input: mostly objects with the schemas' field names, sometimes anything at all, sometimes 100,000 deep. */
const input = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }) },
  { weight: 2, arbitrary: value },
  { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
  { weight: 1, arbitrary: fc.constantFrom(deep(100_000), deep(40), JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')) },
);

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
    }
  });
  afterAll(async () => t?.close());

  async function callerAs(role: TRole | "public"): Promise<Caller> {
    if (role === "public") return callerFor(t.db);
    const { token } = await createSession(t.db, { userId: ids.get(role)! });
    return callerFor(t.db, { cookie: `tm_session=${token}` });
  }

  it.each(procedures)("$path", async ({ path, roles }) => {
    const role = roles === "public" || !roles ? "public" : roles[0]!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(input, async (v) => {
        // a fresh session per call: a call that ends it (logout) or enters customer mode cannot affect the next
        const caller = await callerAs(role);
        const err = await internalError(() => procedureOf(caller, path)(v));
        run++;
        if (err) throw new Error(`${path} answered 500 for ${show(v)}: ${String((err as Error)?.cause ?? err)}`);
      }),
      { numRuns: RUNS_PER_PROCEDURE, seed: SEED + path.length, endOnFailure: true },
    );
    expect(run).toBeGreaterThanOrEqual(RUNS_PER_PROCEDURE);
  }, 240_000);

  it.each(Object.keys(MUTATION_VERSIONS) as TMutationName[])("sync.push %s: random args and expected are answered, one result each", async (name) => {
    const role: TRole = name.startsWith("item.") ? "warehouse_keeper" : name.startsWith("instrument.") ? "operations" : "lineman";
    const caller = await callerAs(role);
    const deviceId = await newDevice(caller);
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(value, value, fc.constantFrom(...MUTATION_VERSIONS[name], 0, 99), async (args, expected, schemaVersion) => {
        const m = { mutationId: uuidv7(), deviceId, seq: seq + 1, name, schemaVersion, args, expected, clientTime: new Date().toISOString() };
        let answer: Awaited<ReturnType<Caller["sync"]["push"]>> | undefined;
        const err = await internalError(async () => {
          answer = await caller.sync.push({ deviceId, mutations: [m] });
        });
        if (err) throw new Error(`${name} v${schemaVersion} answered 500 for args ${show(args)} expected ${show(expected)}: ${String((err as Error)?.cause ?? err)}`);
        if (answer) {
          expect(answer.results).toHaveLength(1);
          expect(["applied", "already_in_state", "rejected"]).toContain(answer.results[0]!.status);
          seq = answer.lastAppliedSeq;
        }
      }),
      { numRuns: RUNS_PER_MUTATION, seed: SEED + name.length, endOnFailure: true },
    );
    expect(seq).toBeGreaterThan(0);
  }, 240_000);
});
