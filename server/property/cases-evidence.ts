import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { mayReadCases } from "@/domain/property/model";
import type { SessionUser } from "@/server/auth/session";
import { actorOf } from "./cases";

/**
 * The file is an inspector's signature or one of an item's photos of a customer-property inspection round, or a
 * document of a case (an image: the application, certificate, agreement …), the works customer's signature on the
 * agreement or a maintenance agreement's signature: the case readers see it (domain mayReadCases), and the round's own
 * named inspectors see their round's files.
 */
export async function onReadablePropertyCase(db: Db, user: SessionUser, sha256: string): Promise<boolean> {
  const reader = mayReadCases(actorOf(user));
  const found = await db.execute(sql`SELECT r.id AS round_id FROM property_rounds r WHERE
      EXISTS (SELECT 1 FROM property_round_inspectors i WHERE i.round_id = r.id AND i.signature_sha256 = ${sha256})
      OR EXISTS (SELECT 1 FROM property_round_items t WHERE t.round_id = r.id AND ${sha256} = ANY(t.photo_sha256s))
    UNION ALL SELECT NULL FROM property_documents d WHERE d.sha256 = ${sha256}
    UNION ALL SELECT NULL FROM property_cases c WHERE c.kind = 'works' AND c.details->>'signatureSha256' = ${sha256}
    UNION ALL SELECT NULL FROM maintenance_agreements m WHERE m.signature_sha256 = ${sha256}
    LIMIT 50`);
  const rows = rowsOf<{ round_id: string | null }>(found);
  if (rows.length === 0) return false;
  if (reader) return true;
  const rounds = rows.flatMap((r) => (r.round_id ? [r.round_id] : []));
  if (rounds.length === 0) return false;
  const named = await db.execute(
    sql`SELECT 1 FROM property_round_inspectors WHERE user_id = ${user.id} AND round_id IN (${sql.join(
      rounds.map((id) => sql`${id}`),
      sql`, `,
    )}) LIMIT 1`,
  );
  return rowsOf(named).length > 0;
}
