"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Camera } from "@/app/(field)/scan/_parts/camera";
import { beep, loadSettings, vibrate } from "@/app/(field)/scan/_parts/feedback";
import type { PendingPhoto } from "@/client/photo/pending";
import { photoFromFile } from "@/client/photo/resize";
import type { FrameOutcome } from "@/client/scanner/camera-loop";
import { labelFromScan, type TCheckLabel } from "@/client/work-orders/license-check";
import { classifyScan, type TScanKind } from "@/domain/scan/classify";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "@/domain/scan/confirm";
import { EMPTY_SESSION, serialFromScan, sessionStep, type TScanSession, type TSessionRead } from "@/domain/work-orders/scan-session";
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

/** The key a label is known by on the order (its license number or mark code). */
export function labelKey(label: TCheckLabel): string {
  return label.kind === "license_old" ? label.licenseNo : label.kind === "license_mark" ? label.markCode : "";
}

/**
 * The camera inline on the work order, kept open for one device after another (issue 10, ADR 0022): the license
 * label (old paper label or new mark) is read first, with the frame it was read in kept as the label photo, then
 * the device's serial/IMEI barcode (domain/work-orders/scan-session.ts pairs them). Each device goes to `onDevice`;
 * labels already checked on the order are passed over. With no serial barcode, one tap opens the label's form to type
 * it (`onLabel`). Other codes are named and ignored.
 */
export function ScanBox({
  checked,
  saved,
  onDevice,
  onLabel,
  onCancel,
}: {
  /** Keys of the labels already checked on the order. */
  checked: readonly string[];
  /** Devices saved in this camera session (shown, and the close button says done). */
  saved: number;
  onDevice: (label: TCheckLabel, photo: PendingPhoto | null, serial: string) => void;
  onLabel: (label: TCheckLabel, photo: PendingPhoto | null) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("workOrders.scan");
  const ts = useTranslations("scan");
  const boxRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<ConfirmState>(INITIAL_CONFIRM);
  const sessionRef = useRef<TScanSession<TCheckLabel>>(EMPTY_SESSION);
  const photoRef = useRef<Promise<PendingPhoto | null>>(Promise.resolve(null));
  const emittedRef = useRef<Set<string>>(new Set());
  const checkedRef = useRef(checked);
  // frames read the latest list (set after render, before the camera's next frame)
  useEffect(() => {
    checkedRef.current = checked;
  }, [checked]);
  const [other, setOther] = useState<TScanKind | null>(null);
  const [waiting, setWaiting] = useState<TCheckLabel | null>(null);
  // the camera and its buttons on screen, whatever was above or moved after a save (the order's status line changes
  // with the first check, and the self-check appears below once a check is shown): one thumb, no scrolling
  const shown = checked.length;
  useEffect(() => {
    requestAnimationFrame(() => boxRef.current?.scrollIntoView({ block: "center" }));
  }, [saved, shown]);

  const onFrame = useCallback(
    (outcome: FrameOutcome): boolean => {
      const step = confirmRead(confirmRef.current, outcome.result?.text ?? null);
      confirmRef.current = step.state;
      if (step.confirmed === null) return false;
      const result = classifyScan(step.confirmed);
      const label = labelFromScan(result);
      const serial = label ? null : serialFromScan(result);
      const read: TSessionRead<TCheckLabel> = label ? { kind: "label", label, key: labelKey(label) } : serial ? { kind: "serial", serial } : { kind: "other" };
      const next = sessionStep(sessionRef.current, read, new Set([...checkedRef.current, ...emittedRef.current]));
      sessionRef.current = next.state;
      if (next.step.kind === "seen" || (next.step.kind === "wait" && read.kind === "serial")) return false;
      const settings = loadSettings();
      if (settings.beep) beep(read.kind === "other");
      if (settings.vibrate) vibrate(read.kind === "other");
      if (next.step.kind === "wait") {
        setOther(result.kind);
        return true;
      }
      setOther(null);
      if (next.step.kind === "label") {
        photoRef.current = framePhoto(boxRef.current);
        setWaiting(next.step.label);
        return true;
      }
      const device = next.step;
      emittedRef.current.add(labelKey(device.label));
      setWaiting(null);
      void photoRef.current.then((photo) => onDevice(device.label, photo, device.serial));
      return true;
    },
    [onDevice],
  );

  return (
    <section
      className="card scan-box"
      ref={boxRef}
      data-testid="check-scan"
      data-saved={saved}
      data-waiting={waiting ? "serial" : "label"}
      aria-label={t("title")}
    >
      <Camera onFrame={onFrame} />
      <p className="help" role="status" data-testid="scan-hint">
        {waiting ? t("serialHint", { label: labelKey(waiting) }) : saved > 0 ? t("nextHint", { count: saved }) : t("hint")}
      </p>
      {other && (
        <p className="alert" data-tone="info" role="status" data-testid="scan-not-license">
          {t("notLicense", { kind: ts(`kind.${other}`) })}
        </p>
      )}
      {waiting ? (
        <button
          type="button"
          className="btn secondary block"
          onClick={() => {
            const label = waiting;
            void photoRef.current.then((photo) => onLabel(label, photo));
          }}
          data-testid="scan-type-serial"
        >
          {t("typeSerial")}
        </button>
      ) : (
        <button type="button" className={`btn block${saved > 0 ? " big-action" : " secondary"}`} onClick={onCancel} data-testid="scan-cancel">
          {saved > 0 ? t("done", { count: saved }) : t("cancel")}
        </button>
      )}
    </section>
  );
}
