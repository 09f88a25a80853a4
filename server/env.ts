import "server-only";
import { z } from "zod";
import { DB_ENV_SHAPE, parseEnv, resetDbEnvForTests } from "@/db/env";
import { parseTrustedProxies, type TrustedProxies } from "./http/proxy";

/** Environment, validated once at start. Every variable is listed in README.md. */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** DATABASE_URL, DATABASE_OWNER_URL, PGLITE_DIR: declared by db/env.ts, which db/ reads without server/. */
  ...DB_ENV_SHAPE,
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().max(365).default(30),
  /** Extra origins allowed to send mutations, comma separated (the app's own origin is always allowed). */
  ALLOWED_ORIGINS: z.string().default(""),
  /** "auto" marks cookies Secure when the request arrived over https (directly or via a proxy). */
  COOKIE_SECURE: z.enum(["auto", "always", "never"]).default("auto"),
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto/-Host are believed: addresses and CIDRs, comma separated
   * (`loopback` = 127.0.0.0/8 and ::1). "" or "0": none, the connection's address is the client. ADR 0024.
   */
  TRUST_PROXY: z
    .string()
    .default("0")
    .transform((raw, ctx): TrustedProxies => {
      const parsed = parseTrustedProxies(raw);
      if (parsed.ok) return parsed.value;
      for (const message of parsed.problems) ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  /** Failed logins per minute from all addresses together: a backstop no choice of address gets round. */
  LOGIN_MAX_FAILURES_GLOBAL_PER_MINUTE: z.coerce.number().int().positive().default(100),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  PUSH_MAX_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** The poison rule: a mutation failing the same deterministic way this many times in a row is rejected (server_error). */
  SYNC_POISON_AFTER: z.coerce.number().int().min(1).max(100).default(3),
  /** Expensive procedures per user per minute (server/http/expensive.ts): CSV imports (licenses, instruments). */
  IMPORT_MAX_PER_MINUTE: z.coerce.number().int().positive().default(6),
  /** PDFs per user per minute: the work-order record, instrument labels and register PDFs. */
  PDF_MAX_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Audit-chain verifications per user per minute (each reads the whole log and every evidence file). */
  AUDIT_VERIFY_MAX_PER_MINUTE: z.coerce.number().int().positive().default(2),
  /**
   * The job runner (ADR 0029). "on": this process works jobs and keeps schedules. "off": it only sends them (jobs wait
   * in the database for a process that is on): for tests, benches, or a web-only replica.
   */
  JOBS: z.enum(["on", "off"]).default("on"),
  /**
   * e2e only: "on" opens POST /api/test/clock, which moves the server's clock (server/clock.ts) forward and runs the
   * complaints' deadline sweep. Never on in production: the route answers 404 otherwise.
   */
  TEST_CLOCK: z.enum(["on", "off"]).default("off"),
});
export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  cached ??= parseEnv(ZEnv);
  return cached;
}

/** Tests only: forget the validated environment, so the next env() reads process.env again (after vi.stubEnv). */
export function resetEnvForTests(): void {
  cached = undefined;
  resetDbEnvForTests();
}
