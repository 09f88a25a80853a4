import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { evidenceFiles, itemLabelEvents, items, sessions } from "@/db/schema";
import { hashToken } from "@/server/auth/session";
import type { TDepartment, TRole } from "@/domain/auth/roles";
import { recordedForm } from "@/server/complaints/steps.fixtures";
import { readableEvidence } from "@/server/evidence/access";
import { evidenceResponse } from "@/server/evidence/http";
import { makeClosedWorkOrder, photoJpeg, type ClosedWorkOrder } from "@/tests/helpers/closed-work-order";
import { APP_ORIGIN, login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { makeUser } from "@/tests/helpers/users";

let t: TestDb;
let wo: ClosedWorkOrder;
const cookies = new Map<string, string>();
const users = new Map<string, Awaited<ReturnType<typeof makeUser>>>();
let itemPhoto: string;
let strayPhoto: string;
let svgFile: string;

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  t = await createTestDb();
  const roles: [string, TRole][] = [
    ["lineman", "lineman"],
    ["otherLineman", "lineman"],
    ["service", "customer_service"],
    ["quality", "quality"],
    ["ops", "operations"],
    ["head", "department_head"],
    ["admin", "admin"],
    ["keeper", "warehouse_keeper"],
    ["custodian", "instrument_custodian"],
  ];
  for (const [key, role] of roles) {
    const u = await makeUser(t.db, { role, username: `ev-${key.toLowerCase()}` });
    users.set(key, u);
    cookies.set(key, (await login(t.db, u.username, u.password)).cookie);
  }
  wo = await makeClosedWorkOrder(t.db, { linemanId: users.get("lineman")!.id, officeId: users.get("admin")!.id });
  // A label photo on an item's timeline, uploaded by the keeper; a photo the custodian uploaded that no record uses;
  // an SVG (never served: it could carry script).
  const [photo, stray] = [await photoJpeg(90), await photoJpeg(300)];
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  [itemPhoto, strayPhoto, svgFile] = [sha(photo), sha(stray), sha(svg)];
  await t.db.insert(evidenceFiles).values([
    { sha256: itemPhoto, mime: "image/jpeg", size: photo.length, data: new Uint8Array(photo), createdBy: users.get("keeper")!.id },
    { sha256: strayPhoto, mime: "image/jpeg", size: stray.length, data: new Uint8Array(stray), createdBy: users.get("custodian")!.id },
    { sha256: svgFile, mime: "image/svg+xml", size: svg.length, data: new Uint8Array(svg), createdBy: users.get("admin")!.id },
  ]);
  const [item] = await t.db.insert(items).values({ tagCode: "ST-990001", kind: "material", name: "光猫 ONT", status: "pending_inspection" }).returning();
  await t.db.insert(itemLabelEvents).values({
    itemId: item!.id,
    fromStatus: "received",
    toStatus: "pending_inspection",
    reason: "arrived",
    actorId: users.get("keeper")!.id,
    versionAfter: 2,
    photoSha256: itemPhoto,
  });
});
afterAll(async () => {
  await t?.close();
});

function get(sha256: string, who?: string, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  if (who) h.set("cookie", cookies.get(who)!);
  return evidenceResponse(t.db, new Request(`${APP_ORIGIN}/api/evidence/${sha256}`, { headers: h }), sha256);
}

/** Who gets which file: 200 or 404 (never telling a refused file from a missing one). */
describe("GET /api/evidence/<sha256>: who sees what", () => {
  const cases: [string, () => string, Record<string, 200 | 404>][] = [
    [
      "a work order's customer signature",
      () => wo.signatureSha256,
      { lineman: 200, otherLineman: 404, service: 200, quality: 200, ops: 200, head: 404, admin: 200, keeper: 404, custodian: 404 },
    ],
    ["a work order's photo", () => wo.photoSha256s[1]!, { lineman: 200, otherLineman: 404, service: 200, keeper: 404, custodian: 404 }],
    ["an item's label photo", () => itemPhoto, { lineman: 200, otherLineman: 200, keeper: 200, ops: 200, quality: 200, custodian: 404 }],
    ["a file only its uploader's records know", () => strayPhoto, { custodian: 200, lineman: 404, keeper: 404, admin: 200 }],
    ["an SVG, even to an admin", () => svgFile, { admin: 404, quality: 404 }],
    ["a file that does not exist", () => "0".repeat(64), { admin: 404, lineman: 404 }],
    ["a name that is not a hash", () => "..%2F..%2Fetc%2Fpasswd", { admin: 404 }],
  ];
  it.each(cases)("%s", async (_name, file, expected) => {
    const got: Record<string, number> = {};
    for (const who of Object.keys(expected)) got[who] = (await get(file(), who)).status;
    expect(got).toEqual(expected);
  });

  it("answers 401 without a session, and 401 for a made-up cookie", async () => {
    expect((await get(wo.signatureSha256)).status).toBe(401);
    const forged = await evidenceResponse(t.db, new Request(`${APP_ORIGIN}/api/evidence/x`, { headers: { cookie: "tm_session=forged" } }), wo.signatureSha256);
    expect(forged.status).toBe(401);
  });
});

describe("customer mode (the lineman's phone in the customer's hands)", () => {
  it("serves only the files of the work order being signed", async () => {
    const lineman = users.get("lineman")!;
    const { cookie, token } = await login(t.db, lineman.username, lineman.password);
    await t.db
      .update(sessions)
      .set({ customerWorkOrderId: wo.id })
      .where(eq(sessions.id, hashToken(token)));
    const as = (sha256: string) => evidenceResponse(t.db, new Request(`${APP_ORIGIN}/api/evidence/${sha256}`, { headers: { cookie } }), sha256);
    expect((await as(wo.signatureSha256)).status).toBe(200);
    expect((await as(wo.photoSha256s[1]!)).status).toBe(200);
    // The item photo the lineman may see otherwise, and their own uploads elsewhere, stay hidden.
    expect((await as(itemPhoto)).status).toBe(404);
    expect((await get(itemPhoto, "lineman")).status).toBe(200);
  });
});

describe("the answer", () => {
  it("is the stored bytes with their type, immutable and private, never sniffed", async () => {
    const res = await get(wo.signatureSha256, "lineman");
    const body = new Uint8Array(await res.arrayBuffer());
    expect(sha(body)).toBe(wo.signatureSha256);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(body.length));
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("etag")).toBe(`"${wo.signatureSha256}"`);
    const photo = await get(wo.photoSha256s[0]!, "service");
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
  });

  it("answers 304 to a matching If-None-Match, after checking access", async () => {
    const etag = `"${wo.signatureSha256}"`;
    expect((await get(wo.signatureSha256, "lineman", { "if-none-match": etag })).status).toBe(304);
    expect((await get(wo.signatureSha256, "otherLineman", { "if-none-match": etag })).status).toBe(404);
  });

  it("refusals are not cached and carry nosniff too", async () => {
    const res = await get(wo.signatureSha256, "otherLineman");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("readableEvidence", () => {
  it("hands the service the same rule as the route (a lineman's own work-order file)", async () => {
    const lineman = users.get("lineman")!;
    const user = { id: lineman.id, username: lineman.username, displayName: lineman.displayName, role: lineman.role, department: lineman.department };
    expect((await readableEvidence({ db: t.db, user, sha256: wo.linemanSignatureSha256 }))?.mime).toBe("image/png");
    expect(await readableEvidence({ db: t.db, user: { ...user, id: users.get("otherLineman")!.id }, sha256: wo.linemanSignatureSha256 })).toBeNull();
  });
});

describe("a complaint form's photo (issue 13)", () => {
  it("is read by the form's department and the general manager, not by another department's head", async () => {
    const keeper = users.get("keeper")!;
    const form = await recordedForm(t.db, keeper.id, { photoSha256: itemPhoto, department: "finance", status: "classified" });
    expect(form.photoSha256).toBe(itemPhoto);
    const as = (role: TRole, department: TDepartment) => ({ id: randomUUID(), username: `x-${role}`, displayName: "x", role, department });
    // itemPhoto is also an item label photo (every item handler sees it): heads are not item handlers, so only the form decides
    expect((await readableEvidence({ db: t.db, user: as("department_head", "finance"), sha256: itemPhoto }))?.mime).toBe("image/jpeg");
    expect((await readableEvidence({ db: t.db, user: as("general_manager", "enterprise_management"), sha256: itemPhoto }))?.mime).toBe("image/jpeg");
    expect(await readableEvidence({ db: t.db, user: as("department_head", "technology_development"), sha256: itemPhoto })).toBeNull();
  });

  it("is found among however many forms share the file (the one readable form is never cut off)", async () => {
    const keeper = users.get("keeper")!;
    const photo = await photoJpeg(150);
    const shared = sha(photo);
    await t.db.insert(evidenceFiles).values({ sha256: shared, mime: "image/jpeg", size: photo.length, data: new Uint8Array(photo), createdBy: keeper.id });
    // many forms of another department first, then the one the reader's department handles
    for (let i = 0; i < 25; i++) await recordedForm(t.db, keeper.id, { photoSha256: shared, department: "finance", status: "classified" });
    await recordedForm(t.db, keeper.id, { signatureSha256: shared, department: "technology_development", status: "classified" });
    const head = (department: TDepartment) => ({ id: randomUUID(), username: "x-head", displayName: "x", role: "department_head" as const, department });
    expect((await readableEvidence({ db: t.db, user: head("technology_development"), sha256: shared }))?.mime).toBe("image/jpeg");
    expect(await readableEvidence({ db: t.db, user: head("operations"), sha256: shared })).toBeNull();
  });
});
