import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintEscalations, complaints, keyCustomers } from "@/db/schema";
import { COMPLAINT_CODE_RE } from "@/domain/complaints/codes";
import { isComplaintOverdue } from "@/domain/complaints/deadlines";
import { createTestDb, type TestDb } from "@/tests/helpers/db";

/** Issue 13: the demo's complaints desk has a form at every stage, made by the same code as the phones and the desk. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

describe("the demo seed's complaints", () => {
  it("holds forms at every stage, each numbered, and the key customers' ones recognised by their phone numbers", async () => {
    const rows = await t.db.select().from(complaints).orderBy(asc(complaints.receivedAt));
    expect(rows).toHaveLength(7);
    for (const r of rows) expect(r.code).toMatch(COMPLAINT_CODE_RE);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["recorded", "accepted", "resolved", "classified", "closed"]));
    const hospital = (await t.db.select().from(keyCustomers).where(eq(keyCustomers.name, "市第一医院 City Hospital No.1")))[0]!;
    const late = rows.find((r) => r.keyCustomerId === hospital.id && r.kind === "complaint")!;
    expect(late.channel).toBe("line_189");
    expect(isComplaintOverdue(late, new Date())).toBe(true);
    const escalations = await t.db.select().from(complaintEscalations).where(eq(complaintEscalations.complaintId, late.id));
    expect(escalations.map((e) => e.cause).sort()).toEqual(["deadline_passed", "serious"]);
    const answeredAtOnce = rows.find((r) => r.kind === "inquiry")!;
    expect(answeredAtOnce).toMatchObject({ status: "closed", replyMethod: "on_site" });
    expect(rows.filter((r) => r.kind === "service_request")).toHaveLength(1);
  });
});
