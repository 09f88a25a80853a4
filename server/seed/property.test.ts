/** Issue 16: the customer-property demo, seeded with the demo through the office's own code. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  evidenceFiles,
  maintenanceAgreements,
  propertyCases,
  propertyDocuments,
  propertyRoundInspectors,
  propertyRounds,
  users,
  workOrders,
} from "@/db/schema";
import { operatorToday } from "@/domain/time/operator";
import { documentResponse } from "@/server/property/documents-http";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { DEMO_USERS } from "./demo";
import { DEMO_MAINTENANCE, DEMO_PBX, DEMO_WORKS_PROJECT } from "./property";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ seed: true });
});
afterAll(async () => t?.close());

const signIn = (username: string) => login(t.db, username, DEMO_USERS.find((u) => u.username === username)!.password);

describe("seedProperty", () => {
  it("records a PBX application with the valid certificate, its first round scheduled today for the lineman and customer service", async () => {
    const [pbx] = await t.db.select().from(propertyCases).where(eq(propertyCases.kind, "pbx"));
    expect(pbx).toMatchObject({ customerName: DEMO_PBX.customerName, status: "scheduled", rounds: 1 });
    expect(pbx!.details).toMatchObject({ certificateNo: "03-A511-240178", model: "KX-TES824CN", registry: { verdict: "valid" } });
    const [round] = await t.db.select().from(propertyRounds).where(eq(propertyRounds.caseId, pbx!.id));
    expect(round).toMatchObject({ roundNo: 1, status: "scheduled", scheduledFor: operatorToday() });
    const inspectors = await t.db
      .select({ username: users.username })
      .from(propertyRoundInspectors)
      .innerJoin(users, eq(users.id, propertyRoundInspectors.userId))
      .where(eq(propertyRoundInspectors.roundId, round!.id));
    expect(inspectors.map((i) => i.username).sort()).toEqual(["lineman", "service"]);
  });

  it("a works project with its signed agreement, the design documents and the test report as real PDFs", async () => {
    const [works] = await t.db.select().from(propertyCases).where(eq(propertyCases.kind, "works"));
    expect(works).toMatchObject({ status: "recorded" });
    expect(works!.details).toMatchObject({ projectName: DEMO_WORKS_PROJECT, agreementKind: "acceptance" });
    const docs = await t.db.select().from(propertyDocuments).where(eq(propertyDocuments.caseId, works!.id));
    expect(docs.map((d) => d.kind).sort()).toEqual(["design", "test_report"]);
    for (const d of docs) {
      const [file] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, d.sha256));
      const text = Buffer.from(file!.data).toString("latin1");
      expect(text.startsWith("%PDF-1.4")).toBe(true);
      expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    }
    // Technology Development's head downloads them
    const techhead = await signIn("techhead");
    const res = await documentResponse(
      t.db,
      new Request(`${APP_ORIGIN}/api/property/documents/${docs[0]!.id}`, { headers: { cookie: techhead.cookie } }),
      docs[0]!.id,
    );
    expect(res.status).toBe(200);
  });

  it("a maintenance agreement in force for the customer of the terminal-maintenance work order, found by its contact phone", async () => {
    const [order] = await t.db.select().from(workOrders).where(eq(workOrders.code, "WO-2026-000104"));
    expect(order).toMatchObject({ kind: "terminal_maintenance", contact: DEMO_MAINTENANCE.customerPhone });
    const lineman = await signIn("lineman");
    const found = await lineman.caller.maintenance.forCustomer({ phone: order!.contact });
    expect(found).toMatchObject({ customerName: order!.customerName, status: "active", inForce: true });
    const [row] = await t.db.select().from(maintenanceAgreements).where(eq(maintenanceAgreements.id, found!.id));
    expect(row!.signatureSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
