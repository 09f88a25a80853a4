"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { startCameraLoop, type FrameOutcome } from "@/client/scanner/camera-loop";

type TCameraState = "starting" | "live" | "denied" | "absent" | "error";

interface TorchTrack {
  torch?: boolean;
  focusMode?: string[];
}

/**
 * The live rear-camera view with a framing guide, torch and camera switch where the device has them. Every frame
 * outcome goes to `onFrame`, which confirms and classifies and returns whether this frame confirmed a read.
 * `data-open-ms`, `data-first-read-ms` and `data-first-confirm-ms` on the section record, in ms since the camera
 * was requested, when it played, the first decoded frame and the first confirmed read (the e2e benchmark).
 */
export function Camera({ onFrame }: { onFrame: (outcome: FrameOutcome) => boolean }) {
  const t = useTranslations("scan");
  const videoRef = useRef<HTMLVideoElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const onFrameRef = useRef(onFrame);
  const [state, setState] = useState<TCameraState>("starting");
  /** null: "the rear camera" (facingMode); a deviceId after the person switched. */
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [devices, setDevices] = useState<string[]>([]);
  const currentIdRef = useRef<string | null>(null);
  const [torchAvailable, setTorchAvailable] = useState(false);
  const [torchOn, setTorchOn] = useState(false);
  const trackRef = useRef<MediaStreamTrack | null>(null);

  useEffect(() => {
    onFrameRef.current = onFrame;
  }, [onFrame]);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    let loop: ReturnType<typeof startCameraLoop> | null = null;
    const t0 = performance.now();
    const section = sectionRef.current;
    let firstRead = false;
    let firstConfirm = false;

    async function open(): Promise<void> {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState("absent");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: deviceId
            ? { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } }
            : { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
      } catch (e) {
        if (cancelled) return;
        const name = e instanceof DOMException ? e.name : "";
        setState(
          name === "NotAllowedError" || name === "SecurityError" ? "denied" : name === "NotFoundError" || name === "OverconstrainedError" ? "absent" : "error",
        );
        return;
      }
      if (cancelled) {
        stream.getTracks().forEach((tr) => tr.stop());
        return;
      }
      const track = stream.getVideoTracks()[0] ?? null;
      trackRef.current = track;
      const caps = (track?.getCapabilities?.() ?? {}) as TorchTrack;
      setTorchAvailable(caps.torch === true);
      setTorchOn(false);
      if (track && caps.focusMode?.includes("continuous")) {
        void track.applyConstraints({ advanced: [{ focusMode: "continuous" } as MediaTrackConstraintSet] }).catch(() => undefined);
      }
      currentIdRef.current = track?.getSettings().deviceId ?? null;
      const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
      if (!cancelled) setDevices(all.filter((d) => d.kind === "videoinput" && d.deviceId).map((d) => d.deviceId));
      const video = videoRef.current;
      if (!video || cancelled) return;
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      if (cancelled) return;
      section?.setAttribute("data-open-ms", String(Math.round(performance.now() - t0)));
      setState("live");
      loop = startCameraLoop(
        video,
        (outcome) => {
          if (outcome.result && !firstRead) {
            firstRead = true;
            section?.setAttribute("data-first-read-ms", String(Math.round(performance.now() - t0)));
          }
          if (onFrameRef.current(outcome) && !firstConfirm) {
            firstConfirm = true;
            section?.setAttribute("data-first-confirm-ms", String(Math.round(performance.now() - t0)));
          }
        },
        (mode, engine) => {
          section?.setAttribute("data-decoder", `${mode}:${engine}`);
        },
      );
    }
    void open();
    return () => {
      cancelled = true;
      loop?.stop();
      stream?.getTracks().forEach((tr) => tr.stop());
      trackRef.current = null;
    };
  }, [deviceId]);

  const toggleTorch = async () => {
    const track = trackRef.current;
    if (!track) return;
    const next = !torchOn;
    try {
      await track.applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] });
      setTorchOn(next);
    } catch {
      setTorchAvailable(false);
    }
  };

  // another camera opens from "starting" again (set here, with the switch, not by the effect that opens it)
  const switchCamera = (next: string | null) => {
    if (next === deviceId) return;
    setState("starting");
    setDeviceId(next);
  };

  const blocked = state === "denied" || state === "absent" || state === "error";
  return (
    <section ref={sectionRef} className="scan-camera" data-testid="camera" data-state={state} aria-label={t("cameraLabel")}>
      {!blocked && (
        <div className="scan-view">
          <video ref={videoRef} muted playsInline autoPlay aria-hidden="true" />
          <div className="scan-guide" aria-hidden="true" />
          {state === "starting" && <p className="scan-hint">{t("cameraStarting")}</p>}
          {state === "live" && <p className="scan-hint">{t("aimHint")}</p>}
          {(torchAvailable || devices.length > 1) && (
            <div className="scan-tools">
              {torchAvailable && (
                <button type="button" className="btn secondary" aria-pressed={torchOn} onClick={() => void toggleTorch()} data-testid="torch">
                  {torchOn ? t("torchOff") : t("torchOn")}
                </button>
              )}
              {devices.length > 1 && (
                <button
                  type="button"
                  className="btn secondary"
                  onClick={() => switchCamera(devices[(devices.indexOf(currentIdRef.current ?? "") + 1) % devices.length] ?? null)}
                  data-testid="switch-camera"
                >
                  {t("switchCamera")}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {blocked && (
        <div className="alert" data-tone="bad" role="alert" data-testid="camera-problem">
          <strong>{state === "denied" ? t("cameraDenied") : state === "absent" ? t("cameraAbsent") : t("cameraError")}</strong>
          <p>{t("useManual")}</p>
        </div>
      )}
    </section>
  );
}
