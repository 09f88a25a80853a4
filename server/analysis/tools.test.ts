import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints } from "@/db/schema";
import { complaintCode } from "@/domain/complaints/codes";
import type { TDepartment } from "@/domain/auth/roles";
import type { TNcFinding } from "@/domain/quality/model";
import { ensurePolicy, form } from "@/server/complaints/desk.fixtures";
import { person, type TPerson } from "@/server/quality/actions.fixtures";
import { raiseNonconformity } from "@/server/quality/nonconformities";
import { APP_ORIGIN } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";
import { paretoCsvResponse } from "./pareto-csv";

let t: TestDb;
let quality: TPerson, gm: TPerson, head: TPerson, cs: TPerson;
const RANGE = { from: "2026-11-01", to: "2026-11-30" };

beforeAll(async () => {
  t = await createTestDb();
  quality = await person(t.db, "quality", "enterprise_management");
  gm = await person(t.db, "general_manager", "enterprise_management");
  head = await person(t.db, "department_head", "terminal_service");
  cs = await person(t.db, "customer_service", "customer_service");
  await ensurePolicy(t.db);
  // complaints in November (Shanghai): billing ×3, fault_repair ×2, one not classified; an inquiry and one in December left out
  // 2026-11-02 is a Monday; 2026-11-01T17:00Z is 01:00 on Monday the 2nd in Shanghai
  const rows = [
    ["billing", "2026-11-01T17:00:00Z"],
    ["billing", "2026-11-03T02:00:00Z"],
    ["billing", "2026-11-08T02:00:00Z"],
    ["fault_repair", "2026-11-02T02:00:00Z"],
    ["fault_repair", "2026-11-04T02:00:00Z"],
    [null, "2026-11-05T02:00:00Z"],
    ["billing", "2026-11-30T17:00:00Z"],
  ] as const;
  let n = 0;
  await t.db
    .insert(complaints)
    .values([
      ...rows.map(([category, at]) =>
        form(complaintCode("2026-11-01", ++n), cs.id, { category, receivedAt: new Date(at), dueAt: new Date("2026-12-20T00:00:00Z"), words: "=HYPERLINK(1)" }),
      ),
      form(complaintCode("2026-11-01", ++n), cs.id, { kind: "inquiry", category: "billing", receivedAt: new Date("2026-11-10T02:00:00Z") }),
    ]);
  const ncs: [TNcFinding, TDepartment][] = [
    ["wrong_label", "terminal_service"],
    ["wrong_label", "terminal_service"],
    ["missing_label", "terminal_service"],
    ["wrong_label", "operations"],
  ];
  await t.db.transaction(async (tx) => {
    for (const [finding, department] of ncs)
      await raiseNonconformity(tx, {
        source: "spot_check",
        sourceRef: "SC-T",
        finding,
        labelKind: null,
        department,
        description: "x",
        raisedBy: quality.id,
        at: new Date("2026-11-10T02:00:00Z"),
      });
  });
});
afterAll(async () => {
  await t?.close();
});

describe("analysis.pareto", () => {
  it("orders complaint categories largest first with shares, cumulative shares, the vital few and the category's names", async () => {
    const b = await gm.caller.analysis.pareto({ subject: "complaints_by_category", ...RANGE });
    expect(b).toMatchObject({ type: "pareto", id: "complaints_by_category", total: 6 });
    expect(b.rows.map((r) => [r.key, r.count, r.sharePct, r.cumulativePct, r.vital])).toEqual([
      ["billing", 3, 50, 50, true],
      ["fault_repair", 2, 33.3, 83.3, true],
      ["", 1, 16.7, 100, false],
    ]);
    expect(b.rows[0]!.label?.en).toBeTruthy();
    expect(b.rows[0]!.label?.["zh-CN"]).toBeTruthy();
    expect(b.rows[2]!.label).toBeNull();
  });

  it("counts nonconformities by finding and by department, named in both languages", async () => {
    const f = await head.caller.analysis.pareto({ subject: "nc_by_finding", ...RANGE });
    expect(f.rows.map((r) => [r.key, r.count])).toEqual([
      ["wrong_label", 3],
      ["missing_label", 1],
    ]);
    expect(f.rows[0]!.label?.en).toBe("Wrong label");
    expect(f.rows[0]!.label?.["zh-CN"]).toBeTruthy();
    const d = await quality.caller.analysis.pareto({ subject: "nc_by_department", ...RANGE });
    expect(d.rows.map((r) => [r.key, r.count])).toEqual([
      ["terminal_service", 3],
      ["operations", 1],
    ]);
    const none = await quality.caller.analysis.pareto({ subject: "checks_by_reason", ...RANGE });
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  it("refuses a bad subject or range with their keys, and anyone but the readers", async () => {
    const s = await expectAppError(gm.caller.analysis.pareto({ subject: "nope" as "nc_by_cause", ...RANGE }), "bad_input");
    expect(s.data.fieldErrors).toMatchObject({ subject: "analysis.validation.subject" });
    const r = await expectAppError(gm.caller.analysis.pareto({ subject: "nc_by_cause", from: "2026-12-01", to: "2026-11-01" }), "bad_input");
    expect(r.data.fieldErrors).toMatchObject({ to: "analysis.validation.range" });
    const d = await expectAppError(gm.caller.analysis.pareto({ subject: "nc_by_cause", from: "2026-11-31", to: "2026-12-01" }), "bad_input");
    expect(d.data.fieldErrors).toMatchObject({ from: "analysis.validation.date" });
    await expectAppError(cs.caller.analysis.pareto({ subject: "nc_by_cause", ...RANGE }), "forbidden");
    await expectAppError(cs.caller.analysis.checkSheet({ subject: "nc_finding_department", ...RANGE }), "forbidden");
  });
});

describe("analysis.checkSheet", () => {
  it("tallies complaints by category × weekday in operator days, with totals", async () => {
    const s = await gm.caller.analysis.checkSheet({ subject: "complaints_category_weekday", ...RANGE });
    expect(s.columns).toEqual(["1", "2", "3", "4", "5", "6", "7", "total"]);
    const row = (k: string) => s.rows.find((r) => r.key === k)!.cells;
    // billing: Mon 2nd (01:00 Shanghai), Tue 3rd, Sun 8th
    expect(row("billing")).toEqual([1, 1, 0, 0, 0, 0, 1, 3]);
    expect(row("fault_repair")).toEqual([1, 0, 1, 0, 0, 0, 0, 2]);
    expect(row("")).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
    expect(s.rows.at(-1)).toMatchObject({ key: "total", cells: [2, 1, 1, 1, 0, 0, 1, 6] });
  });

  it("tallies nonconformities by finding × the departments that have any", async () => {
    const s = await quality.caller.analysis.checkSheet({ subject: "nc_finding_department", ...RANGE });
    expect(s.columns).toEqual(["terminal_service", "operations", "total"]);
    expect(s.rows.find((r) => r.key === "wrong_label")!.cells).toEqual([2, 1, 3]);
    expect(s.rows.at(-1)!.cells).toEqual([3, 1, 4]);
    const c = await quality.caller.analysis.checkSheet({ subject: "checks_reason_kind", ...RANGE });
    expect(c.columns).toEqual(["install", "move", "repair", "terminal_maintenance", "total"]);
    expect(c.rows.map((r) => r.key)).toEqual(["expired", "unknown", "model_mismatch", "total"]);
  });
});

describe("GET /api/analysis/pareto.csv", () => {
  const get = (who: TPerson | null, q: string) =>
    paretoCsvResponse(t.db, new Request(`${APP_ORIGIN}/api/analysis/pareto.csv?${q}`, { headers: who ? { cookie: who.cookie } : {} }));

  it("gives the table with its header and a BOM", async () => {
    const res = await get(gm, "subject=complaints_by_category&from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString("utf8"), { columns: false });
    expect(rows[0]).toEqual(["key", "name_zh", "name_en", "count", "share_pct", "cumulative_pct", "vital"]);
    expect(rows[1]!.slice(0, 1).concat(rows[1]!.slice(3))).toEqual(["billing", "3", "50", "50", "yes"]);
    expect(rows.length).toBe(4);
  });

  it("defuses a name that starts like a formula", async () => {
    const { paretoCsv } = await import("./pareto-csv");
    const text = paretoCsv({
      type: "pareto",
      id: "x",
      keyspace: "k",
      total: 1,
      rows: [{ key: "=cmd()", label: { "zh-CN": "+1", en: "@x" }, count: 1, sharePct: 100, cumulativePct: 100, vital: true }],
    });
    expect(text).toContain("'=cmd(),'+1,'@x,1,100,100,yes");
  });

  it("400 for a bad subject or range; 404 for a role that does not read analysis; 401 signed out", async () => {
    expect((await get(gm, "subject=nope&from=2026-11-01&to=2026-11-30")).status).toBe(400);
    expect((await get(gm, "subject=nc_by_cause&from=2026-11-30&to=2026-11-01")).status).toBe(400);
    expect((await get(cs, "subject=nc_by_cause&from=2026-11-01&to=2026-11-30")).status).toBe(404);
    expect((await get(null, "subject=nc_by_cause&from=2026-11-01&to=2026-11-30")).status).toBe(401);
  });
});
