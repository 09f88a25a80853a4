"use client";
import { useTranslations } from "next-intl";
import { useCallback, useId, useRef, useState } from "react";
import { Camera } from "@/app/(field)/scan/_parts/camera";
import { beep, loadSettings, vibrate } from "@/app/(field)/scan/_parts/feedback";
import type { FrameOutcome } from "@/client/scanner/camera-loop";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "@/domain/scan/confirm";

/**
 * A code read off a label or a box: typed (big, monospaced) or scanned with the camera, opened inline by one big
 * button. `onCode` answers a message to show under the field (the code was refused) or null (taken: the field empties
 * and the camera closes). The text goes as read, with where it came from: the caller decides what it is (a typed
 * code may be normalised, a scanned one is taken as read). `openLabel` names the camera button for what it scans;
 * `big` makes it the screen's main action (64 px).
 */
export function ScanField({
  label,
  help,
  testId,
  onCode,
  openLabel,
  big = false,
}: {
  label: string;
  help: string;
  testId: string;
  onCode: (code: string, source: "camera" | "typed") => Promise<string | null> | string | null;
  openLabel?: string;
  big?: boolean;
}) {
  const t = useTranslations("warehousePhone.scan");
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const confirmRef = useRef<ConfirmState>(INITIAL_CONFIRM);
  const busy = useRef(false);

  const take = useCallback(
    async (code: string, source: "camera" | "typed") => {
      const text = code.trim();
      if (!text || busy.current) return;
      busy.current = true;
      try {
        const problem = await onCode(text, source);
        setError(problem);
        if (problem === null) {
          setValue("");
          setCamera(false);
        }
      } finally {
        busy.current = false;
      }
    },
    [onCode],
  );

  const onFrame = useCallback(
    (outcome: FrameOutcome): boolean => {
      const step = confirmRead(confirmRef.current, outcome.result?.text ?? null);
      confirmRef.current = step.state;
      if (step.confirmed === null) return false;
      const settings = loadSettings();
      if (settings.beep) beep(false);
      if (settings.vibrate) vibrate(false);
      void take(step.confirmed, "camera");
      return true;
    },
    [take],
  );

  return (
    // not a <form>: it sits inside the screens' own forms (Enter in the field takes the code)
    <div className="scan-field" data-testid={testId}>
      <label className="field" htmlFor={`${id}-code`} style={{ marginBottom: 8 }}>
        <span>{label}</span>
      </label>
      {camera && <Camera onFrame={onFrame} />}
      <button
        type="button"
        className={`btn block${camera ? " secondary" : ""}${big ? " big-action" : ""}`}
        onClick={() => {
          confirmRef.current = INITIAL_CONFIRM;
          setCamera((c) => !c);
        }}
        data-testid={`${testId}-camera`}
        style={{ marginBottom: 8 }}
      >
        {camera ? t("close") : (openLabel ?? t("open"))}
      </button>
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <input
          id={`${id}-code`}
          className="input mono big-input grow"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          placeholder={t("type")}
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={`${id}-help`}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            void take(value, "typed");
          }}
          data-testid={`${testId}-input`}
        />
        <button type="button" className="btn" onClick={() => void take(value, "typed")} data-testid={`${testId}-go`}>
          {t("go")}
        </button>
      </div>
      {error !== null && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <p className="help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
