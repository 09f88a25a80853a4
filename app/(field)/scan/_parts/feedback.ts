/** Beep, vibration and the scan settings kept on this phone (DESIGN §4: beep and vibration, each switchable). */

export interface ScanSettings {
  beep: boolean;
  vibrate: boolean;
  continuous: boolean;
}

export const DEFAULT_SETTINGS: ScanSettings = { beep: true, vibrate: true, continuous: false };
const KEY = "tm.scan.settings";

export function loadSettings(): ScanSettings {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const v = JSON.parse(raw) as Partial<Record<keyof ScanSettings, unknown>>;
    return {
      beep: typeof v.beep === "boolean" ? v.beep : DEFAULT_SETTINGS.beep,
      vibrate: typeof v.vibrate === "boolean" ? v.vibrate : DEFAULT_SETTINGS.vibrate,
      continuous: typeof v.continuous === "boolean" ? v.continuous : DEFAULT_SETTINGS.continuous,
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(s: ScanSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // private mode or full storage: the setting lasts for this visit only
  }
}

let audio: AudioContext | null = null;

/** A short square-ish tone; `low` for a duplicate or an unreadable code. Silent where WebAudio is missing. */
export function beep(low = false): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    if (audio.state === "suspended") void audio.resume();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "square";
    osc.frequency.value = low ? 440 : 1760;
    const t = audio.currentTime;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + (low ? 0.25 : 0.09));
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + (low ? 0.26 : 0.1));
  } catch {
    // no sound is not an error
  }
}

export function vibrate(low = false): void {
  try {
    navigator.vibrate?.(low ? [60, 60, 60] : 80);
  } catch {
    // not supported
  }
}
