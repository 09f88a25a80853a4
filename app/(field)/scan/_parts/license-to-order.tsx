"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useReadCache } from "@/app/_ui/use-read-cache";
import { peekPendingPhoto } from "@/client/photo/pending";
import { labelFromScan } from "@/client/work-orders/license-check";
import { handCheckToWorkOrder } from "@/client/work-orders/pending-check";
import { workOrderSummaries } from "@/client/work-orders/read-model";
import type { ScanResult } from "@/domain/scan/classify";
import { byUrgency, canCheckEquipment } from "@/domain/work-orders/status";

/**
 * A license label read on the scan screen leads to the equipment check of one of the lineman's own work orders
 * (those where equipment may still be checked, most urgent first), with the label already read.
 */
export function LicenseToOrder({ result, code }: { result: ScanResult; code: string }) {
  const t = useTranslations("scan");
  const router = useRouter();
  const orders = useReadCache("scan-orders", async (store, deviceId) =>
    (await workOrderSummaries(store, deviceId))
      .filter((s) => canCheckEquipment(s.status))
      .sort((a, b) => byUrgency(a.workOrder, b.workOrder))
      .slice(0, 3),
  );
  const label = labelFromScan(result);
  if (!label) return null;
  if (orders.loading) return null;
  if (!orders.data || orders.data.length === 0) {
    return (
      <p className="alert" data-tone="info" data-testid="scan-note" data-action="license">
        {t("note.licenseNoOrder")}
      </p>
    );
  }
  return (
    <div className="stack" data-testid="license-orders">
      {orders.data.map((s) => (
        <button
          key={s.workOrder.id}
          type="button"
          className="btn block big-action"
          data-testid="scan-action"
          data-action="check-equipment"
          data-code={s.workOrder.code}
          onClick={() => {
            handCheckToWorkOrder(s.workOrder.id, label, peekPendingPhoto(code) ?? null);
            router.push(`/work-orders#${s.workOrder.id}`);
          }}
        >
          {t("checkOnOrder", { code: s.workOrder.code, customer: s.workOrder.customerName })}
        </button>
      ))}
    </div>
  );
}
