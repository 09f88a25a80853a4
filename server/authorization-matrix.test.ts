import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type TRole } from "@/domain/auth/roles";
import { createSession } from "@/server/auth/session";
import { appRouter } from "@/server/root";
import { callerFor, type Caller } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { errorShape } from "@/tests/helpers/errors";
import { makeUser } from "@/tests/helpers/users";

/**
 * Who may call what. Every procedure of appRouter must be listed here with exactly the roles its meta declares:
 * adding a procedure or changing its roles means changing this table, on purpose.
 */
/**
 * Every role but those whose work is not handling forms (linemen, keepers record them from the phone only). Spelled
 * out, not derived from ROLES like the code's STEP_ROLES: a new role must be given the steps here on purpose.
 */
const COMPLAINT_STEP_ROLES: readonly TRole[] = [
  "instrument_custodian",
  "department_head",
  "customer_service",
  "operations",
  "quality",
  "general_manager",
  "admin",
];

/** The warehouse's registers (domain mayReadRegisters by role): the keeper, quality, heads (finance's too), the general manager, admins. */
const WAREHOUSE_REGISTER_ROLES: readonly TRole[] = ["warehouse_keeper", "quality", "department_head", "general_manager", "admin"];

const EXPECTED: Record<string, "public" | readonly TRole[]> = {
  "auth.login": "public",
  "auth.me": ROLES,
  "auth.logout": ROLES,
  // customer mode: the lineman hands the phone over for one own work order, and takes it back with the password
  "auth.enterCustomerMode": ["lineman"],
  "auth.leaveCustomerMode": ["lineman"],
  "users.list": ["admin"],
  "users.departments": ["admin"],
  "users.create": ["admin"],
  "users.update": ["admin"],
  "users.resetPassword": ["admin"],
  "users.setActive": ["admin"],
  "users.sites": ["admin"],
  "users.sitesByUser": ["admin"],
  "users.setSites": ["admin"],
  "workOrders.listMine": ["lineman"],
  // a lineman only their own (not_found otherwise, inside), the desk's readers any
  "workOrders.get": ["lineman", "customer_service", "admin", "quality", "operations"],
  "workOrders.desk": ["customer_service", "admin", "quality", "operations"],
  "workOrders.linemen": ["customer_service", "admin", "quality", "operations"],
  "workOrders.create": ["customer_service", "admin"],
  "workOrders.assign": ["customer_service", "admin"],
  "workOrders.cancel": ["customer_service", "admin"],
  "workOrders.close": ["customer_service", "admin"],
  "workOrders.officeTrail": ["customer_service", "admin", "quality", "operations"],
  "items.zones": ["warehouse_keeper", "quality", "operations", "admin"],
  "items.underMaintenance": ["operations", "quality", "admin"],
  "instruments.list": ["instrument_custodian", "department_head", "quality", "admin"],
  // the general manager: the records of a scrapping the settings leave to them (ADR 0040)
  "instruments.get": ["lineman", "operations", "quality", "instrument_custodian", "department_head", "general_manager", "admin"],
  "instruments.colleagues": ["lineman", "operations", "quality", "instrument_custodian"],
  "instruments.notices": ["lineman", "operations", "quality", "instrument_custodian", "department_head"],
  "instruments.overdue": ["instrument_custodian", "admin"],
  "instruments.holdings": ["instrument_custodian", "department_head", "admin"],
  "instruments.pendingApprovals": ["department_head"],
  "instruments.decideLoan": ["department_head"],
  // the leader named in the instrument settings (a head or the general manager), else the instrument's head (ADR 0040)
  "instruments.pendingScraps": ["department_head", "general_manager"],
  "instruments.decideScrap": ["department_head", "general_manager"],
  "instruments.create": ["instrument_custodian"],
  "instruments.update": ["instrument_custodian"],
  "instruments.importCsv": ["instrument_custodian"],
  "instruments.recordCalibration": ["instrument_custodian"],
  "instruments.sendToRepair": ["instrument_custodian"],
  "instruments.completeRepair": ["instrument_custodian"],
  "instruments.requestScrap": ["instrument_custodian"],
  "instruments.labels": ["instrument_custodian"],
  "instruments.intakeRegister": ["instrument_custodian", "department_head", "quality", "admin"],
  // issue 16 (ADR 0040): the using department proposes scrapping, Technology Development verifies; its settings
  "instruments.proposeScrap": ["lineman", "operations", "quality", "department_head"],
  "instruments.verifyScrap": ["instrument_custodian"],
  "instruments.settings": ["instrument_custodian", "department_head", "quality", "admin"],
  "instruments.saveSettings": ["instrument_custodian", "department_head", "admin"],
  "instruments.keeperCandidates": ["instrument_custodian"],
  "instruments.usageRegister": ["instrument_custodian", "department_head", "quality", "admin"],
  "instruments.calibrationRegister": ["instrument_custodian", "department_head", "quality", "admin"],
  "instruments.calibrationFile": ["instrument_custodian", "department_head", "quality", "admin"],
  "instruments.exportCsv": ["instrument_custodian", "department_head", "quality", "admin"],
  "instruments.exportPdf": ["instrument_custodian", "department_head", "quality", "admin"],
  // every signed-in user has a phone with an outbox; devices of others are refused inside (device_other_user)
  "sync.registerDevice": ROLES,
  "sync.push": ROLES,
  "sync.pull": ROLES,
  "sync.devices": ["admin"],
  "sync.revokeDevice": ["admin"],
  "sync.failure": ["admin"],
  "licenses.import": ["admin"],
  "licenses.status": ["admin", "customer_service"],
  "licenses.lookup": ["admin", "customer_service", "department_head", "operations", "quality"],
  "audit.verify": ["admin", "quality"],
  // the job runner's screen (server/jobs/router.ts): queues, failures, next runs, retry
  "jobs.overview": ["admin"],
  "jobs.retry": ["admin"],
  // complaints (issue 13): desk readers; steps are decided per record inside (canHandle by department, canEscalate, canReview)
  "complaints.desk": ["customer_service", "admin", "quality", "general_manager", "department_head"],
  // anyone reads the forms they recorded; the desk's readers every form (department heads their department's)
  "complaints.get": ROLES,
  "complaints.classify": ["customer_service", "admin"],
  "complaints.accept": COMPLAINT_STEP_ROLES,
  "complaints.investigate": COMPLAINT_STEP_ROLES,
  "complaints.resolve": COMPLAINT_STEP_ROLES,
  "complaints.reply": COMPLAINT_STEP_ROLES,
  "complaints.letter": COMPLAINT_STEP_ROLES,
  "complaints.sign": COMPLAINT_STEP_ROLES,
  "complaints.escalate": COMPLAINT_STEP_ROLES,
  "complaints.review": ["quality", "general_manager"],
  "complaints.callback": COMPLAINT_STEP_ROLES,
  "complaints.close": COMPLAINT_STEP_ROLES,
  "complaints.reopen": COMPLAINT_STEP_ROLES,
  "complaints.createServiceRequest": ["customer_service", "admin"],
  "complaints.categories": ["customer_service", "admin", "quality", "general_manager", "department_head"],
  "complaints.saveCategory": ["quality", "admin"],
  "complaints.keyCustomers": ["customer_service", "admin", "quality", "general_manager", "department_head"],
  "complaints.saveKeyCustomer": ["customer_service", "admin", "quality"],
  "complaints.policy": ["customer_service", "admin", "quality", "general_manager", "department_head"],
  "complaints.setPolicy": ["quality", "admin"],
  "complaints.escalated": ["quality", "general_manager"],
  // the month's summary (server/complaints/summary.ts): customer service reports it to quality and the general manager
  "complaints.summary": ["customer_service", "quality", "general_manager", "admin"],
  "complaints.produceSummary": ["customer_service", "quality", "admin"],
  // warehouse (issue 14, server/warehouse/router.ts): the keeper's phone leases tags and confirms adjustments; the
  // registers' readers (domain mayReadRegisters by role); receipts, the quarantine list and an item by what is the
  // caller's own (their department's receipts, their responsibilities) for anyone; the requesting department inspects
  "warehouse.leaseTags": ["warehouse_keeper"],
  "warehouse.people": WAREHOUSE_REGISTER_ROLES,
  "warehouse.receipts": ROLES,
  "warehouse.receipt": ROLES,
  "warehouse.inspect": ["lineman", "instrument_custodian", "department_head", "customer_service", "operations", "quality", "general_manager"],
  "warehouse.forms": WAREHOUSE_REGISTER_ROLES,
  "warehouse.stock": WAREHOUSE_REGISTER_ROLES,
  "warehouse.quarantine": ROLES,
  "warehouse.counts": WAREHOUSE_REGISTER_ROLES,
  "warehouse.count": WAREHOUSE_REGISTER_ROLES,
  "warehouse.confirmAdjustment": ["warehouse_keeper"],
  "warehouse.search": WAREHOUSE_REGISTER_ROLES,
  "warehouse.item": ROLES,
  "warehouse.setResponsible": ["warehouse_keeper", "quality"],
  // quality (issue 15, server/quality/router.ts): quality plans checks, marks sampled orders, raises and decides
  // nonconformities; the GM reads checks and the Pareto; a department head reads their own department's nonconformities
  // and picks people of their department (inside)
  "quality.people": ["quality", "general_manager", "department_head"],
  "quality.planCheck": ["quality"],
  "quality.checks": ["quality", "general_manager"],
  "quality.check": ["quality", "general_manager"],
  "quality.markOrder": ["quality"],
  "quality.finishOrderCheck": ["quality"],
  "quality.nonconformities": ["quality", "general_manager", "department_head"],
  "quality.nonconformity": ["quality", "general_manager", "department_head"],
  "quality.raise": ["quality"],
  "quality.decide": ["quality"],
  "quality.pareto": ["quality", "general_manager"],
  // the corrective-action record: anyone may own an action; each reads and steps what the record allows, inside
  "actions.list": ROLES,
  "actions.mine": ROLES,
  "actions.get": ROLES,
  "actions.plan": ["department_head"],
  "actions.implement": ROLES,
  "actions.verify": ["quality"],
  // the billing check: the switching and transmission office records (any role of it but a lineman, decided inside)
  "billing.months": ["quality", "general_manager", "operations", "department_head"],
  "billing.record": ["warehouse_keeper", "instrument_custodian", "department_head", "customer_service", "operations", "quality", "general_manager", "admin"],
  "billing.setThreshold": ["quality"],
  "billing.openMonth": ["quality"],
  // customer property cases (issue 16): readers and organisers by department, decided inside (domain/property/model.ts)
  "property.items": ROLES,
  "property.saveItem": ROLES.filter((r) => r !== "lineman"),
  "property.recordPbx": ["customer_service", "department_head"],
  "property.list": ROLES,
  "property.get": ROLES,
  "property.people": ROLES.filter((r) => r !== "lineman"),
  "property.schedule": ROLES.filter((r) => r !== "lineman"),
  "property.cancelRound": ROLES.filter((r) => r !== "lineman"),
  "property.issueLetter": ROLES.filter((r) => r !== "lineman"),
  "property.reportRectified": ROLES.filter((r) => r !== "lineman"),
  "property.openService": ["customer_service", "department_head"],
  "property.cancel": ROLES.filter((r) => r !== "lineman"),
  "property.linkable": ["customer_service", "admin", "quality", "operations"],
  // customer-built works (issue 16): customer service records; customer service or the case's organisers add documents (inside)
  "works.record": ["customer_service", "department_head"],
  "works.addDocument": ROLES.filter((r) => r !== "lineman"),
  // maintenance agreements: counter staff, terminal service's head and linemen record; readers by department (inside)
  "maintenance.record": ["customer_service", "department_head", "lineman"],
  "maintenance.list": ROLES,
  "maintenance.get": ROLES,
  "maintenance.end": ["customer_service", "department_head"],
  "maintenance.forCustomer": ROLES,
  // data analysis (P5, ADR 0041): quality runs it, the general manager and department heads read it
  "satisfaction.weights": ["quality", "general_manager", "department_head"],
  "satisfaction.setWeights": ["quality"],
  "satisfaction.results": ["quality", "general_manager", "department_head"],
  "survey.draw": ["quality"],
  "survey.list": ["quality", "customer_service"],
  "survey.get": ["quality", "customer_service"],
  "survey.record": ["quality", "customer_service"],
  "survey.close": ["quality"],
  "targets.list": ["quality", "general_manager", "department_head"],
  "targets.set": ["quality"],
  // a head for their own department only (domain mayEnterFigure, inside)
  "targets.enterFigure": ["quality", "department_head"],
  "targets.figures": ["quality", "general_manager", "department_head"],
  "targets.statement": ["quality", "general_manager", "department_head"],
  "analysis.pareto": ["quality", "general_manager", "department_head"],
  "analysis.checkSheet": ["quality", "general_manager", "department_head"],
  "analysis.fishbones": ["quality", "general_manager", "department_head"],
  "analysis.fishbone": ["quality", "general_manager", "department_head"],
  // a head only for a worksheet linked to their department's corrective action (inside)
  "analysis.saveFishbone": ["quality", "department_head"],
  "reports.generate": ["quality"],
  "reports.list": ["quality", "general_manager", "department_head"],
  "reports.get": ["quality", "general_manager", "department_head"],
};

interface ProcedureDef {
  type: "query" | "mutation" | "subscription";
  meta?: { roles?: unknown };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, proc]) => ({
  path,
  type: proc._def.type,
  roles: proc._def.meta?.roles,
}));

/** Calls a procedure by its dotted path through the caller proxy, with an empty object as input. */
function call(caller: Caller, path: string): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)({});
}

/** The outcome of a call as the client sees it: "ok" or the appCode. */
async function outcome(caller: Caller, path: string): Promise<string> {
  try {
    await call(caller, path);
    return "ok";
  } catch (err) {
    const shape = errorShape(err);
    return shape.data.appCode;
  }
}

describe("procedure declarations", () => {
  it("the router has no lazy parts the walk would miss", () => {
    expect(Object.keys(appRouter._def.lazy)).toEqual([]);
  });

  it("lists every procedure in the expected matrix, and nothing else", () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(procedures)("$path declares its roles: public or a non-empty list of known roles", ({ roles }) => {
    expect(roles).toBeDefined();
    if (roles !== "public") {
      expect(Array.isArray(roles)).toBe(true);
      expect((roles as unknown[]).length).toBeGreaterThan(0);
      for (const r of roles as unknown[]) expect(ROLES).toContain(r);
    }
  });

  it.each(procedures)("$path declares exactly the expected roles", ({ path, roles }) => {
    const expected = EXPECTED[path];
    expect(roles === "public" ? roles : [...(roles as TRole[])].sort()).toEqual(expected === "public" ? expected : [...expected!].sort());
  });

  it("has no subscriptions (they would need their own checks)", () => {
    expect(procedures.filter((p) => p.type === "subscription")).toEqual([]);
  });
});

describe("authorisation matrix: every procedure × every role", () => {
  let t: TestDb;
  const userIds = new Map<TRole, string>();

  beforeAll(async () => {
    t = await createTestDb();
    for (const role of ROLES) userIds.set(role, (await makeUser(t.db, { role })).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A fresh session per call, so a call that ends its session (auth.logout) cannot affect the next. */
  async function callerAs(role: TRole): Promise<Caller> {
    const { token } = await createSession(t.db, { userId: userIds.get(role)! });
    return callerFor(t.db, { cookie: `tm_session=${token}` });
  }

  const DENIED = ["forbidden", "unauthenticated", "session_expired", "user_disabled", "csrf_rejected"];

  for (const { path, roles } of procedures) {
    describe(path, () => {
      for (const role of ROLES) {
        const allowed = roles === "public" || (roles as readonly TRole[]).includes(role);
        it(`${role}: ${allowed ? "allowed" : "forbidden"}`, async () => {
          const result = await outcome(await callerAs(role), path);
          if (allowed) {
            // Allowed means the call got past authorisation: it succeeds, or is refused for its (empty) input.
            expect(DENIED).not.toContain(result);
            expect(result).not.toBe("internal");
          } else {
            expect(result).toBe("forbidden");
          }
        });
      }

      it(`anonymous: ${roles === "public" ? "allowed" : "unauthenticated"}`, async () => {
        const result = await outcome(await callerFor(t.db), path);
        if (roles === "public") {
          expect(DENIED).not.toContain(result);
          expect(result).not.toBe("internal");
        } else {
          expect(result).toBe("unauthenticated");
        }
      });

      it("an unknown session cookie: unauthenticated unless public", async () => {
        const result = await outcome(await callerFor(t.db, { cookie: "tm_session=forged-token" }), path);
        if (roles === "public") expect(DENIED).not.toContain(result);
        else expect(result).toBe("unauthenticated");
      });
    });
  }
});
