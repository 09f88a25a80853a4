import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, rowsOf, type DbHandle } from "@/db/client";
import { appendAuditEvent } from "@/server/audit/service";
import { verifyAll } from "@/server/audit/verify";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";

/**
 * The recommended deployment (ADR 0018): DATABASE_URL names a login role that is only a member of tracemark_app,
 * DATABASE_OWNER_URL the tables' owner for migrations. Such a connection cannot get its way back to the owner's
 * rights, so no statement the app could be tricked into sending rewrites a record. PostgreSQL only: PGlite has one
 * built-in superuser and no logins.
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("a web login that is only a member of tracemark_app", () => {
  let t: TestDb;
  let web: DbHandle;
  const login = `tm_web_${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    t = await createTestDb();
    await t.asOwner((owner) => owner.execute(sql.raw(`CREATE ROLE ${login} LOGIN IN ROLE tracemark_app`)));
    const url = new URL(t.url!);
    url.username = login;
    web = await openDb({ kind: "postgres", url: url.toString(), ownerUrl: t.url!, max: 2 });
  });
  afterAll(async () => {
    await web?.close();
    await t?.asOwner((owner) => owner.execute(sql.raw(`DROP ROLE IF EXISTS ${login}`)));
    await t?.close();
  });

  async function refusal(statement: string): Promise<string> {
    const err = await web.db.execute(sql.raw(statement)).then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(err, `accepted: ${statement}`).not.toBeNull();
    return err!.cause?.message ?? err!.message;
  }

  it("works as the app: migrations ran as the owner, rows are written and the chain grows", async () => {
    const [who] = rowsOf<{ s: string; c: string }>(await web.db.execute(sql`SELECT session_user AS s, current_user AS c`));
    expect(who).toEqual({ s: login, c: "tracemark_app" });
    const user = await makeUser(web.db, { role: "lineman" });
    await appendAuditEvent(web.db, { actorId: user.id, subjectType: "user", subjectId: user.id, event: { name: "user.passwordReset", payload: {} } });
    expect((await verifyAll(web.db)).ok).toBe(true);
  });

  it("cannot rewrite records, switch their guards off, or climb back to the owner", async () => {
    expect(await refusal(`UPDATE audit_events SET payload = '{}'::jsonb`)).toMatch(/permission denied/);
    expect(await refusal(`DELETE FROM evidence_files`)).toMatch(/permission denied/);
    expect(await refusal(`ALTER TABLE audit_events DISABLE TRIGGER USER`)).toMatch(/must be (the )?owner/);
    expect(await refusal(`SET ROLE "${new URL(t.url!).username}"`)).toMatch(/permission denied/);
    // RESET ROLE returns to the login itself, which has no more than tracemark_app
    await web.db.execute(sql`RESET ROLE`);
    expect(await refusal(`UPDATE audit_events SET payload = '{}'::jsonb`)).toMatch(/permission denied/);
    expect(await refusal(`UPDATE audit_chain_head SET last_seq = 0`)).toMatch(/permission denied/);
    expect((await verifyAll(web.db)).ok).toBe(true);
  });
});
