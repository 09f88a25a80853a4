"use client";
import { useTranslations } from "next-intl";
import type { WorkOrderView } from "@/client/work-orders/read-model";
import { isPassedVerdict } from "@/domain/work-orders/rules";
import { ServiceRecordFacts } from "@/app/_ui/work-orders/service-record-facts";

/**
 * What the customer signs, in plain words and large type: what was done (installed, moved, repaired), where, by
 * whom, and each piece of their own equipment that was checked, with what was done with it. The same facts go
 * into the signed snapshot (client/work-orders/evidence.ts).
 */
export function Summary({ view, linemanName }: { view: WorkOrderView; linemanName: string }) {
  const t = useTranslations("customer.summary");
  const te = useTranslations("workOrders.equipmentType");
  const tr = useTranslations("serviceRecord");
  const wo = view.workOrder;
  return (
    <section className="customer-summary" aria-labelledby="summary-title" data-testid="customer-summary">
      <p className="muted">{t("greeting", { name: wo.customerName })}</p>
      <h2 id="summary-title" className="summary-what" data-testid="summary-what">
        {t(`what.${wo.kind}`, { service: wo.service })}
      </h2>
      <p className="summary-line">{t("where", { address: wo.address })}</p>
      <p className="summary-line">{t("who", { name: linemanName })}</p>
      <p className="muted small mono">{wo.code}</p>
      {view.serviceRecord && (
        <div className="summary-record" data-testid="customer-service-record">
          <h3 className="summary-sub">{tr("title")}</h3>
          <ServiceRecordFacts record={view.serviceRecord} />
        </div>
      )}
      <h3 className="summary-sub">{t("equipmentTitle")}</h3>
      {view.checks.length === 0 ? (
        <p className="summary-line">{t("noEquipment")}</p>
      ) : (
        <ul className="summary-equipment" data-testid="summary-equipment">
          {view.checks.map((c) => {
            const ok = isPassedVerdict(c.verdict);
            return (
              <li key={c.id} data-tone={ok ? "ok" : "bad"} data-testid="summary-check">
                <strong>{te(c.equipmentType)}</strong>
                {(c.equipmentModel || c.labelModel) && <span className="mono"> {c.equipmentModel || c.labelModel}</span>}
                <br />
                <span>{ok ? t("licensed") : t(`notLicensed.${c.verdict}`)}</span>
                <br />
                <span className="summary-outcome">{t(`outcome.${c.outcome}`)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
