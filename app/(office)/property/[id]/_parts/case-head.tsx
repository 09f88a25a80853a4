"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TPbxApplication, TWorksProject } from "@/db/schema/property";
import { CaseStatus, useDay, useWhen } from "../../_parts/kit";
import type { TCaseDetail } from "../../_parts/types";

/** The case's head: form, code, status, the customer, and what was applied for (PBX) or agreed (works). */
export function CaseHead({ c }: { c: TCaseDetail }) {
  const t = useTranslations("propertyOffice.case");
  const tp = useTranslations("property");
  const day = useDay();
  const when = useWhen();
  const k = c.case;
  return (
    <section className="card stack" aria-labelledby="case-title">
      <p className="muted small" style={{ margin: 0 }}>
        {tp(`forms.${k.kind === "pbx" ? "pbx" : "agreement"}`)}
      </p>
      <div className="title-row" style={{ flexWrap: "wrap" }}>
        <h1 id="case-title" className="mono" style={{ margin: 0 }}>
          {k.code}
        </h1>
        <span data-testid="case-status">
          <CaseStatus status={k.status} />
        </span>
      </div>
      <Facts>
        <Fact label={t("fields.kind")}>{tp(`kind.${k.kind}`)}</Fact>
        <Fact label={t("fields.customer")} testId="case-customer">
          {k.customerName}
        </Fact>
        <Fact label={t("fields.phone")}>{k.customerPhone}</Fact>
        <Fact label={t("fields.address")}>{k.customerAddress}</Fact>
        <Fact label={t("fields.appliedOn")}>{day(k.appliedOn)}</Fact>
        {k.kind === "pbx" ? <PbxFacts d={k.details as TPbxApplication} /> : <WorksFacts d={k.details as TWorksProject} />}
        {k.note && <Fact label={t("fields.note")}>{k.note}</Fact>}
        {k.connectedAt && <Fact label={t(`fields.connectedAt.${k.kind}`)}>{when(k.connectedAt)}</Fact>}
        {k.cancelReason && (
          <Fact label={t("fields.cancelReason")} testId="cancel-reason">
            {k.cancelReason}
          </Fact>
        )}
      </Facts>
    </section>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <dl className="scan-fields" style={{ gridTemplateColumns: "minmax(6em, 35%) minmax(0, 1fr)", margin: 0 }}>
      {children}
    </dl>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

/** 《安装用户交换机申请检验表》: the certificate (with the registry's entry when recorded) and the equipment's details. */
function PbxFacts({ d }: { d: TPbxApplication }) {
  const t = useTranslations("propertyOffice.pbxNew.fields");
  const tc = useTranslations("propertyOffice.case");
  const day = useDay();
  return (
    <>
      <Fact label={t("certificateNo")}>
        <span className="mono">{d.certificateNo}</span>
      </Fact>
      {d.registry && (
        <Fact label={tc("fields.registry")} testId="registry">
          {tc("registry", {
            applicant: d.registry.applicant,
            equipment: d.registry.equipmentName,
            day: d.registry.expiryDate ? day(d.registry.expiryDate) : "—",
          })}
        </Fact>
      )}
      <Fact label={t("model")}>{d.model}</Fact>
      {d.manufacturer && <Fact label={t("manufacturer")}>{d.manufacturer}</Fact>}
      <Fact label={t("capacity")}>{d.capacity}</Fact>
      <Fact label={t("standard")}>{d.standard}</Fact>
      <Fact label={t("connection")}>{d.connection}</Fact>
      <Fact label={t("power")}>{d.power}</Fact>
      {d.ancillary && <Fact label={t("ancillary")}>{d.ancillary}</Fact>}
      <Fact label={t("trunkLines")}>{d.trunkLines}</Fact>
    </>
  );
}

/** 《客户自建通信工程验收或管理维护协议》: the project, the constructor, the agreement and the customer's signature. */
function WorksFacts({ d }: { d: TWorksProject }) {
  const t = useTranslations("propertyOffice.worksNew.fields");
  const tc = useTranslations("propertyOffice.case");
  const tp = useTranslations("property");
  const day = useDay();
  return (
    <>
      <Fact label={t("projectName")}>{d.projectName}</Fact>
      <Fact label={t("constructorName")}>{d.constructorName}</Fact>
      <Fact label={t("scope")}>{d.scope}</Fact>
      <Fact label={t("agreementKind")}>{tp(`agreementKind.${d.agreementKind}`)}</Fact>
      <Fact label={t("parties")}>{d.parties}</Fact>
      <Fact label={tc("fields.period")}>{tc("period", { from: day(d.startsOn), to: day(d.endsOn) })}</Fact>
      <Fact label={tc("fields.customerSignature")} testId="customer-signature">
        {d.signatureSha256 ? (
          <img
            src={`/api/evidence/${d.signatureSha256}`}
            alt={tc("fields.customerSignature")}
            style={{
              display: "block",
              width: "100%",
              maxWidth: 320,
              height: 80,
              objectFit: "contain",
              background: "#fff",
              border: "1px solid var(--line)",
              borderRadius: 8,
            }}
          />
        ) : (
          tc("signedScanned")
        )}
      </Fact>
    </>
  );
}
