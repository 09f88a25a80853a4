import "server-only";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { maintenanceAgreements, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session";
import { both, dash, evidenceImages, footers, signatureGrid, startRecord, time, word, type TImage } from "./pdf-common";
import { propertyPdfResponse } from "./pdf-http";
import { mayReadMaintenance } from "./maintenance";

/**
 * The equipment maintenance agreement (设备代维协议) as printed: the customer, the equipment covered, the period, the
 * terms, who offered the service and who recorded it, its state, and the customer's signature.
 */
export interface TMaintenancePrint {
  a: typeof maintenanceAgreements.$inferSelect;
  offeredByName: string | null;
  createdByName: string;
  signature: TImage | null;
  generatedAt: Date;
}

/** For whoever reads the register (the cases' readers, linemen); null otherwise or when absent. */
export async function loadMaintenancePrint(db: Db, user: SessionUser, id: string, now: Date): Promise<TMaintenancePrint | null> {
  if (!mayReadMaintenance(user)) return null;
  const offerer = alias(users, "offerer");
  const creator = alias(users, "creator");
  const [row] = await db
    .select({ a: maintenanceAgreements, offeredByName: offerer.displayName, createdByName: creator.displayName })
    .from(maintenanceAgreements)
    .leftJoin(offerer, eq(offerer.id, maintenanceAgreements.offeredBy))
    .innerJoin(creator, eq(creator.id, maintenanceAgreements.createdBy))
    .where(eq(maintenanceAgreements.id, id));
  if (!row) return null;
  const images = await evidenceImages(db, [row.a.signatureSha256]);
  return { ...row, signature: row.a.signatureSha256 ? (images.get(row.a.signatureSha256) ?? null) : null, generatedAt: now };
}

export async function renderMaintenance(f: TMaintenancePrint, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { a } = f;
  const p = startRecord({
    titleKey: "title.maintenance",
    code: a.code,
    subtitle: word("maintenanceStatus", a.status),
    generatedAt: f.generatedAt,
    compress: opts.compress,
    bracket: false,
  });
  p.section(both("section.customer"));
  p.fields(
    [
      [both("field.customerName"), a.customerName],
      [both("field.customerPhone"), a.customerPhone],
      [both("field.customerAddress"), a.customerAddress],
      [both("field.appliedOn"), a.appliedOn],
    ],
    2,
  );
  p.section(both("section.agreement"));
  p.fields(
    [
      [both("field.period"), `${a.startsOn} — ${a.endsOn}`],
      [both("field.status"), word("maintenanceStatus", a.status)],
      [both("field.offeredBy"), dash(f.offeredByName)],
      [both("field.recordedBy"), `${f.createdByName} ${time(a.createdAt)}`],
    ],
    2,
  );
  if (a.cancelReason) p.fields([[both("field.endReason"), a.cancelReason]], 1);
  p.section(both("section.equipment"));
  p.table(
    [
      { label: both("col.no"), width: 32 },
      { label: both("col.equipment"), width: p.width - 32 },
    ],
    a.equipment.map((e, i) => [String(i + 1), e]),
  );
  p.gap(8);
  p.section(both("section.terms"));
  p.fields([[both("field.terms"), a.terms]], 1);
  p.section(both("section.signature"), 80);
  signatureGrid(p, [{ image: f.signature, lines: [both("field.customerSignature"), a.customerName, time(a.createdAt)] }]);
  footers(p, a.code, f.generatedAt);
  return p.finish();
}

/** GET /api/property/maintenance/<id>/pdf: the agreement, to whoever reads the register. */
export function maintenancePdfResponse(db: Db, req: Request, id: string): Promise<Response> {
  return propertyPdfResponse(db, req, id, { load: loadMaintenancePrint, render: (f) => renderMaintenance(f), code: (f) => f.a.code });
}
