"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FrameOutcome } from "@/client/scanner/camera-loop";
import { classifyScan, isAccepted, type ScanResult } from "@/domain/scan/classify";
import { confirmRead, INITIAL_CONFIRM, type ConfirmState } from "@/domain/scan/confirm";
import { Camera } from "./camera";
import { beep, DEFAULT_SETTINGS, loadSettings, saveSettings, vibrate, type ScanSettings } from "./feedback";
import { ManualEntry } from "./manual-entry";
import { resultCode, ScanResultCard } from "./scan-result";

/** Beep and vibrate as switched on; `low` for a repeat or an unreadable code. Reads the settings ref. */
function signal(settings: { current: ScanSettings }, low: boolean): void {
  if (settings.current.beep) beep(low);
  if (settings.current.vibrate) vibrate(low);
}

interface Counted {
  code: string;
  kind: ScanResult["kind"];
}

/**
 * The scan screen (DESIGN §4, issue 4): camera, what was read, its one action; continuous mode for stock work
 * (each code counted once, a repeat flagged, undo); manual entry below for worn labels and blocked cameras.
 */
export function ScanScreen() {
  const t = useTranslations("scan");
  const [settings, setSettings] = useState<ScanSettings>(DEFAULT_SETTINGS);
  const [shown, setShown] = useState<{ result: ScanResult; source: "camera" | "manual" } | null>(null);
  const [counted, setCounted] = useState<Counted[]>([]);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const confirmRef = useRef<ConfirmState>(INITIAL_CONFIRM);
  const settingsRef = useRef(settings);
  const countedRef = useRef(counted);

  useEffect(() => {
    const loaded = loadSettings();
    settingsRef.current = loaded;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is read once after hydration: the server renders the defaults, so reading it during render would mismatch
    setSettings(loaded);
  }, []);
  useEffect(() => {
    countedRef.current = counted;
  }, [counted]);

  const change = (patch: Partial<ScanSettings>) => {
    const next = { ...settingsRef.current, ...patch };
    settingsRef.current = next;
    setSettings(next);
    saveSettings(next);
    if (patch.continuous !== undefined) setDuplicate(null);
  };

  const onFrame = useCallback((outcome: FrameOutcome): boolean => {
    const step = confirmRead(confirmRef.current, outcome.result?.text ?? null);
    confirmRef.current = step.state;
    if (step.confirmed === null) return false;
    const result = classifyScan(step.confirmed);
    setShown({ result, source: "camera" });
    // a person's badge names someone, not something to count: shown, never counted
    if (settingsRef.current.continuous && isAccepted(result) && result.kind !== "person_badge") {
      const code = resultCode(result);
      if (countedRef.current.some((c) => c.code === code)) {
        setDuplicate(code);
        signal(settingsRef, true);
        return true;
      }
      const next = [...countedRef.current, { code, kind: result.kind }];
      countedRef.current = next;
      setCounted(next);
      setDuplicate(null);
      signal(settingsRef, false);
      return true;
    }
    signal(settingsRef, !isAccepted(result));
    return true;
  }, []);

  const undo = () => {
    const next = countedRef.current.slice(0, -1);
    countedRef.current = next;
    setCounted(next);
    setDuplicate(null);
  };

  return (
    <div className="stack scan-screen">
      <Camera onFrame={onFrame} />
      <div className="scan-switches" role="group" aria-label={t("settings")}>
        <label className="scan-switch">
          <input type="checkbox" checked={settings.continuous} onChange={(e) => change({ continuous: e.target.checked })} data-testid="continuous" />
          <span>{t("continuous")}</span>
        </label>
        <label className="scan-switch">
          <input type="checkbox" checked={settings.beep} onChange={(e) => change({ beep: e.target.checked })} data-testid="beep" />
          <span>{t("beep")}</span>
        </label>
        <label className="scan-switch">
          <input type="checkbox" checked={settings.vibrate} onChange={(e) => change({ vibrate: e.target.checked })} data-testid="vibrate" />
          <span>{t("vibrate")}</span>
        </label>
      </div>
      {settings.continuous && (
        <section className="card" data-testid="continuous-list" aria-live="polite">
          <div className="title-row">
            <h2>{t("countedTitle")}</h2>
            <span className="badge" data-tone="info" data-testid="counted-total">
              {counted.length}
            </span>
          </div>
          {duplicate !== null && (
            <p className="alert" data-tone="info" role="status" data-testid="duplicate">
              {t("duplicate", { code: duplicate })}
            </p>
          )}
          {counted.length === 0 ? (
            <p className="muted">{t("countedEmpty")}</p>
          ) : (
            <ol className="scan-counted" reversed data-testid="counted">
              {[...counted].reverse().map((c) => (
                <li key={c.code} className="mono" data-code={c.code}>
                  {c.code} <span className="muted small">{t(`kind.${c.kind}`)}</span>
                </li>
              ))}
            </ol>
          )}
          {counted.length > 0 && (
            <button type="button" className="btn secondary block" onClick={undo} data-testid="undo">
              {t("undo", { code: counted[counted.length - 1]?.code ?? "" })}
            </button>
          )}
        </section>
      )}
      {shown && <ScanResultCard key={resultCode(shown.result)} result={shown.result} source={shown.source} />}
      <ManualEntry onResult={(result) => setShown({ result, source: "manual" })} />
    </div>
  );
}
