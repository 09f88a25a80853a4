import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { licenseImports } from "@/db/schema";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { renderWorkOrderRecord } from "@/server/work-orders/pdf";
import { loadWorkOrderRecord, type TWorkOrderRecord } from "@/server/work-orders/pdf-data";
import { login } from "@/tests/helpers/context";
import { createTestDb, type TestDb } from "@/tests/helpers/db";
import { pdfText } from "@/tests/helpers/pdf-text";
import { batch, newDevice } from "@/tests/helpers/sync";
import { checkEquipment, customerSign, makeWorkOrder, selfCheck, shownCheck, signoffsOf, transition } from "@/tests/helpers/work-orders";

/**
 * Issue 10, defect 2: the record prints exactly what the lineman was shown and signed, and its days are the
 * operator's (Asia/Shanghai). A telephone install, worked through the outbox as a phone does, on real PGlite.
 */
let t: TestDb;
let service: SessionUser;
let record: TWorkOrderRecord;
/** The registry's import time: 18:00 UTC yesterday is 02:00 today in Shanghai, a day later than its UTC day. */
const imported = new Date(`${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}T18:00:00.000Z`);

beforeAll(async () => {
  t = await createTestDb({ seed: true });
  const { caller: lineman, user } = await login(t.db, "lineman", "lineman-demo");
  ({ user: service } = await login(t.db, "service", "service-demo"));
  await t.db.insert(licenseImports).values({ importedAt: imported, rowsOk: 14, rowsBad: 0 });
  const d = await newDevice(lineman);
  const wo = await makeWorkOrder(t.db, { assignedTo: user.id, kind: "install" });
  const phone = checkEquipment(d, 3, { workOrderId: wo.id, equipmentType: "telephone", clientRegistryVersion: imported.toISOString() });
  const ms = [
    transition(d, 1, wo.id, "en_route", { from: "assigned", version: 1 }),
    transition(d, 2, wo.id, "on_site", { from: "en_route", version: 2 }),
    phone,
    // the lineman sees the equipment line and the install's 3 items, ticks the 3 and signs
    selfCheck(d, 4, wo.id, "install"),
    customerSign({ deviceId: d, seq: 5, userId: user.id, workOrder: wo, linemanName: user.displayName, checks: [shownCheck(phone)] }),
  ];
  const answer = await lineman.sync.push(batch(d, ...ms));
  expect(answer.results.map((r) => r.status)).toEqual(ms.map(() => "applied"));
  record = (await loadWorkOrderRecord({ db: t.db, user: service, workOrderId: wo.id }))!;
});
afterAll(async () => t?.close());

// why uncompressed: the content streams stay readable (tests/helpers/pdf-text.ts), and the drawn tick boxes countable.
const render = async (r: TWorkOrderRecord) => {
  const pdf = await renderWorkOrderRecord(r, { compress: false });
  return { ...pdfText(pdf), tickBoxes: pdf.toString("latin1").match(/ 9 9 re\b/g)?.length ?? 0 };
};

const SHOWN = ["线路已测试（拨号音/线路同步）", "客户业务已开通正常", "现场已清理，垃圾已带走", "已核验客户设备 1 台，均已按核验结果处理"];

describe("the self-check on the record of a telephone install", () => {
  it("is stored as shown: the 3 ticked items and the equipment line, no PBX line", async () => {
    const [self] = await signoffsOf(t.db, record.order.id);
    expect(self!.checklist).toEqual({ line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true });
  });

  it("prints exactly what was shown and signed, in the phone's words: 4 lines, 4 tick boxes, no PBX inspection", async () => {
    const out = await render(record);
    for (const s of SHOWN) expect(out.text, s).toContain(s);
    expect(out.text).not.toContain("用户交换机已现场检验");
    expect(out.text).not.toContain("PBX inspected");
    expect(out.tickBoxes).toBe(4);
  });

  it("a self-check stored before the fix (every derived item) still prints only what was shown", async () => {
    const old = structuredClone(record);
    old.selfCheck!.row.checklist = { line_tested: true, service_working: true, site_tidy: true, equipment_resolved: true, pbx_inspected: true };
    const out = await render(old);
    for (const s of SHOWN) expect(out.text, s).toContain(s);
    expect(out.text).not.toContain("用户交换机已现场检验");
    expect(out.tickBoxes).toBe(4);
  });
});

describe("the record's days are the operator's (Asia/Shanghai)", () => {
  it("'registry of' is the Shanghai day of the registry's import, as the phone shows it, not its UTC day", async () => {
    const shanghai = operatorDay(imported);
    const utc = imported.toISOString().slice(0, 10);
    expect(shanghai).not.toBe(utc);
    // both verdicts (phone's and server's) name the registry; a line may wrap between the two languages
    const text = (await render(record)).text.replace(/\s+/g, " ");
    expect(text.split(`${shanghai} 版许可证库 registry of ${shanghai}`)).toHaveLength(3);
    expect(text).not.toContain(`registry of ${utc}`);
  });
});
