"use client";
import { useTranslations } from "next-intl";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import { focusMissing } from "@/app/_ui/focus-missing";
import { SignatureCapture, type CapturedSignature } from "@/client/signature/capture";

export interface SignatureBoxHandle {
  /** The drawn signature (PNG + strokes), or null when nothing was drawn. */
  export(): CapturedSignature | null;
  /** Scrolls to the pad and focuses it (a refusal that names the missing signature). */
  focus(): void;
}

/**
 * A signature pad (signature_pad): draw with a finger, undo the last stroke or clear. Sized to its box; strokes
 * survive a rotation. `large` for the customer's turn.
 */
export const SignatureBox = forwardRef<
  SignatureBoxHandle,
  { label: string; testId: string; large?: boolean; onStrokes?: (n: number) => void; invalid?: boolean }
>(function SignatureBox({ label, testId, large = false, onStrokes, invalid = false }, ref) {
  const t = useTranslations("workOrders.signature");
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const capture = useRef<SignatureCapture | null>(null);
  const [strokes, setStrokes] = useState(0);
  const onStrokesRef = useRef(onStrokes);
  onStrokesRef.current = onStrokes;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const c = new SignatureCapture(canvas, (n) => {
      setStrokes(n);
      onStrokesRef.current?.(n);
    });
    capture.current = c;
    const onResize = () => c.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      c.destroy();
      capture.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({ export: () => capture.current?.export() ?? null, focus: () => focusMissing(canvasRef.current) }), []);

  return (
    <div className="wo-sig" data-testid={testId} data-strokes={strokes}>
      <p className="field-label">{label}</p>
      <div className={`wo-sig-pad${large ? " large" : ""}`} data-invalid={invalid}>
        <canvas ref={canvasRef} aria-label={label} role="img" data-testid={`${testId}-canvas`} />
        {strokes === 0 && (
          <span className="wo-sig-hint" aria-hidden="true">
            {t("hint")}
          </span>
        )}
      </div>
      <div className="row wo-sig-tools">
        <button type="button" className="btn secondary" onClick={() => capture.current?.undo()} disabled={strokes === 0} data-testid={`${testId}-undo`}>
          {t("undo")}
        </button>
        <button type="button" className="btn secondary" onClick={() => capture.current?.clear()} disabled={strokes === 0} data-testid={`${testId}-clear`}>
          {t("clear")}
        </button>
      </div>
    </div>
  );
});
