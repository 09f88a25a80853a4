/**
 * The load bench's world (bench/load.ts): a fresh database (PGlite data directory or a throwaway PostgreSQL
 * database) with the demo data plus, per simulated phone, an operations user of its own working at a site of its
 * own (user_sites), one zone there and its own equipment items, and the production server started on it.
 */
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";
import { items, sites, users, userSites, zones } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { seedDemo } from "@/server/seed/demo";
import { seededDataDir, startAppServer } from "@/tests/e2e/support/server";

export const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const BENCH_PASSWORD = "load-bench-pass-001";

export interface BenchPhoneSeed {
  username: string;
  site: string;
  zone: string;
  /** Equipment item ids with the tag codes they carry, all `in_service`, version 1. */
  items: { id: string; tag: string }[];
}

export interface World {
  baseUrl: string;
  phones: BenchPhoneSeed[];
  /** A connection as the database owner, for the after-run checks (closed by `stop`). */
  sql: <T>(query: string) => Promise<T[]>;
  /** The app server processes' ids (CPU sampling). */
  pids: () => number[];
  /** The PostgreSQL backends serving the bench database (CPU sampling); none on PGlite. */
  pgPids: () => Promise<number[]>;
  /** The PostgreSQL database name when on PostgreSQL. */
  dbName: string | null;
  stop: () => Promise<void>;
}

const pad = (n: number, w = 4) => String(n).padStart(w, "0");

/** Inserts the phones' users, sites, zones and items; one password hash serves every user (hashing is slow on purpose). */
export async function seedPhones(handle: DbHandle, phones: number, itemsPerPhone: number, tag = ""): Promise<BenchPhoneSeed[]> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const out: BenchPhoneSeed[] = [];
  const CHUNK = 100;
  for (let start = 0; start < phones; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, phones - start) }, (_, i) => start + i + 1);
    await handle.db
      .insert(sites)
      .values(idx.map((i) => ({ code: `LB${tag}-S${pad(i)}`, nameZh: `压测站点 ${i}`, nameEn: `Load site ${i}`, address: `Bench road ${i}` })));
    await handle.db.insert(zones).values(
      idx.map((i) => ({
        code: `LB${tag}-Z${pad(i)}`,
        siteCode: `LB${tag}-S${pad(i)}`,
        kind: "site" as const,
        nameZh: `压测区 ${i}`,
        nameEn: `Load zone ${i}`,
      })),
    );
    const made = await handle.db
      .insert(users)
      .values(
        idx.map((i) => ({
          username: `load${tag.toLowerCase()}${pad(i)}`,
          displayName: `Load phone ${i}`,
          passwordHash,
          role: "operations" as const,
          department: "operations" as const,
        })),
      )
      .returning({ id: users.id, username: users.username });
    await handle.db.insert(userSites).values(made.map((u, k) => ({ userId: u.id, siteCode: `LB${tag}-S${pad(idx[k]!)}` })));
    const rows = idx.flatMap((i) =>
      Array.from({ length: itemsPerPhone }, (_, j) => ({
        tagCode: `EQ-L${tag}${pad(i)}-${pad(j + 1, 3)}`,
        kind: "equipment" as const,
        name: `Load rack ${i}/${j + 1}`,
        zoneCode: `LB${tag}-Z${pad(i)}`,
        status: "in_service" as const,
      })),
    );
    const ins = await handle.db.insert(items).values(rows).returning({ id: items.id, tag: items.tagCode, zone: items.zoneCode });
    for (const i of idx) {
      const zone = `LB${tag}-Z${pad(i)}`;
      out.push({
        username: `load${tag.toLowerCase()}${pad(i)}`,
        site: `LB${tag}-S${pad(i)}`,
        zone,
        items: ins.filter((r) => r.zone === zone).map((r) => ({ id: r.id, tag: r.tag })),
      });
    }
  }
  return out;
}

/** The processes listening on these loopback ports (`ss -ltnp`), with their descendants: the app server(s) to sample. */
export function listeningPids(ports: number[]): number[] {
  const out = new Set<number>();
  for (const port of ports) {
    try {
      const text = execFileSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" });
      for (const m of text.matchAll(/pid=(\d+)/g)) for (const p of withChildren(Number(m[1]))) out.add(p);
    } catch {
      // no ss, or nothing listening
    }
  }
  return [...out];
}

function withChildren(root: number): number[] {
  const all = [root];
  try {
    const text = readFileSync(`/proc/${root}/task/${root}/children`, "utf8").trim();
    for (const c of text.split(/\s+/).filter(Boolean)) all.push(...withChildren(Number(c)));
  } catch {
    // gone
  }
  return all;
}

export interface StartOptions {
  db: "pglite" | "postgres";
  phones: number;
  itemsPerPhone: number;
  port: number;
  /** Extra server environment (NODE_OPTIONS for a CPU profile, PUSH_MAX_PER_MINUTE…). */
  env?: Record<string, string>;
  /** PostgreSQL only: log every statement with its duration (the profile's per-statement figures). */
  logStatements?: boolean;
}

export async function startWorld(o: StartOptions): Promise<World> {
  if (o.db === "pglite") {
    const dataDir = await seededDataDir();
    const handle = await openDb({ kind: "pglite", dataDir }, { asOwner: true });
    const phones = await seedPhones(handle, o.phones, o.itemsPerPhone);
    await handle.close();
    const server = await startAppServer({ port: o.port, dataDir, env: o.env });
    let checker: DbHandle | null = null;
    return {
      baseUrl: server.baseUrl,
      phones,
      dbName: null,
      pids: () => listeningPids([o.port]),
      pgPids: () => Promise.resolve([]),
      // PGlite is one process's: the checks open the data directory once the server has stopped
      sql: async <T>(query: string) => {
        if (!checker) {
          await server.stop();
          checker = await openDb({ kind: "pglite", dataDir }, { migrate: false, asOwner: true });
        }
        const { sql: raw } = await import("drizzle-orm");
        const res = await checker.db.execute(raw.raw(query));
        return (res as { rows?: T[] }).rows ?? (res as T[]);
      },
      stop: async () => {
        await server.stop();
        await checker?.close();
      },
    };
  }
  const name = `tm_load_${randomBytes(4).toString("hex")}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDb({ kind: "postgres", url }, { asOwner: true });
  await seedDemo(handle.db);
  const phones = await seedPhones(handle, o.phones, o.itemsPerPhone);
  await handle.close();
  if (o.logStatements) await admin.unsafe(`alter database ${name} set log_min_duration_statement = 0`);
  const server = await startAppServer({ port: o.port, env: { DATABASE_URL: url, ...o.env } });
  const owner = postgres(url, { max: 2, onnotice: () => {} });
  return {
    baseUrl: server.baseUrl,
    phones,
    dbName: name,
    pids: () => listeningPids([o.port]),
    pgPids: () => backends(owner, name),
    sql: async <T>(query: string) => (await owner.unsafe(query)) as unknown as T[],
    stop: async () => {
      await server.stop();
      await owner.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function backends(sql: postgres.Sql, name: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

/**
 * Servers already running (`--url`, e.g. several processes behind a balancer) on the PostgreSQL database at
 * `databaseUrl`: the phones are added to it under a fresh tag; the app processes sampled are those listening on
 * the balancer's and the apps' ports is unknown here, so the ones found by `APP_PORTS` (comma list) if set.
 */
export async function urlWorld(o: { baseUrl: string; databaseUrl?: string; phones: number; itemsPerPhone: number }): Promise<World> {
  if (!o.databaseUrl) throw new Error("--url needs --database-url (the PostgreSQL database the servers use): the phones' users are added there");
  const tag = randomBytes(2).toString("hex").toUpperCase();
  const handle = await openDb({ kind: "postgres", url: o.databaseUrl }, { migrate: false, asOwner: true });
  const phones = await seedPhones(handle, o.phones, o.itemsPerPhone, tag);
  await handle.close();
  const owner = postgres(o.databaseUrl, { max: 2, onnotice: () => {} });
  const name = new URL(o.databaseUrl).pathname.slice(1);
  const ports = (process.env.APP_PORTS ?? "").split(",").filter(Boolean).map(Number);
  return {
    baseUrl: o.baseUrl,
    phones,
    dbName: name,
    pids: () => listeningPids(ports),
    pgPids: () => backends(owner, name),
    sql: async <T>(query: string) => (await owner.unsafe(query)) as unknown as T[],
    stop: () => owner.end(),
  };
}
