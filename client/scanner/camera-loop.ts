/**
 * The scan screen's frame pump (DESIGN §4): takes frames from a playing <video>, at most MAX_RATE a second and one
 * frame in flight, and sends them as transferred RGBA buffers to the decoder worker (worker.ts, served as
 * SCAN_WORKER_URL by the prebuild bundle step). When a worker
 * cannot start (no Worker, the bundle fails to load), it decodes on the main thread through createDecoder at
 * FALLBACK_RATE instead. No React here: the screen owns the camera stream and the results.
 */
import type { DecodeResult, TDecoderEngine } from "./types";
import { SCAN_WORKER_URL, WASM_URL } from "./types";
import type { WorkerRequest, WorkerResponse } from "./worker";

/** 12 attempts a second: enough for a 2-frame confirmation in ~170 ms, and leaves a slow phone room to breathe. */
export const MAX_RATE = 12;
export const FALLBACK_RATE = 10;
/** Longest side of a frame sent to the decoder: a 640×480 camera frame goes as is, a 1080p one is halved. */
export const MAX_FRAME_SIDE = 960;

export interface FrameOutcome {
  result: DecodeResult | null;
  ms: number;
  engine: TDecoderEngine;
}

export interface CameraLoop {
  stop(): void;
  readonly mode: "worker" | "main";
}

export function startCameraLoop(
  video: HTMLVideoElement,
  onFrame: (outcome: FrameOutcome) => void,
  onMode?: (mode: "worker" | "main", engine: TDecoderEngine) => void,
): CameraLoop {
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  let stopped = false;
  let inFlight = false;
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  let mode: "worker" | "main" = "worker";
  let worker: Worker | null = null;
  let mainDecoder: { decode: (img: ImageData) => Promise<DecodeResult | null>; engine: TDecoderEngine; close(): void } | null = null;

  function grab(): ImageData | null {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (!ctx || vw === 0 || vh === 0 || video.readyState < 2) return null;
    const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(vw, vh));
    const w = Math.round(vw * scale);
    const h = Math.round(vh * scale);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.drawImage(video, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  }

  function schedule(): void {
    if (stopped) return;
    const rate = mode === "worker" ? MAX_RATE : FALLBACK_RATE;
    const wait = Math.max(0, lastSent + 1000 / rate - performance.now());
    timer = setTimeout(tick, wait);
  }

  function tick(): void {
    timer = null;
    if (stopped || inFlight) return;
    // a hidden page (phone locked, another app) decodes nothing; the camera itself is the screen's to stop
    if (document.hidden) {
      lastSent = performance.now();
      schedule();
      return;
    }
    const frame = grab();
    if (!frame) {
      schedule();
      return;
    }
    lastSent = performance.now();
    inFlight = true;
    if (mode === "worker" && worker) {
      const req: WorkerRequest = { type: "decode", id: nextId++, width: frame.width, height: frame.height, buffer: frame.data.buffer };
      worker.postMessage(req, [req.buffer]);
      return;
    }
    void decodeOnMain(frame);
  }

  async function decodeOnMain(frame: ImageData): Promise<void> {
    const t0 = performance.now();
    try {
      if (!mainDecoder) {
        const { createDecoder, preferredEngine } = await import("./index");
        mainDecoder = createDecoder({ engine: preferredEngine(), wasmUrl: WASM_URL });
        onMode?.("main", mainDecoder.engine);
      }
      const result = await mainDecoder.decode(frame);
      if (!stopped) onFrame({ result, ms: performance.now() - t0, engine: mainDecoder.engine });
    } catch {
      if (!stopped) onFrame({ result: null, ms: performance.now() - t0, engine: mainDecoder?.engine ?? "js" });
    } finally {
      inFlight = false;
      schedule();
    }
  }

  function fallBackToMain(): void {
    worker?.terminate();
    worker = null;
    mode = "main";
    inFlight = false;
    if (timer === null) schedule();
  }

  try {
    worker = new Worker(SCAN_WORKER_URL, { type: "module", name: "tm-scan-decoder" });
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.type === "ready") {
        onMode?.("worker", msg.engine);
        return;
      }
      inFlight = false;
      if (!stopped)
        onFrame({
          result: msg.type === "result" ? msg.result : null,
          ms: msg.type === "result" ? msg.ms : 0,
          engine: msg.type === "result" ? msg.engine : "js",
        });
      schedule();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fallBackToMain();
    };
    const init: WorkerRequest = { type: "init", wasmUrl: new URL(WASM_URL, location.origin).href };
    worker.postMessage(init);
  } catch {
    mode = "main";
    worker = null;
  }
  schedule();

  return {
    get mode() {
      return mode;
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      worker?.terminate();
      mainDecoder?.close();
    },
  };
}
