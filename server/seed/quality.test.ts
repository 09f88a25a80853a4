/** Issue 15: the quality demo: switch-demo1 signs in; one label check of HQ-EQ is planned today for the demo quality user. */
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { items, spotChecks, users } from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { readableEvidence } from "@/server/evidence/access";
import { login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { LABEL_PHOTO, warehousePerson } from "@/tests/helpers/warehouse";
import { DEMO_CHECK_ZONE, QUALITY_DEMO_USERS } from "./quality";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

describe("seedQuality", () => {
  it("adds switch-demo1 of the switching and transmission office, who signs in", async () => {
    const u = QUALITY_DEMO_USERS.find((x) => x.username === "switch-demo1")!;
    const { user } = await login(t.db, u.username, u.password);
    expect(user).toMatchObject({ role: "operations", department: "switching_transmission" });
  });

  it("plans one zone check for the demo quality user today, on a zone with items to check", async () => {
    const [quality] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "quality"));
    const checks = await t.db
      .select()
      .from(spotChecks)
      .where(and(eq(spotChecks.assigneeId, quality!.id), eq(spotChecks.status, "planned")));
    expect(checks).toMatchObject([{ target: "zone", zoneCode: DEMO_CHECK_ZONE, planned: true, plannedFor: operatorToday() }]);
    expect((await t.db.select().from(items).where(eq(items.zoneCode, DEMO_CHECK_ZONE))).length).toBeGreaterThanOrEqual(2);
  });

  it("a finding's photo is served to the department's head and the GM, not to another department's head", async () => {
    const checker = await warehousePerson(t.db, "quality", "enterprise_management");
    const [plan] = await t.db.select({ id: spotChecks.id }).from(spotChecks).where(eq(spotChecks.zoneCode, DEMO_CHECK_ZONE));
    const [quality] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "quality"));
    await t.db.update(spotChecks).set({ assigneeId: checker.id }).where(eq(spotChecks.id, plan!.id));
    const photo = { mime: "image/jpeg" as const, base64: Buffer.from(`${LABEL_PHOTO.base64} unique to the seed test`).toString("base64") };
    const r = await checker.push("spotCheck.submit", {
      id: plan!.id,
      planned: true,
      marks: [{ id: randomUUID(), tag: "EQ-000204", labelKind: "equipment", result: "wrong_label", photo, markedAt: new Date().toISOString() }],
    });
    expect(r).toMatchObject({ status: "applied" });
    await t.db.update(spotChecks).set({ assigneeId: quality!.id }).where(eq(spotChecks.id, plan!.id));
    const sha256 = createHash("sha256").update(Buffer.from(photo.base64, "base64")).digest("hex");
    const as = async (role: "department_head" | "general_manager", department: "operations" | "finance" | "enterprise_management") => {
      const p = await warehousePerson(t.db, role, department);
      const [u] = await t.db
        .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
        .from(users)
        .where(eq(users.id, p.id));
      return readableEvidence({ db: t.db, user: u!, sha256 });
    };
    expect(await as("department_head", "operations")).not.toBeNull();
    expect(await as("general_manager", "enterprise_management")).not.toBeNull();
    expect(await as("department_head", "finance")).toBeNull();
  });
});
