/**
 * Primary engine: zxing-cpp compiled to WebAssembly (zxing-wasm, reader-only build). The .wasm never comes from a
 * CDN: Node passes its bytes (`wasmBinary`), the browser loads it from our origin (`locateFile` → WASM_URL).
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import { barAngle } from "./plan";
import { invertImage, rotateImage } from "./retry";
import { checkImage, WASM_URL, type Decoder, type DecodeResult, type DecoderOptions, type ImageLike, type TScanFormat } from "./types";

const FORMAT_OF: Record<string, TScanFormat> = {
  QRCode: "qr",
  DataMatrix: "datamatrix",
  Code128: "code128",
  EAN13: "ean13",
};

const BASE: ReaderOptions = {
  formats: ["QRCode", "DataMatrix", "Code128", "EAN13"],
  maxNumberOfSymbols: 1,
  // why Plain: the raw symbol content (GS1 separators stay as GS, not "(01)…"); domain/scan parsers judge it.
  textMode: "Plain",
  returnErrors: false,
};

/**
 * Per frame (issue 10, measured in bench/README.md "Worn labels"): one try-harder pass (zxing-cpp's 90° turns and
 * downscaling) without its inverted second look; when it reads nothing, second chances only where they pay
 * (client/scanner/plan.ts): Code 128 again on the part of the frame with a barcode-like patch, turned by that
 * patch's skew (`barAngle`); then a light-on-dark look for QR and Data Matrix only.
 * No cheaper "fast" first pass: it misread EAN-13s that the try-harder pass did not (fewer scan lines agree).
 */
export const WASM_PASS: ReaderOptions = { ...BASE, tryHarder: true, tryRotate: true, tryInvert: false, tryDownscale: true };
/** zxing-cpp's full single pass, inverted look included: the comparison in the benchmarks. */
export const WASM_SINGLE_PASS: ReaderOptions = { ...WASM_PASS, tryInvert: true };
/**
 * The turned retry: Code 128 only. EAN-13's bars are tall for its width, so the first pass reads it skewed; on the
 * turned copy it misread one frame as another valid EAN-13 (bench/README.md "Worn labels").
 */
export const WASM_RETRY: ReaderOptions = { ...WASM_PASS, formats: ["Code128"], tryRotate: false };
/** The light-on-dark look: 2D codes only (laser-etched Data Matrix, a QR on a dark screen); their detectors need no 90° turns. */
export const WASM_INVERTED: ReaderOptions = { ...WASM_PASS, formats: ["QRCode", "DataMatrix"], tryRotate: false };
/** Before issue 10: the fixed turns tried on every unread frame (kept for the benchmark's comparison). */
export const LEGACY_RETRY_ANGLES: readonly number[] = [20, -20];

/** "planned": the app's strategy; "single": WASM_SINGLE_PASS only; "legacy": WASM_SINGLE_PASS then ±20° turns. */
export type TWasmStrategy = "planned" | "single" | "legacy";

let preparedWith: string | null = null;

function prepare(options: DecoderOptions): void {
  const key = options.wasmBinary ? "binary" : (options.wasmUrl ?? WASM_URL);
  if (preparedWith === key) return;
  const overrides = options.wasmBinary
    ? { wasmBinary: options.wasmBinary }
    : { locateFile: (path: string) => (path.endsWith(".wasm") ? (options.wasmUrl ?? WASM_URL) : path) };
  // why always override: zxing-wasm's default locateFile points at a CDN.
  prepareZXingModule({ overrides, equalityFn: Object.is, fireImmediately: false });
  preparedWith = key;
}

function pick(results: Awaited<ReturnType<typeof readBarcodes>>): DecodeResult | null {
  for (const r of results) {
    // a model-2 QR reports format "QRCode" (symbology "QRCode"); map by either, nothing else passes.
    const format = FORMAT_OF[r.format] ?? FORMAT_OF[r.symbology];
    if (r.isValid && format && r.text !== "") return { text: r.text, format };
  }
  return null;
}

export function createWasmDecoder(options: DecoderOptions, strategy: TWasmStrategy = "planned"): Decoder {
  prepare(options);
  let closed = false;
  const read = async (image: ImageLike, opts: ReaderOptions) => pick(await readBarcodes(image as unknown as ImageData, opts));
  return {
    engine: "wasm",
    async decode(image: ImageLike): Promise<DecodeResult | null> {
      if (closed) throw new Error("decoder closed");
      checkImage(image);
      // zxing-wasm reads ImageData by shape ({data, width, height}).
      if (strategy !== "planned") {
        const first = await read(image, WASM_SINGLE_PASS);
        if (first || strategy === "single") return first;
        for (const angle of LEGACY_RETRY_ANGLES) {
          const turned = await read(rotateImage(image, angle), { ...WASM_RETRY, formats: ["Code128", "EAN13"] });
          if (turned) return turned;
        }
        return null;
      }
      let result = await read(image, WASM_PASS);
      const bars = result ? null : barAngle(image);
      if (bars) result = await read(rotateImage(image, bars.turn, bars.region), WASM_RETRY);
      // a QR's modules can look like bars to barAngle, so the inverted look runs whenever nothing read yet
      if (!result) result = await read(invertImage(image), WASM_INVERTED);
      return result;
    },
    close() {
      closed = true;
    },
  };
}
