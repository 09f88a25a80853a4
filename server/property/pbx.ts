import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseRegistry, propertyCases, type TPbxApplication } from "@/db/schema";
import { checkLicense } from "@/domain/licenses/check";
import { applicationLicenseRefusal, phoneDigits } from "@/domain/property/model";
import type { TPbxApplicationInput } from "@/domain/property/schemas";
import { operatorDay } from "@/domain/time/operator";
import type { SessionUser } from "@/server/auth/session";
import { now as clockNow } from "@/server/clock";
import { assertCustomerService, auditCase, ruleViolation } from "./cases";
import { nextCode } from "./counters";

/**
 * Customer service records a PBX application (《安装用户交换机申请检验表》, ADR 0039 §3): the network-access
 * certificate is looked up in the server's license registry and checked with the phone's own checkLicense (the
 * certificate number and the model on the application) for the operator's today; expired, unknown or a model
 * mismatch is refused with that reason (rule_violation) and nothing is recorded. The registry's entry and verdict are
 * kept with the application. Numbered PBX-YYYY-NNNN (operator year).
 */
export async function recordPbx(db: Db, user: SessionUser, input: TPbxApplicationInput): Promise<{ id: string; code: string }> {
  assertCustomerService(user);
  return db.transaction(async (tx) => {
    const now = clockNow();
    const [entry] = await tx.select().from(licenseRegistry).where(eq(licenseRegistry.licenseNo, input.certificateNo)).limit(1);
    const verdict = checkLicense({
      entry,
      label: { kind: "license_old", licenseNo: input.certificateNo, model: input.model },
      equipmentModel: input.model,
      today: operatorDay(now),
    });
    const refusal = applicationLicenseRefusal(verdict);
    if (refusal) {
      throw ruleViolation(refusal, {
        certificateNo: input.certificateNo,
        model: input.model,
        registry: entry ? { model: entry.model, expiryDate: entry.expiryDate, applicant: entry.applicant, equipmentName: entry.equipmentName } : null,
      });
    }
    const details: TPbxApplication = {
      certificateNo: input.certificateNo,
      model: input.model,
      manufacturer: input.manufacturer,
      capacity: input.capacity,
      standard: input.standard,
      connection: input.connection,
      power: input.power,
      ancillary: input.ancillary,
      trunkLines: input.trunkLines,
      registry: { verdict, applicant: entry!.applicant, equipmentName: entry!.equipmentName, expiryDate: entry!.expiryDate },
    };
    const id = randomUUID();
    const code = await nextCode(tx, "pbx", now);
    await tx.insert(propertyCases).values({
      id,
      code,
      kind: "pbx",
      status: "recorded",
      customerName: input.customerName,
      customerPhone: input.customerPhone,
      customerPhoneDigits: phoneDigits(input.customerPhone),
      customerAddress: input.customerAddress,
      details,
      appliedOn: input.appliedOn,
      note: input.note,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    await auditCase(tx, {
      actorId: user.id,
      caseId: id,
      at: now,
      event: {
        name: "property.pbxRecorded",
        payload: { code, customerName: input.customerName, certificateNo: input.certificateNo, model: input.model, verdict },
      },
    });
    return { id, code };
  });
}
