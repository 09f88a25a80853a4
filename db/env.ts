import "server-only";
import { z } from "zod";

/**
 * The database's part of the environment, validated here so that db/ (the client, `npm run db:migrate`) needs
 * nothing from server/. server/env.ts validates the whole environment from these same fields plus the server's own;
 * each variable is declared once (ADR 0031). Every variable is listed in README.md.
 */
export const DB_ENV_SHAPE = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_URL must be a postgres:// or postgresql:// URL" })
    .optional(),
  /**
   * Optional: the tables' owner, for migrations only. Set it when DATABASE_URL names a login role that is only a
   * member of tracemark_app (the recommended deployment, ADR 0018); unset, DATABASE_URL's user migrates and the
   * app's connections switch to tracemark_app.
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "DATABASE_OWNER_URL must be a postgres:// or postgresql:// URL" })
    .optional(),
  /**
   * Optional: connections each app process keeps to PostgreSQL (default 10). A push or a pull holds one for its whole
   * transaction, so this bounds how many run at once per process; keep processes × this under the server's
   * max_connections (docs/operations/several-processes.md).
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
};
const ZDbEnv = z.object(DB_ENV_SHAPE);
export type TDbEnv = z.infer<typeof ZDbEnv>;

/** process.env through a schema, or one error naming every bad variable (the message a bad start shows). */
export function parseEnv<T extends z.ZodType>(schema: T, source: Record<string, string | undefined> = process.env): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee README.md, "Environment".`);
  }
  return parsed.data;
}

let cached: TDbEnv | undefined;

/** The database's variables, validated once. */
export function dbEnv(): TDbEnv {
  cached ??= parseEnv(ZDbEnv);
  return cached;
}

/** Tests only (through server/env.ts's resetEnvForTests): forget the validated variables. */
export function resetDbEnvForTests(): void {
  cached = undefined;
}
