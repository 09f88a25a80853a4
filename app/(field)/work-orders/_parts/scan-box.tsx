"use client";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { Camera } from "@/app/(field)/scan/_parts/camera";
import { beep, loadSettings, vibrate } from "@/app/(field)/scan/_parts/feedback";
import type { PendingPhoto } from "@/client/photo/pending";
import { photoFromFile } from "@/client/photo/resize";
import type { FrameOutcome } from "@/client/scanner/camera-loop";
import { labelFromScan, type TCheckLabel } from "@/client/work-orders/license-check";
import { classifyScan, type TScanKind } from "@/domain/scan/classify";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "@/domain/scan/confirm";
import { MAX_PHOTO_BYTES } from "@/domain/items/limits";

/** The camera frame the label was read in, as the check's evidence photo (no extra tap); null if it cannot be had. */
async function framePhoto(box: HTMLElement | null): Promise<PendingPhoto | null> {
  const video = box?.querySelector("video");
  if (!video || video.videoWidth === 0) return null;
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d")?.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
  if (!blob) return null;
  try {
    const p = await photoFromFile(blob, MAX_PHOTO_BYTES);
    return { ...p, takenAt: new Date().toISOString() };
  } catch {
    return null;
  }
}

/**
 * The camera inline on the work order: a confirmed read of a license label (old paper label or new mark) goes
 * straight to its verdict, with the frame it was read in kept as the label photo. Other codes are named and ignored.
 */
export function ScanBox({ onLabel, onCancel }: { onLabel: (label: TCheckLabel, photo: PendingPhoto | null) => void; onCancel: () => void }) {
  const t = useTranslations("workOrders.scan");
  const ts = useTranslations("scan");
  const boxRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<ConfirmState>(INITIAL_CONFIRM);
  const doneRef = useRef(false);
  const [other, setOther] = useState<TScanKind | null>(null);

  const onFrame = useCallback(
    (outcome: FrameOutcome): boolean => {
      if (doneRef.current) return false;
      const step = confirmRead(confirmRef.current, outcome.result?.text ?? null);
      confirmRef.current = step.state;
      if (step.confirmed === null) return false;
      const result = classifyScan(step.confirmed);
      const label = labelFromScan(result);
      const settings = loadSettings();
      if (settings.beep) beep(label === null);
      if (settings.vibrate) vibrate(label === null);
      if (!label) {
        setOther(result.kind);
        return true;
      }
      doneRef.current = true;
      void framePhoto(boxRef.current).then((photo) => onLabel(label, photo));
      return true;
    },
    [onLabel],
  );

  return (
    <section className="card scan-box" ref={boxRef} data-testid="check-scan" aria-label={t("title")}>
      <Camera onFrame={onFrame} />
      <p className="help">{t("hint")}</p>
      {other && (
        <p className="alert" data-tone="info" role="status" data-testid="scan-not-license">
          {t("notLicense", { kind: ts(`kind.${other}`) })}
        </p>
      )}
      <button type="button" className="btn secondary block" onClick={onCancel} data-testid="scan-cancel">
        {t("cancel")}
      </button>
    </section>
  );
}
