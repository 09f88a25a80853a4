import "server-only";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { complaintCategories, keyCustomers } from "@/db/schema";
import { phoneDigits } from "@/domain/complaints/codes";
import type { TKeyCustomerInput, ZCategoryInput } from "@/domain/complaints/schemas";
import { appendAuditEvent } from "@/server/audit/service";
import type { SessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";

/** The category list (active and not: the desk filters by old ones too), in the quality department's order. */
export async function listCategories(db: Db) {
  return db
    .select({
      code: complaintCategories.code,
      nameZh: complaintCategories.nameZh,
      nameEn: complaintCategories.nameEn,
      department: complaintCategories.department,
      active: complaintCategories.active,
    })
    .from(complaintCategories)
    .orderBy(asc(complaintCategories.sort), asc(complaintCategories.code));
}

/** Creates or changes a category (its code never changes); an old category is deactivated, never deleted. */
export async function saveCategory(db: Db, user: SessionUser, input: z.output<typeof ZCategoryInput>, now = new Date()): Promise<{ code: string }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ code: complaintCategories.code })
      .from(complaintCategories)
      .where(eq(complaintCategories.code, input.code))
      .for("update");
    const values = { nameZh: input.nameZh, nameEn: input.nameEn, department: input.department, active: input.active, updatedAt: now };
    if (before) await tx.update(complaintCategories).set(values).where(eq(complaintCategories.code, input.code));
    else {
      const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${complaintCategories.sort}), 0) + 10` }).from(complaintCategories)) as [
        { next: number },
      ];
      await tx.insert(complaintCategories).values({ code: input.code, ...values, sort: next });
    }
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "complaint_category",
      subjectId: input.code,
      at: now,
      event: { name: "complaint.categorySaved", payload: { code: input.code, department: input.department, active: input.active, created: !before } },
    });
    return { code: input.code };
  });
}

/** The key-customer register, by name; a search matches the name, the category or a contact's phone digits. */
export async function listKeyCustomers(db: Db, q: { search?: string; includeInactive?: boolean }) {
  const search = q.search?.trim() ?? "";
  const digits = phoneDigits(search);
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches =
    search === ""
      ? undefined
      : or(
          ilike(keyCustomers.name, like),
          ilike(keyCustomers.category, like),
          digits.length >= 3 ? sql`exists (select 1 from unnest(${keyCustomers.phoneDigits}) d where d like ${`%${digits}%`})` : undefined,
        );
  return db
    .select({
      id: keyCustomers.id,
      name: keyCustomers.name,
      category: keyCustomers.category,
      address: keyCustomers.address,
      contacts: keyCustomers.contacts,
      notes: keyCustomers.notes,
      active: keyCustomers.active,
      version: keyCustomers.version,
      updatedAt: keyCustomers.updatedAt,
    })
    .from(keyCustomers)
    .where(and(q.includeInactive ? undefined : eq(keyCustomers.active, true), matches))
    .orderBy(asc(keyCustomers.name))
    .limit(500);
}

/**
 * Creates a key customer, or changes one by compare-and-set on `version`. The contacts' phone digits are kept for
 * matching incoming complaints to the register. Two customers of the same name are refused (conflict, field name).
 */
export async function saveKeyCustomer(db: Db, user: SessionUser, input: TKeyCustomerInput, now = new Date()): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const values = {
      name: input.name,
      category: input.category,
      address: input.address,
      contacts: input.contacts,
      phoneDigits: [...new Set(input.contacts.map((c) => phoneDigits(c.phone)))],
      notes: input.notes,
      active: input.active,
      updatedAt: now,
    };
    const [sameName] = await tx.select({ id: keyCustomers.id }).from(keyCustomers).where(eq(keyCustomers.name, input.name));
    if (sameName && sameName.id !== input.id) throw new AppError("conflict", { field: "name" });
    let saved: { id: string; version: number };
    if (input.id) {
      const [row] = await tx.select({ version: keyCustomers.version }).from(keyCustomers).where(eq(keyCustomers.id, input.id)).for("update");
      if (!row) throw new AppError("not_found");
      if (input.version === undefined || row.version !== input.version) throw new AppError("conflict", { version: row.version });
      [saved] = (await tx
        .update(keyCustomers)
        .set({ ...values, version: row.version + 1 })
        .where(eq(keyCustomers.id, input.id))
        .returning({ id: keyCustomers.id, version: keyCustomers.version })) as [{ id: string; version: number }];
    } else {
      [saved] = (await tx.insert(keyCustomers).values(values).returning({ id: keyCustomers.id, version: keyCustomers.version })) as [
        { id: string; version: number },
      ];
    }
    await appendAuditEvent(tx, {
      actorId: user.id,
      subjectType: "key_customer",
      subjectId: saved.id,
      at: now,
      event: { name: "complaint.keyCustomerSaved", payload: { name: input.name, category: input.category, active: input.active, created: !input.id } },
    });
    return saved;
  });
}
