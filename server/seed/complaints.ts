import "server-only";
import { randomUUID } from "node:crypto";
import { uuidv7 } from "uuidv7";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { TRecordComplaintForm } from "@/domain/complaints/schemas";
import type { SessionUser } from "@/server/auth/session";
import { escalateOverdue } from "@/server/complaints/jobs";
import { applyRecordComplaint } from "@/server/complaints/record";
import { saveKeyCustomer } from "@/server/complaints/register";
import { createServiceRequest } from "@/server/complaints/service-request";
import { complaintStep, type TStepCall } from "@/server/complaints/steps";
import { Appender } from "@/server/sync/contract";

const HOUR = 3_600_000;

/**
 * The demo's complaints desk: three key customers (two of them the key customers of the demo's work orders, matched by
 * their phone numbers), and forms at every stage, made through the same code as the phones and the desk: a lineman's
 * form from a door waiting to be classified, a billing complaint accepted by finance, a 180 centre's complaint with a
 * result and no written reply yet, a key customer's complaint past its limit (escalated by the sweep), an inquiry
 * answered at once, one closed with its callback, and a key customer's service request.
 */
export async function seedComplaints(db: Db, now = new Date()): Promise<void> {
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users);
  const who = (username: string): SessionUser => {
    const u = people.find((p) => p.username === username);
    if (!u) throw new Error(`seedComplaints: no user ${username}`);
    return u;
  };
  const service = who("service");
  const quality = who("quality");

  const hospital = await saveKeyCustomer(db, quality, {
    name: "市第一医院 City Hospital No.1",
    category: "医疗 Healthcare",
    address: "解放路 12 号",
    contacts: [{ name: "信息科 张主任 Director Zhang", phone: "0571-8800 1200" }],
    notes: "24 小时急诊专线 / 24 h emergency private line",
    active: true,
  });
  const school = await saveKeyCustomer(db, quality, {
    name: "城东小学 Chengdong Primary School",
    category: "教育 Education",
    address: "城东路 88 号",
    contacts: [{ name: "总务处 李老师 Ms Li", phone: "0571-8612 0106" }],
    notes: "",
    active: true,
  });
  await saveKeyCustomer(db, quality, {
    name: "工商银行城区支行 ICBC City Branch",
    category: "金融 Finance",
    address: "人民路 100 号",
    contacts: [
      { name: "运营部 陈经理 Mr Chen", phone: "0571-8701 5566" },
      { name: "值班室 Duty room", phone: "0571-8701 5500" },
    ],
    notes: "营业时间内施工须预约 / book work during opening hours",
    active: true,
  });

  const record = async (by: SessionUser, hoursAgo: number, form: Omit<TRecordComplaintForm, "id">): Promise<string> => {
    const id = uuidv7();
    await db.transaction(async (tx) => {
      const append = new Appender();
      const mutation = {
        mutationId: uuidv7(),
        deviceId: randomUUID(),
        seq: 1,
        name: "complaint.record",
        schemaVersion: 1,
        args: { id, ...form },
        clientTime: new Date(now.getTime() - hoursAgo * HOUR).toISOString(),
      };
      const decision = await applyRecordComplaint({ tx, user: by, mutation, append });
      if (decision.status !== "applied") throw new Error(`seedComplaints: not applied (${decision.status})`);
      await decision.write();
      await append.flush(tx);
    });
    return id;
  };
  let version = 1;
  const steps = async (id: string, by: Record<string, SessionUser>, calls: { as: string; hoursAgo: number; call: (v: number) => TStepCall }[]) => {
    version = 1;
    for (const s of calls) {
      const r = await complaintStep(db, by[s.as] ?? who(s.as), s.call(version), new Date(now.getTime() - s.hoursAgo * HOUR));
      version = r.version;
    }
  };
  const ref = (id: string, v: number) => ({ complaintId: id, version: v });

  // 1. a lineman at a customer's door, 2 hours ago: waits for customer service to classify it
  await record(who("lineman"), 2, {
    kind: "complaint",
    channel: "on_site",
    customerName: "刘洋 Liu Yang",
    contact: "139 0571 2233",
    address: "学院路 21 号 502",
    words: "宽带每天晚上八点后经常掉线，已经一周了。/ The broadband drops out every evening after 8 pm, for a week now.",
  });

  // 2. a billing complaint at the counter yesterday: classified to finance, accepted
  const billing = await record(service, 26, {
    kind: "complaint",
    channel: "counter",
    customerName: "孙丽 Sun Li",
    contact: "138 0571 6677",
    words: "上月话费多扣了 58 元国际长途费，我没有打过国际电话。/ Last month's bill charged 58 yuan of international calls I never made.",
  });
  await steps(billing, {}, [
    {
      as: "service",
      hoursAgo: 25,
      call: (v) => ({ step: "classify", input: { ...ref(billing, v), category: "billing", severity: "normal", department: "finance", keyCustomerId: null } }),
    },
    { as: "service", hoursAgo: 24, call: (v) => ({ step: "accept", input: { ...ref(billing, v), note: "财务部受理 / accepted for finance" } }) },
  ]);

  // 3. forwarded by the 180 centre two days ago: result found, the written reply not yet written
  const centre = await record(service, 50, {
    kind: "complaint",
    channel: "centre_180",
    centreRef: "180-20261204-031",
    customerName: "周强 Zhou Qiang",
    contact: "137 5711 9080",
    address: "滨江路 6 号 1 单元 301",
    words: "报装宽带十天了还没人来装。/ Ten days since I ordered broadband and nobody has come to install it.",
  });
  await steps(centre, {}, [
    {
      as: "service",
      hoursAgo: 49,
      call: (v) => ({
        step: "classify",
        input: { ...ref(centre, v), category: "installation_delay", severity: "normal", department: "terminal_service", keyCustomerId: null },
      }),
    },
    { as: "head", hoursAgo: 48, call: (v) => ({ step: "accept", input: { ...ref(centre, v), note: "" } }) },
    {
      as: "head",
      hoursAgo: 30,
      call: (v) => ({ step: "investigate", input: { ...ref(centre, v), note: "工单积压，线务员排期已满 / backlog: the linemen's schedule was full" } }),
    },
    {
      as: "head",
      hoursAgo: 6,
      call: (v) => ({
        step: "resolve",
        input: { ...ref(centre, v), result: "已于今日上午安装开通，并减免首月月租 / installed this morning; first month's rent waived" },
      }),
    },
  ]);

  // 4. the hospital (a key customer, recognised by its number) on the 189 line 30 hours ago: past its 24 h limit
  const late = await record(service, 30, {
    kind: "complaint",
    channel: "line_189",
    customerName: "市第一医院 City Hospital No.1",
    contact: "0571-8800 1200",
    words: "专线时断时续，影响挂号系统。/ The private line keeps dropping; the registration system is affected.",
  });
  await steps(late, {}, [
    {
      as: "service",
      hoursAgo: 29,
      call: (v) => ({
        step: "classify",
        input: { ...ref(late, v), category: "network_quality", severity: "serious", department: "operations", keyCustomerId: hospital.id },
      }),
    },
  ]);

  // 5. an inquiry answered at once at the counter
  await record(service, 5, {
    kind: "inquiry",
    channel: "counter",
    customerName: "吴红 Wu Hong",
    contact: "135 8899 0012",
    words: "询问宽带提速办理方式。/ How to upgrade the broadband speed.",
    answer: "已告知可在营业厅或 189 办理，次日生效。/ Told: at the counter or by 189, effective the next day.",
  });

  // 6. a complaint handled to the end last week, with its callback
  const done = await record(who("lineman2"), 7 * 24, {
    kind: "complaint",
    channel: "on_site",
    customerName: "郑伟 Zheng Wei",
    contact: "186 0571 3344",
    words: "装机师傅没有清理施工垃圾。/ The installer left the debris behind.",
  });
  await steps(done, {}, [
    {
      as: "service",
      hoursAgo: 7 * 24 - 1,
      call: (v) => ({
        step: "classify",
        input: { ...ref(done, v), category: "staff_attitude", severity: "normal", department: "terminal_service", keyCustomerId: null },
      }),
    },
    { as: "head", hoursAgo: 7 * 24 - 2, call: (v) => ({ step: "accept", input: { ...ref(done, v), note: "" } }) },
    {
      as: "head",
      hoursAgo: 6 * 24,
      call: (v) => ({
        step: "resolve",
        input: { ...ref(done, v), result: "已上门道歉并清理，班组通报批评 / apologised and cleaned up on site; the team was reprimanded" },
      }),
    },
    {
      as: "service",
      hoursAgo: 6 * 24 - 1,
      call: (v) => ({ step: "reply", input: { ...ref(done, v), method: "phone", at: new Date(now.getTime() - (6 * 24 - 1) * HOUR), note: "" } }),
    },
    {
      as: "service",
      hoursAgo: 5 * 24,
      call: (v) => ({ step: "callback", input: { ...ref(done, v), satisfaction: 4, note: "客户表示满意 / the customer is satisfied" } }),
    },
    { as: "service", hoursAgo: 5 * 24, call: (v) => ({ step: "close", input: { ...ref(done, v), note: "" } }) },
  ]);

  // 7. the school asks for a repair (green channel): the key-customer service record, departments told in writing
  await createServiceRequest(
    db,
    service,
    {
      keyCustomerId: school.id,
      serviceType: "repair",
      channel: "line_189",
      contact: "0571-8612 0106",
      address: "城东路 88 号 行政楼",
      words: "行政楼电话全部不通。/ Every telephone in the administration building is dead.",
      departments: ["terminal_service", "operations"],
      clerkCheck: true,
    },
    new Date(now.getTime() - 1 * HOUR),
  );

  // the sweep the job runner makes every 5 minutes: the hospital's complaint is past its limit
  await escalateOverdue(db, now);
}
