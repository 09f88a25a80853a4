"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PhotoField } from "@/app/_ui/photo-field";
import { LicenseToOrder } from "./license-to-order";
import { WorkOrderLink } from "./work-order-link";
import { dropPendingPhoto, peekPendingPhoto, setPendingPhoto, type PendingPhoto } from "@/client/photo/pending";
import { useViewer } from "@/app/_ui/viewer";
import type { ScanResult } from "@/domain/scan/classify";

/** The code a result stands for in lists and counts (the raw text for unknown). */
export function resultCode(r: ScanResult): string {
  switch (r.kind) {
    case "license_old":
      return r.licenseNo;
    case "license_mark":
      return r.markCode;
    case "unknown":
      return r.raw;
    default:
      return r.code;
  }
}

/**
 * What was read and what it is, with the one action it leads to: item tags open /items#TAG (label actions),
 * instrument asset tags open /instruments#TAG (loan, return, care, fault); work orders and license checks
 * belong to the work-order module.
 */
export function ScanResultCard({ result, source }: { result: ScanResult; source: "camera" | "manual" }) {
  const t = useTranslations("scan");
  const tInstruments = useTranslations("instrumentsUi");
  const code = resultCode(result);
  const { role } = useViewer();
  const [photo, setPhoto] = useState<PendingPhoto | null>(() => peekPendingPhoto(code) ?? null);
  // a photo of the label goes with the scan to the record it leads to (evidence: labels are worn and dirty)
  const onPhoto = (p: PendingPhoto | null) => {
    setPhoto(p);
    if (p) setPendingPhoto(code, p);
    else dropPendingPhoto(code);
  };
  return (
    <section className="card scan-result" data-testid="scan-result" data-kind={result.kind} data-source={source} aria-live="polite">
      <p className="badge" data-tone={result.kind === "unknown" ? "bad" : "info"} data-testid="scan-kind">
        {t(`kind.${result.kind}`)}
      </p>
      <p className="mono scan-value" data-testid="scan-value">
        {code}
      </p>
      {result.kind === "license_old" && (
        <dl className="scan-fields">
          <dt>{t("licenseNo")}</dt>
          <dd className="mono">{result.licenseNo}</dd>
          {result.model !== null && (
            <>
              <dt>{t("model")}</dt>
              <dd className="mono">{result.model}</dd>
            </>
          )}
          {result.scrambleCode !== null && (
            <>
              <dt>{t("scrambleCode")}</dt>
              <dd className="mono">{result.scrambleCode}</dd>
            </>
          )}
        </dl>
      )}
      {result.kind === "license_mark" && <p className="muted small">{t(result.source === "url" ? "markFromUrl" : "markBare")}</p>}
      {result.kind === "work_order" && <p className="muted small">{t("workOrderYear", { year: result.year })}</p>}
      {result.kind === "person_badge" && (
        <p className="muted small" data-testid="scan-username">
          {t("badgeOf", { username: result.username })}
        </p>
      )}
      {result.kind === "unknown" && (
        <p className="muted small" data-testid="scan-reason">
          {t(`reason.${result.reason}`)}
        </p>
      )}
      {result.kind !== "unknown" && result.kind !== "ean13" && result.kind !== "person_badge" && (
        <PhotoField value={photo} onChange={onPhoto} testId="scan-photo" />
      )}
      {(result.kind === "license_old" || result.kind === "license_mark") && role === "lineman" ? (
        <LicenseToOrder result={result} code={code} />
      ) : result.kind === "work_order" && role === "lineman" ? (
        <WorkOrderLink code={result.code} />
      ) : result.kind === "stock_tag" || result.kind === "equipment_tag" ? (
        <Link className="btn block big-action" href={`/items#${encodeURIComponent(result.code)}`} data-testid="scan-action" data-action="open-item">
          {t("openItem")}
        </Link>
      ) : result.kind === "asset_tag" ? (
        // one scan tells everything: holder, due date, calibration, permit, faults and the actions allowed now
        <Link className="btn block big-action" href={`/instruments#${encodeURIComponent(result.code)}`} data-testid="scan-action" data-action="instrument">
          {tInstruments("scan.open")}
        </Link>
      ) : (
        <p className="alert" data-tone="info" data-testid="scan-note" data-action={noteFor(result)}>
          {t(`note.${noteFor(result)}`)}
        </p>
      )}
    </section>
  );
}

function noteFor(r: ScanResult): "workOrder" | "license" | "ean13" | "personBadge" | "unknown" {
  switch (r.kind) {
    case "person_badge":
      return "personBadge";
    case "work_order":
      return "workOrder";
    case "license_old":
    case "license_mark":
      return "license";
    case "ean13":
      return "ean13";
    default:
      return "unknown";
  }
}
