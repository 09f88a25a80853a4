import "server-only";
import { eq, or, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { billingChecks, complaints, evidenceFiles, nonconformities } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { mayRead } from "@/server/complaints/access";
import { onReadablePropertyCase } from "@/server/property/cases-evidence";
import { BILLING_READER_ROLES } from "@/server/quality/billing-read";
import { isServableImage, seesAllEvidence, ZSha256 } from "@/domain/evidence/access";
import { handlesItems } from "@/domain/items/labels";
import { mayReadAllQuality, mayRecordBilling } from "@/domain/quality/model";
import { mayReadRegisters } from "@/domain/warehouse/model";

export interface ReadableEvidence {
  sha256: string;
  mime: string;
  data: Uint8Array;
}

/**
 * The evidence file `sha256` if this user may see it (domain/evidence/access.ts), else null — whether it does not
 * exist, is not an image, or belongs to records the user may not see: the caller answers 404 to all of these.
 */
export async function readableEvidence({
  db,
  user,
  sha256,
  customerWorkOrderId = null,
}: {
  db: Db;
  user: SessionUser;
  sha256: string;
  /** The session is in customer mode (the phone is in a customer's hands): only that work order's files. */
  customerWorkOrderId?: string | null;
}): Promise<ReadableEvidence | null> {
  if (!ZSha256.safeParse(sha256).success) return null;
  const [file] = await db
    .select({ sha256: evidenceFiles.sha256, mime: evidenceFiles.mime, data: evidenceFiles.data, createdBy: evidenceFiles.createdBy })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.sha256, sha256));
  if (!file || !isServableImage(file.mime)) return null;
  const out = { sha256: file.sha256, mime: file.mime, data: file.data };
  if (customerWorkOrderId) return (await onWorkOrder(db, user.id, customerWorkOrderId, sha256)) ? out : null;
  if (seesAllEvidence(user.role) || file.createdBy === user.id) return out;
  if (user.role === "lineman" && (await onOwnWorkOrder(db, user.id, sha256))) return out;
  if (handlesItems(user.role) && (await onItemLabelEvent(db, sha256))) return out;
  if (await onReadableComplaint(db, user, sha256)) return out;
  if (await onReadableAcceptanceForm(db, user, sha256)) return out;
  if (await onReadableNonconformity(db, user, sha256)) return out;
  if (await onReadableBillingCheck(db, user, sha256)) return out;
  if (await onReadablePropertyCase(db, user, sha256)) return out;
  return null;
}

/**
 * The file is the inspector's signature or a line's photo on a Quality Acceptance Form this user may read: the
 * warehouse's register readers (domain/warehouse/model.ts mayReadRegisters) and the form's requesting department.
 */
async function onReadableAcceptanceForm(db: Db, user: SessionUser, sha256: string): Promise<boolean> {
  const found = await db.execute(sql`SELECT DISTINCT f.department FROM acceptance_forms f WHERE f.signature_sha256 = ${sha256}
      OR EXISTS (SELECT 1 FROM acceptance_lines l WHERE l.form_id = f.id AND l.photo_sha256 = ${sha256})`);
  const departments = rowsOf<{ department: string }>(found).map((r) => r.department);
  if (departments.length === 0) return false;
  return mayReadRegisters(user) || departments.some((d) => d === user.department);
}

/**
 * The file is the photo of a nonconformity (a spot-check's finding) this user may read: quality and the general
 * manager every one (domain/quality/model.ts mayReadAllQuality), a department's head their department's.
 */
async function onReadableNonconformity(db: Db, user: SessionUser, sha256: string): Promise<boolean> {
  const found = await db.selectDistinct({ department: nonconformities.department }).from(nonconformities).where(eq(nonconformities.photoSha256, sha256));
  if (found.length === 0) return false;
  return mayReadAllQuality(user.role) || (user.role === "department_head" && found.some((n) => n.department === user.department));
}

/**
 * The file is an attachment of a month's billing-accuracy check (call logs, bills): those who read the months
 * (server/quality/billing-read.ts BILLING_READER_ROLES) and the switching and transmission office (mayRecordBilling).
 */
async function onReadableBillingCheck(db: Db, user: SessionUser, sha256: string): Promise<boolean> {
  if (!BILLING_READER_ROLES.includes(user.role) && !mayRecordBilling(user)) return false;
  const found = await db
    .select({ id: billingChecks.id })
    .from(billingChecks)
    .where(sql`${sha256} = any(${billingChecks.attachments})`)
    .limit(1);
  return found.length > 0;
}

/**
 * The file is the photo or the customer's signature of a complaint form this user may read (server/complaints/access.ts
 * mayRead: the desk's readers, the form's department and the departments it concerns, the person who recorded it).
 */
async function onReadableComplaint(db: Db, user: SessionUser, sha256: string): Promise<boolean> {
  // every form with the file, however many (a cut-off could miss the one this user may read); only the facts mayRead
  // judges by, each distinct combination once
  const forms = await db
    .selectDistinct({ department: complaints.department, recordedBy: complaints.recordedBy, departmentsConcerned: complaints.departmentsConcerned })
    .from(complaints)
    .where(or(eq(complaints.photoSha256, sha256), eq(complaints.signatureSha256, sha256)));
  return forms.some((c) => mayRead(user, c));
}

/** The file is a photo or signature of a work order assigned to this lineman (of this one work order, when named). */
async function onOwnWorkOrder(db: Db, userId: string, sha256: string): Promise<boolean> {
  return onWorkOrder(db, userId, null, sha256);
}

async function onWorkOrder(db: Db, userId: string, workOrderId: string | null, sha256: string): Promise<boolean> {
  const one = workOrderId ? sql`AND w.id = ${workOrderId}` : sql``;
  const found = await db.execute(sql`SELECT 1 FROM work_orders w WHERE w.assigned_to = ${userId} ${one} AND (
      EXISTS (SELECT 1 FROM work_order_photos p WHERE p.work_order_id = w.id AND p.sha256 = ${sha256})
      OR EXISTS (SELECT 1 FROM equipment_checks c WHERE c.work_order_id = w.id AND c.photo_sha256 = ${sha256})
      OR EXISTS (SELECT 1 FROM work_order_signoffs s WHERE s.work_order_id = w.id AND s.signature_sha256 = ${sha256})
    ) LIMIT 1`);
  return rowsOf(found).length > 0;
}

/** The file is a label photo on an item's timeline (every item handler's phone shows those). */
async function onItemLabelEvent(db: Db, sha256: string): Promise<boolean> {
  const found = await db.execute(sql`SELECT 1 FROM item_label_events e WHERE e.photo_sha256 = ${sha256} LIMIT 1`);
  return rowsOf(found).length > 0;
}
