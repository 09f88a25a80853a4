import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { rowsOf, type Db } from "@/db/client";
import { materials, tagLeases, users, zones } from "@/db/schema";
import { LEASE_SIZE, stockTag } from "@/domain/warehouse/tags";
import type { TRecordReceiptForm } from "@/domain/warehouse/schemas";
import type { SessionUser } from "@/server/auth/session";
import { Appender } from "@/server/sync/contract";
import { applyRecordReceipt } from "@/server/warehouse/receive";

/** The demo's material catalogue: serialised terminals (one tag each), bulk cable and accessories (one lot tag a line). */
export const DEMO_MATERIALS: (typeof materials.$inferInsert)[] = [
  { code: "MAT-ONU-HG8245", nameZh: "ONU 光猫 HG8245H", nameEn: "ONU modem HG8245H", unit: "piece", serialised: true, barcodes: ["6901234567892"] },
  { code: "MAT-ONU-F663", nameZh: "ONU 光猫 F663N", nameEn: "ONU modem F663N", unit: "piece", serialised: true, barcodes: ["6935708123451"] },
  { code: "MAT-TEL-HCD28", nameZh: "电话机 HCD28", nameEn: "Telephone HCD28", unit: "piece", serialised: true, barcodes: ["HCD6238(28)TSD"] },
  { code: "MAT-PC-SC3", nameZh: "光纤跳线 SC-SC 3m", nameEn: "Fibre patch cord SC-SC 3 m", unit: "piece", serialised: false, barcodes: ["6920218000019"] },
  { code: "MAT-CAT6-305", nameZh: "网线 CAT6 305m", nameEn: "CAT6 cable 305 m", unit: "reel", serialised: false },
  { code: "MAT-CON-SC", nameZh: "光纤快速连接器 SC", nameEn: "SC fast connector", unit: "box", serialised: false },
  { code: "MAT-RJ45", nameZh: "水晶头 RJ45", nameEn: "RJ45 plug", unit: "box", serialised: false },
  { code: "MAT-DBOX", nameZh: "分线盒", nameEn: "Distribution box", unit: "piece", serialised: false },
];

/** Blank tags on the demo's printed roll: five blocks of the lease sequence. */
export const DEMO_ROLL_BLOCKS = 5;

/**
 * The demo's warehouse (issue 14): the catalogue, a second stock zone, a printed roll of blank stock tags (a lease
 * with no device, taken from the lease sequence so the phones' blocks come after it), and one delivery for terminal
 * service waiting for its inspection, received through the same code as the keeper's phone.
 */
export async function seedWarehouse(db: Db, now = new Date()): Promise<void> {
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, department: users.department })
    .from(users);
  const keeper: SessionUser | undefined = people.find((p) => p.username === "keeper");
  if (!keeper) throw new Error("seedWarehouse: no user keeper");

  const roll = await db.transaction(async (tx) => {
    await tx.insert(materials).values(DEMO_MATERIALS);
    await tx.insert(zones).values({ code: "WH1-B", siteCode: "WH1", kind: "stock", nameZh: "合格品区 B", nameEn: "Accepted stock B" });
    // consecutive blocks of the sequence (nothing else leases while the demo is seeded): the roll is one range
    const blocks: number[] = [];
    for (let i = 0; i < DEMO_ROLL_BLOCKS; i++) {
      const [row] = rowsOf<{ n: string | number }>(await tx.execute(sql`select nextval('stock_tag_lease_seq') as n`));
      blocks.push(Number(row!.n));
    }
    if (blocks.some((b, i) => i > 0 && b !== blocks[i - 1]! + LEASE_SIZE)) throw new Error("seedWarehouse: the lease sequence moved while seeding");
    const first = blocks[0]!;
    const last = first + DEMO_ROLL_BLOCKS * LEASE_SIZE - 1;
    await tx.insert(tagLeases).values({ deviceId: null, userId: keeper.id, firstNo: first, lastNo: last, createdAt: now });
    return { first, last };
  });

  const tag = (i: number) => stockTag(roll.first + i);
  const receipt: TRecordReceiptForm = {
    id: uuidv7(),
    purchaseRequest: "PR-2026-0312",
    department: "terminal_service",
    supplier: "华为技术有限公司 Huawei Technologies",
    deliveryNote: "DN-HW-88012",
    inspectionZone: "WH1-IN",
    lines: [
      { id: randomUUID(), materialCode: "MAT-ONU-HG8245", quantity: 3, serialised: true, tags: [tag(0), tag(1), tag(2)], supplierCode: "6901234567892" },
      { id: randomUUID(), materialCode: "MAT-PC-SC3", quantity: 50, serialised: false, tags: [tag(3)], supplierCode: "6920218000019" },
    ],
    note: "",
  };
  await db.transaction(async (tx) => {
    const append = new Appender();
    const mutation = {
      mutationId: uuidv7(),
      deviceId: randomUUID(),
      seq: 1,
      name: "receipt.record",
      schemaVersion: 1,
      args: receipt,
      clientTime: new Date(now.getTime() - 3_600_000).toISOString(),
    };
    const decision = await applyRecordReceipt({ tx, user: keeper, mutation, append });
    if (decision.status !== "applied") throw new Error(`seedWarehouse: receipt not applied (${decision.status})`);
    await decision.write();
    await append.flush(tx);
  });
}
