"use client";
import { useTranslations } from "next-intl";
import type { TServicePart } from "@/domain/work-orders/service-record";

/** The record as written (the lineman's screen, the customer's before signing). */
export function ServiceRecordFacts({ record }: { record: { requested: string; done: string; parts: readonly TServicePart[]; completion: string } }) {
  const t = useTranslations("serviceRecord");
  return (
    <dl className="scan-fields service-record-facts" style={{ gridTemplateColumns: "auto 1fr" }} data-testid="service-record-facts">
      <dt>{t("field.requested")}</dt>
      <dd data-testid="sr-requested">{record.requested}</dd>
      <dt>{t("field.done")}</dt>
      <dd data-testid="sr-done">{record.done}</dd>
      <dt>{t("field.parts")}</dt>
      <dd data-testid="sr-parts">
        {record.parts.length === 0 ? (
          t("noParts")
        ) : (
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {record.parts.map((p, i) => (
              <li key={i}>
                {p.name} × {p.quantity}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t("field.completion")}</dt>
      <dd data-testid="sr-completion" data-completion={record.completion}>
        {t(`completion.${record.completion}`)}
      </dd>
    </dl>
  );
}
