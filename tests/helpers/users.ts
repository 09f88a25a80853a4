import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { hashPassword } from "@/server/auth/password";
import { DEPARTMENT_ROWS } from "@/server/seed/demo";

/** The password of every user made by makeUser (hashed once per test file: argon2 is slow on purpose). */
export const TEST_PASSWORD = "correct horse battery";
let testHash: Promise<string> | undefined;

/** The departments users refer to (the demo seed adds them too). */
export async function ensureDepartments(db: Db): Promise<void> {
  await db.insert(departments).values(DEPARTMENT_ROWS).onConflictDoNothing();
}

/** Inserts a user directly (no audit event); password TEST_PASSWORD unless given. */
export async function makeUser(db: Db, opts: { role: TRole; username?: string; password?: string; department?: TDepartment; active?: boolean }) {
  await ensureDepartments(db);
  const passwordHash = opts.password ? await hashPassword(opts.password) : await (testHash ??= hashPassword(TEST_PASSWORD));
  const [row] = await db
    .insert(users)
    .values({
      username: opts.username ?? `${opts.role.replaceAll("_", "-")}-${randomBytes(4).toString("hex")}`,
      displayName: `Test ${opts.role}`,
      role: opts.role,
      department: opts.department ?? "terminal_service",
      active: opts.active ?? true,
      passwordHash,
    })
    .returning();
  return { ...row!, password: opts.password ?? TEST_PASSWORD };
}

export async function getUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}
