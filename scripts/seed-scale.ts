/**
 * npm run seed:scale -- --items 1000000 --events 10000000 [--work-orders 200000 --complaints 50000 --instruments 20000]
 *   [--database-url postgres://…] [--append]
 * Seeds the PostgreSQL database at --database-url (else DATABASE_URL) with an operator's data at that size,
 * deterministically (scripts/seed-scale-lib.ts), printing a line per step and the rows and sizes at the end.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SIZE, seedScale } from "./seed-scale-lib";

const { values } = parseArgs({
  options: {
    items: { type: "string" },
    events: { type: "string" },
    "work-orders": { type: "string" },
    complaints: { type: "string" },
    instruments: { type: "string" },
    "database-url": { type: "string" },
    append: { type: "boolean" },
  },
});
const count = (v: string | undefined, fallback: number, name: string) => {
  const n = v === undefined ? fallback : Number(v.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 0 || n > 100_000_000) throw new Error(`--${name} must be a whole number from 0 to 100,000,000 (got ${v})`);
  return n;
};
const size = {
  items: count(values.items, DEFAULT_SIZE.items, "items"),
  events: count(values.events, DEFAULT_SIZE.events, "events"),
  workOrders: count(values["work-orders"], DEFAULT_SIZE.workOrders, "work-orders"),
  complaints: count(values.complaints, DEFAULT_SIZE.complaints, "complaints"),
  instruments: count(values.instruments, DEFAULT_SIZE.instruments, "instruments"),
};
if (size.items < 100) throw new Error("--items must be at least 100");
if (size.instruments > 899_999) throw new Error("--instruments must be at most 899,999 (tags IN-100001 to IN-999999)");
const url = values["database-url"] ?? process.env.DATABASE_URL;
if (!url) throw new Error("seed:scale needs --database-url or DATABASE_URL (PostgreSQL)");
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
log(`seed:scale ${JSON.stringify(size)} into ${url.replace(/\/\/[^@/]*@/, "//…@")}`);
const result = await seedScale(url, size, { append: values.append, log });
log(`done in ${result.totalSeconds} s`);
console.log(JSON.stringify(result, null, 2));
