"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { SignatureCapture, type CapturedSignature } from "@/client/signature/capture";

/**
 * A signature on the screen (hand-over: the giver and the receiver both sign). Strokes are kept as vectors and
 * rendered to PNG by signature_pad (client/signature/capture.ts); `onChange` gets the signature after each stroke.
 */
export function SignatureField({ label, onChange, testId = "signature" }: { label: string; onChange: (s: CapturedSignature | null) => void; testId?: string }) {
  const t = useTranslations("instrumentsUi.signature");
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const captureRef = useRef<SignatureCapture | null>(null);
  const onChangeRef = useRef(onChange);
  // a stroke calls the latest onChange (set after render, before the canvas can report the next stroke)
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const [strokes, setStrokes] = useState(0);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const capture = new SignatureCapture(canvas, (n) => {
      setStrokes(n);
      onChangeRef.current(n > 0 ? capture.export() : null);
    });
    captureRef.current = capture;
    const onResize = () => capture.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      capture.destroy();
      captureRef.current = null;
    };
  }, []);
  return (
    <div className="field signature-field" data-testid={testId} data-strokes={strokes}>
      <span>{label}</span>
      <canvas ref={canvasRef} className="signature-pad" aria-label={label} data-testid={`${testId}-pad`} />
      <div className="row">
        <span className="grow muted small">{strokes > 0 ? t("signed") : t("hint")}</span>
        <button type="button" className="btn secondary" disabled={strokes === 0} onClick={() => captureRef.current?.undo()}>
          {t("undo")}
        </button>
        <button type="button" className="btn secondary" disabled={strokes === 0} onClick={() => captureRef.current?.clear()}>
          {t("clear")}
        </button>
      </div>
    </div>
  );
}
