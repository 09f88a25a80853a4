import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

/** Active people for the keeper's and the office's pickers (issue to, person responsible), by name. */
export function listPeople(db: Db) {
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role, department: users.department })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.displayName), asc(users.id));
}
