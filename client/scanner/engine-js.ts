/**
 * Fallback engine where WebAssembly is unavailable (disabled by some managed-device policies): zxing-js
 * (`@zxing/library`), pure JavaScript. Same interface, same formats, slower and reads fewer worn labels.
 */
import * as ZXingNs from "@zxing/library";
import { checkImage, type Decoder, type DecodeResult, type ImageLike, type TScanFormat } from "./types";

// why: the package is CommonJS without an `exports` map; Node's ESM loader puts it under `default`, bundlers
// resolve its ESM build whose namespace has the classes directly.
type TZXing = typeof ZXingNs;
const ZXing: TZXing = (ZXingNs as unknown as { default?: TZXing }).default ?? ZXingNs;

function formatOf(f: ZXingNs.BarcodeFormat): TScanFormat | null {
  switch (f) {
    case ZXing.BarcodeFormat.QR_CODE:
      return "qr";
    case ZXing.BarcodeFormat.DATA_MATRIX:
      return "datamatrix";
    case ZXing.BarcodeFormat.CODE_128:
      return "code128";
    case ZXing.BarcodeFormat.EAN_13:
      return "ean13";
    default:
      return null;
  }
}

/** RGBA → 8-bit luminance (same weights as zxing-cpp: 0.299 R + 0.587 G + 0.114 B). */
function luminance(image: ImageLike): Uint8ClampedArray {
  const { data, width, height } = image;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  }
  return out;
}

/**
 * zxing-js logs a console.warn for some reader failures (one per format per frame at 10–15 frames a second).
 * Those are expected misses: drop them while our decode runs (synchronous, so nothing else logs meanwhile).
 */
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("MultiFormatReader:")) return;
    warn(...args);
  };
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

export function createJsDecoder(): Decoder {
  const hints = new Map<ZXingNs.DecodeHintType, unknown>([
    [
      ZXing.DecodeHintType.POSSIBLE_FORMATS,
      [ZXing.BarcodeFormat.QR_CODE, ZXing.BarcodeFormat.DATA_MATRIX, ZXing.BarcodeFormat.CODE_128, ZXing.BarcodeFormat.EAN_13],
    ],
    [ZXing.DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new ZXing.MultiFormatReader();
  reader.setHints(hints);
  let closed = false;

  const attempt = (source: ZXingNs.LuminanceSource): DecodeResult | null => {
    try {
      const result = reader.decodeWithState(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source)));
      const format = formatOf(result.getBarcodeFormat());
      const text = result.getText();
      return format && text !== "" ? { text, format } : null; // zxing-js can "read" an empty Code 128
    } catch (e) {
      if (e instanceof ZXing.Exception) return null; // NotFound / Checksum / Format: nothing read
      throw e;
    }
  };

  return {
    engine: "js",
    // eslint-disable-next-line @typescript-eslint/require-await -- async on purpose: a closed decoder or a bad image rejects the promise (as the wasm engine's does) instead of throwing at the call
    async decode(image: ImageLike): Promise<DecodeResult | null> {
      if (closed) throw new Error("decoder closed");
      checkImage(image);
      const source = new ZXing.RGBLuminanceSource(luminance(image), image.width, image.height);
      // second pass on the inverted image: light-on-dark labels (zxing-js has no tryInvert).
      return quietly(() => attempt(source) ?? attempt(source.invert()));
    },
    close() {
      closed = true;
      reader.reset();
    },
  };
}
