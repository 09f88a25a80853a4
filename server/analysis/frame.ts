import "server-only";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { keyCustomers } from "@/db/schema";
import type { TCustomerCategory } from "@/domain/analysis/schemas";
import { phoneDigits } from "@/domain/complaints/codes";

/**
 * The year-end survey's sampling frame (ADR 0041 §5): what the app knows of the year's customers —
 * - every customer of the year's work orders (scheduled in the year, not cancelled), one per contact number (its
 *   digits, at least 7), named, addressed and reached as on their latest order;
 * - every active customer of the key-customer register (重点客户), by their first contact's number (a work-order
 *   customer with one of the register's numbers is that key customer, under the register's name).
 * Each in one category: key (the register, or an order flagged key customer), business (the name looks like an
 * organisation: `looksLikeOrganisation`), residential (everyone else).
 */
export interface TFrameUnit {
  /** The contact's digits: the survey's customer key (never drawn twice in a survey). */
  key: string;
  category: TCustomerCategory;
  name: string;
  phone: string;
  address: string;
}

/** Chinese marks of an organisation's name (a company, a works, a bureau, a shop, a centre, a school…). */
const ORGANISATION_ZH = [
  "公司",
  "厂",
  "局",
  "店",
  "中心",
  "学校",
  "医院",
  "银行",
  "集团",
  "酒店",
  "宾馆",
  "大学",
  "学院",
  "事务所",
  "研究所",
  "委员会",
  "幼儿园",
  "超市",
];
/** English marks, as whole words (Co., Ltd, Inc…): "Vincent" or "Cohen" are not companies. */
const ORGANISATION_EN = /(^|[^a-z])(co|ltd|inc|corp|llc|plc|company|limited|group|hotel|bank|school|hospital|factory|centre|center|shop|store)([^a-z]|$)/i;

/** Whether a customer's name is an organisation's (business) rather than a person's (residential). Kept small: see frame.test.ts. */
export function looksLikeOrganisation(name: string): boolean {
  const n = name.normalize("NFKC").trim();
  return ORGANISATION_ZH.some((m) => n.includes(m)) || ORGANISATION_EN.test(n);
}

export function customerCategory(u: { name: string; key: boolean }): TCustomerCategory {
  return u.key ? "key" : looksLikeOrganisation(u.name) ? "business" : "residential";
}

/** The frame of `year`, sorted by key (the draw sorts again; this keeps the call list's data stable). */
export async function buildFrame(db: Db, year: number): Promise<TFrameUnit[]> {
  // digits in SQL as phoneDigits does them (full-width digits count), one row per customer, latest order first
  const orders = rowsOf<{ digits: string; name: string; address: string; phone: string; key: boolean | string }>(
    await db.execute(sql`
      select digits,
        (array_agg(customer_name order by created_at desc, code desc))[1] as name,
        (array_agg(address order by created_at desc, code desc))[1] as address,
        (array_agg(contact order by created_at desc, code desc))[1] as phone,
        bool_or(key_customer) as key
      from (
        select regexp_replace(translate(contact, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g') as digits,
          customer_name, address, contact, key_customer, created_at, code
        from work_orders
        where scheduled_for >= ${`${year}-01-01`}::date and scheduled_for <= ${`${year}-12-31`}::date and status <> 'cancelled'
      ) w
      where length(digits) >= 7
      group by digits`),
  );
  const units = new Map<string, TFrameUnit>();
  for (const o of orders) {
    const key = o.key === true || o.key === "t";
    units.set(o.digits, { key: o.digits, category: customerCategory({ name: o.name, key }), name: o.name, phone: o.phone, address: o.address });
  }

  const register = await db
    .select({ name: keyCustomers.name, address: keyCustomers.address, contacts: keyCustomers.contacts, phoneDigits: keyCustomers.phoneDigits })
    .from(keyCustomers)
    .where(eq(keyCustomers.active, true))
    .orderBy(keyCustomers.name);
  const claimed = new Set<string>();
  for (const k of register) {
    const own = k.phoneDigits.filter((d) => !claimed.has(d));
    const numbers = own.filter((d) => d.length >= 7);
    if (numbers.length === 0) continue;
    const served = numbers.find((d) => units.has(d));
    const digits = served ?? numbers[0]!;
    const order = units.get(digits);
    const contact = k.contacts.find((c) => phoneDigits(c.phone) === digits);
    units.set(digits, {
      key: digits,
      category: "key",
      name: k.name,
      phone: order?.phone ?? contact?.phone ?? digits,
      address: k.address || order?.address || "",
    });
    // the register's other numbers are the same customer: never a second unit of the frame
    for (const d of own) {
      claimed.add(d);
      if (d !== digits) units.delete(d);
    }
  }
  return [...units.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
