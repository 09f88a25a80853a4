import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { catchError } from "@/tests/helpers/errors";
import { nextTag } from "@/tests/helpers/instruments";

/**
 * Issue 11 §2–3: every bad input to an office procedure is a 4xx bad_input naming the field, never a 500: NUL and
 * lone surrogates anywhere (the backstop, server/trpc.ts), nesting without bound, and deceptive characters by each
 * field's rule (domain/text/rules.ts).
 */
describe("office procedures: bad text is bad_input with the field, never a 500", () => {
  let t: TestDb;
  let service: Caller;
  let admin: Caller;
  let custodian: Caller;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ caller: service } = await login(t.db, "service", "service-demo"));
    ({ caller: admin } = await login(t.db, "admin", "admin-demo-1"));
    ({ caller: custodian } = await login(t.db, "custodian", "custodian-demo"));
  });
  afterAll(async () => t?.close());

  const order = (over: Record<string, unknown> = {}) => ({
    kind: "install" as const,
    customerName: "王小明",
    address: "北京路 1 号",
    contact: "13800000000",
    service: "宽带 300M",
    scheduledFor: "2026-12-10",
    clerkCheck: true,
    ...over,
  });
  const instrument = (over: Record<string, unknown> = {}) => ({
    assetTag: nextTag(),
    name: "光功率计",
    model: "PM-1",
    serial: "SN-1",
    kind: "光功率计",
    category: "public" as const,
    department: "operations" as const,
    location: "仪表室",
    intakeDate: "2026-01-05",
    serviceLifeYears: 8,
    ...over,
  });
  const user = (over: Record<string, unknown> = {}) => ({
    username: `guard-${Math.random().toString(36).slice(2, 8)}`,
    displayName: "新人",
    role: "lineman" as const,
    department: "terminal_service" as const,
    password: "a-long-password",
    ...over,
  });

  const cases: [string, () => Promise<unknown>, string, string][] = [
    ["workOrders.create notes with NUL", () => service.workOrders.create(order({ notes: "a\u0000b" })), "notes", "validation.text.nul"],
    [
      "workOrders.create name with a lone surrogate",
      () => service.workOrders.create(order({ customerName: "王\uD800" })),
      "customerName",
      "validation.text.lone_surrogate",
    ],
    [
      "workOrders.create contact with a bidi override",
      () => service.workOrders.create(order({ contact: "\u202E1380000000\u202C" })),
      "contact",
      "validation.text.bidi",
    ],
    [
      "workOrders.create address with a control character",
      () => service.workOrders.create(order({ address: "北京路\u001B[2J" })),
      "address",
      "validation.text.control",
    ],
    ["workOrders.desk q with NUL", () => service.workOrders.desk({ q: "\u0000" }), "q", "validation.text.nul"],
    ["users.create name with NUL", () => admin.users.create(user({ displayName: "x\u0000" })), "displayName", "validation.text.nul"],
    ["users.create name with an override", () => admin.users.create(user({ displayName: "\u202Eadmin" })), "displayName", "validation.text.bidi"],
    ["instruments.create with NUL", () => custodian.instruments.create(instrument({ name: "\u0000" })), "name", "validation.text.nul"],
    ["instruments.list q with NUL", () => custodian.instruments.list({ q: "a\u0000" }), "q", "validation.text.nul"],
  ];

  it.each(cases)("%s", async (_name, call, field, message) => {
    const { shape } = await catchError(call);
    expect(shape.data.httpStatus).toBe(400);
    expect(shape.data.appCode).toBe("bad_input");
    expect(shape.data.fieldErrors?.[field]).toBe(message);
  });

  it("input nested 100,000 deep is bad_input too_deep (no stack overflow)", async () => {
    const deep: unknown = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
    // a nested array where a string belongs: what the type forbids is what the server must refuse
    const { shape } = await catchError(() => service.workOrders.desk({ q: deep as string }));
    expect(shape.data).toMatchObject({ httpStatus: 400, appCode: "bad_input", details: { reason: "too_deep" } });
  });

  it("what passes is stored normalised: NFC, trimmed, invisible characters dropped", async () => {
    const created = await service.workOrders.create(order({ customerName: "  Cafe\u0301 \u200B", contact: "138\u200B0000\u20600000" }));
    const detail = await service.workOrders.get({ workOrderId: created.id });
    expect(detail.workOrder.customerName).toBe("Caf\u00e9");
    expect(detail.workOrder.contact).toBe("13800000000");
  });

  it("a password is compared as typed (not trimmed or normalised)", async () => {
    const u = user({ password: "  spaced Cafe\u0301  " });
    await admin.users.create(u);
    await expect(login(t.db, u.username, "spaced Cafe\u0301")).rejects.toBeTruthy();
    const ok = await login(t.db, u.username, "  spaced Cafe\u0301  ");
    expect(ok.user.username).toBe(u.username);
  });
});
