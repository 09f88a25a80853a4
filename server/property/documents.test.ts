import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, evidenceFiles, propertyCases, propertyDocuments } from "@/db/schema";
import { MAX_DOCUMENT_BYTES } from "@/domain/property/model";
import { readableEvidence } from "@/server/evidence/access";
import { handleTrpc } from "@/server/http/trpc-handler";
import { scribblePng, scribbleSignature, tinyPdf } from "@/server/seed/property-files";
import { CSRF_HEADER } from "@/server/trpc";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { errorShape } from "@/tests/helpers/errors";
import { bytesMatchMime } from "./documents";
import { documentResponse } from "./documents-http";
import { caseRow, person, worksInput, type TPerson } from "./works.fixtures";

let t: TestDb;
let service: TPerson, techhead: TPerson, custodian: TPerson, lineman: TPerson, keeper: TPerson, head: TPerson, gm: TPerson;
let worksId: string, pbxId: string;

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const b64 = (b: Buffer) => b.toString("base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF test jpeg body")]);
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x20, 0, 0, 0]), Buffer.from("WEBPVP8 test webp body")]);
const PDF = tinyPdf("Design documents of the Hualian Mall works");

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return errorShape(err).data;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  t = await createTestDb();
  service = await person(t.db, "customer_service", "customer_service", "周静 Zhou Jing");
  techhead = await person(t.db, "department_head", "technology_development");
  custodian = await person(t.db, "instrument_custodian", "technology_development");
  lineman = await person(t.db, "lineman", "terminal_service");
  keeper = await person(t.db, "warehouse_keeper", "finance");
  head = await person(t.db, "department_head", "terminal_service");
  gm = await person(t.db, "general_manager", "enterprise_management");
  ({ id: worksId } = await service.caller.works.record(worksInput({ signature: scribbleSignature(3) })));
  pbxId = await caseRow(t.db, service, { kind: "pbx", status: "recorded", code: "PBX-2026-9001" });
});
afterAll(async () => {
  await t?.close();
});

describe("works.record", () => {
  it("customer service records the works: CW-YYYY-NNNN, recorded, the customer's signature kept as evidence, audited", async () => {
    const [c] = await t.db.select().from(propertyCases).where(eq(propertyCases.id, worksId));
    expect(c).toMatchObject({ kind: "works", status: "recorded", customerPhoneDigits: "057187654321", createdBy: service.id });
    expect(c!.code).toMatch(/^CW-\d{4}-\d{4}$/);
    const details = c!.details as { signatureSha256: string; agreementKind: string; projectName: string };
    expect(details.signatureSha256).toBe(sha(scribblePng(3)));
    expect(await t.db.select({ mime: evidenceFiles.mime }).from(evidenceFiles).where(eq(evidenceFiles.sha256, details.signatureSha256))).toEqual([
      { mime: "image/png" },
    ]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, worksId), eq(auditEvents.name, "property.worksRecorded")));
    expect(audit).toMatchObject({ actorId: service.id, subjectType: "property_case" });
    expect(audit!.payload).toMatchObject({ code: c!.code, agreementKind: "acceptance", signatureSha256: details.signatureSha256 });
  });

  it("the customer's signature on the agreement is readable by the cases' readers (the case screen shows it), not by a keeper", async () => {
    const [c] = await t.db.select().from(propertyCases).where(eq(propertyCases.id, worksId));
    const sha256 = (c!.details as { signatureSha256: string }).signatureSha256;
    const read = (p: TPerson) => readableEvidence({ db: t.db, user: p.user, sha256 });
    expect(await read(techhead)).not.toBeNull();
    expect(await read(gm)).not.toBeNull();
    expect(await read(keeper)).toBeNull();
  });

  it("numbers the year's works one after another; no signature is allowed (a scanned agreement comes as a document)", async () => {
    const a = await service.caller.works.record(worksInput({ projectName: "二号工程" }));
    const b = await service.caller.works.record(worksInput({ projectName: "三号工程" }));
    expect(Number(b.code.slice(-4))).toBe(Number(a.code.slice(-4)) + 1);
  });

  it("is customer service's: a head of another department and Technology Development are refused", async () => {
    expect((await refusal(head.caller.works.record(worksInput()))).appCode).toBe("forbidden");
    expect((await refusal(techhead.caller.works.record(worksInput()))).appCode).toBe("forbidden");
    expect((await refusal(lineman.caller.works.record(worksInput()))).appCode).toBe("forbidden");
  });

  it("refuses a period ending before it starts, and a signature that is not a readable PNG", async () => {
    const bad = await refusal(service.caller.works.record(worksInput({ startsOn: "2026-05-02", endsOn: "2026-05-01" })));
    expect(bad.fieldErrors).toMatchObject({ endsOn: "property.validation.period" });
    const sig = { ...scribbleSignature(), base64: b64(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(60)])) };
    expect((await refusal(service.caller.works.record(worksInput({ signature: sig })))).fieldErrors).toMatchObject({
      signature: "property.works.signatureInvalid",
    });
  });
});

describe("the first bytes must match the declared type", () => {
  it("PDF, JPEG, PNG and WebP by their signatures; anything else refused", () => {
    expect(bytesMatchMime(PDF, "application/pdf")).toBe(true);
    expect(bytesMatchMime(JPEG, "image/jpeg")).toBe(true);
    expect(bytesMatchMime(scribblePng(), "image/png")).toBe(true);
    expect(bytesMatchMime(WEBP, "image/webp")).toBe(true);
    expect(bytesMatchMime(scribblePng(), "application/pdf")).toBe(false);
    expect(bytesMatchMime(PDF, "image/jpeg")).toBe(false);
    expect(bytesMatchMime(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVE")]), "image/webp")).toBe(false);
    expect(bytesMatchMime(Buffer.from("%PD"), "application/pdf")).toBe(false);
  });
});

describe("works.addDocument", () => {
  const doc = (over: Record<string, unknown> = {}) => ({
    caseId: worksId,
    kind: "design" as const,
    fileName: "设计文件 design.pdf",
    mime: "application/pdf" as const,
    base64: b64(PDF),
    ...over,
  });

  it("keeps the document in the evidence store by SHA-256, lists it on the case, audits it", async () => {
    const r = await service.caller.works.addDocument(doc());
    expect(r.sha256).toBe(sha(PDF));
    const [row] = await t.db.select().from(propertyDocuments).where(eq(propertyDocuments.id, r.id));
    expect(row).toMatchObject({ caseId: worksId, kind: "design", mime: "application/pdf", bytes: PDF.length, sha256: sha(PDF), uploadedBy: service.id });
    const [file] = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, r.sha256));
    expect(Buffer.from(file!.data).equals(PDF)).toBe(true);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, worksId), eq(auditEvents.name, "property.documentAdded")));
    expect(audit!.payload).toMatchObject({ kind: "design", fileName: "设计文件 design.pdf", sha256: sha(PDF), bytes: PDF.length });
  });

  it("images of each type; Technology Development's people add to works, customer service to both kinds", async () => {
    await techhead.caller.works.addDocument(doc({ kind: "test_report", mime: "image/jpeg", base64: b64(JPEG), fileName: "report.jpg" }));
    await custodian.caller.works.addDocument(doc({ kind: "other", mime: "image/webp", base64: b64(WEBP), fileName: "site.webp" }));
    await service.caller.works.addDocument(doc({ caseId: pbxId, kind: "certificate", mime: "image/png", base64: b64(scribblePng(9)), fileName: "cert.png" }));
    expect(await t.db.select().from(propertyDocuments).where(eq(propertyDocuments.caseId, worksId))).toHaveLength(3);
  });

  it("refuses a file whose bytes are not its declared type, with a translated message", async () => {
    for (const bad of [
      doc({ mime: "application/pdf", base64: b64(scribblePng()) }),
      doc({ mime: "image/jpeg", base64: b64(PDF) }),
      doc({ mime: "image/png", base64: b64(JPEG) }),
      doc({ mime: "image/webp", base64: b64(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("AVI LIST")])) }),
    ]) {
      const r = await refusal(service.caller.works.addDocument(bad));
      expect(r.appCode).toBe("bad_input");
      expect(r.fieldErrors).toEqual({ base64: "property.works.documentMismatch" });
    }
    const r = await refusal(service.caller.works.addDocument(doc({ mime: "text/html", base64: b64(Buffer.from("<html>")) })));
    expect(r.fieldErrors).toMatchObject({ mime: "property.validation.documentType" });
  });

  it("refuses a document over 8 MB by its decoded size", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - PDF.length, 0x20)]);
    expect((await refusal(service.caller.works.addDocument(doc({ base64: b64(big) })))).fieldErrors).toEqual({
      base64: "property.validation.documentTooLarge",
    });
  });

  it("who may: a lineman never; Technology Development not on a PBX; a reader-less department sees no case", async () => {
    expect((await refusal(lineman.caller.works.addDocument(doc()))).appCode).toBe("forbidden");
    expect((await refusal(techhead.caller.works.addDocument(doc({ caseId: pbxId })))).appCode).toBe("forbidden");
    expect((await refusal(head.caller.works.addDocument(doc()))).appCode).toBe("forbidden");
    expect((await refusal(keeper.caller.works.addDocument(doc()))).appCode).toBe("not_found");
    expect((await refusal(gm.caller.works.addDocument(doc()))).appCode).toBe("forbidden");
    expect((await refusal(service.caller.works.addDocument(doc({ caseId: "00000000-0000-4000-8000-000000000000" })))).appCode).toBe("not_found");
  });

  it("not on a connected or cancelled case", async () => {
    for (const status of ["connected", "cancelled"] as const) {
      const id = await caseRow(t.db, service, { kind: "works", status, code: `CW-2026-98${status === "connected" ? "01" : "02"}` });
      expect((await refusal(service.caller.works.addDocument(doc({ caseId: id })))).appCode).toBe("invalid_transition");
    }
  });

  it("a document up to 8 MB passes the HTTP body limit of its own call (other calls keep theirs)", async () => {
    const five = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const body = JSON.stringify({ json: doc({ base64: b64(five), fileName: "big.pdf" }) });
    const post = (path: string) =>
      handleTrpc(
        t.db,
        new Request(`${APP_ORIGIN}/api/trpc/${path}`, {
          method: "POST",
          body,
          headers: { origin: APP_ORIGIN, [CSRF_HEADER]: "1", "content-type": "application/json", cookie: service.cookie },
        }),
      );
    const ok = await post("works.addDocument");
    expect(ok.status).toBe(200);
    expect((await post("property.recordPbx")).status).toBe(413);
  });
});

describe("GET /api/property/documents/<id>", () => {
  let pdfId: string, pngId: string;
  beforeAll(async () => {
    pdfId = (
      await service.caller.works.addDocument({ caseId: worksId, kind: "agreement", fileName: "协议 agreement.pdf", mime: "application/pdf", base64: b64(PDF) })
    ).id;
    pngId = (await service.caller.works.addDocument({ caseId: worksId, kind: "other", fileName: "photo.png", mime: "image/png", base64: b64(scribblePng(21)) }))
      .id;
  });
  const get = (id: string, who?: TPerson) =>
    documentResponse(t.db, new Request(`${APP_ORIGIN}/api/property/documents/${id}`, { headers: who ? { cookie: who.cookie } : {} }), id);

  it("gives the file to the cases' readers with its type; a PDF as a download named as uploaded, an image inline", async () => {
    for (const who of [service, techhead, lineman, head, gm]) {
      const res = await get(pdfId, who);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="___agreement.pdf"; filename*=UTF-8''${encodeURIComponent("协议 agreement.pdf")}`,
      );
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    }
    const img = await get(pngId, service);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("content-disposition")).toMatch(/^inline; filename="photo.png"/);
  });

  it("404 for a department that does not read cases, an unknown or malformed id; 401 signed out", async () => {
    expect((await get(pdfId, keeper)).status).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000", service)).status).toBe(404);
    expect((await get("not-a-uuid", service)).status).toBe(404);
    expect((await get(pdfId)).status).toBe(401);
  });
});
