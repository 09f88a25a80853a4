import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instruments, users } from "@/db/schema";

export function listInstruments({ db }: { db: Db }) {
  return db
    .select({
      id: instruments.id,
      assetTag: instruments.assetTag,
      name: instruments.name,
      model: instruments.model,
      category: instruments.category,
      status: instruments.status,
      calibrationDue: instruments.calibrationDue,
      keeperName: users.displayName,
    })
    .from(instruments)
    .leftJoin(users, eq(users.id, instruments.keeperId))
    .orderBy(asc(instruments.calibrationDue), asc(instruments.assetTag));
}
