/**
 * Signature capture (DESIGN.md §5) over `signature_pad`: strokes kept as vectors (its point groups) and rendered to
 * PNG. The canvas is sized to its CSS box times the device pixel ratio (capped at 2: sharp enough, and the PNG stays
 * small); strokes are kept across a resize (rotation) by redrawing them.
 */
import SignaturePad, { type PointGroup } from "signature_pad";
import { base64ToBytes, sha256Hex } from "@/domain/evidence/canonical";
import type { TSignature } from "@/domain/work-orders/mutations";

export interface CapturedSignature {
  mime: "image/png";
  base64: string;
  /** signature_pad's point groups (x, y, time, pressure per point, pen options per group). */
  strokes: TSignature["strokes"];
  /** Decoded PNG size. */
  bytes: number;
  /** SHA-256 of the PNG bytes (hex): what the evidence hash binds. */
  sha256: string;
}

export class SignatureCapture {
  private readonly pad: SignaturePad;
  private readonly onChange: (strokes: number) => void;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    onChange: (strokes: number) => void,
  ) {
    this.onChange = onChange;
    this.pad = new SignaturePad(canvas, {
      // why white: a transparent PNG shows black in some viewers; the record is printed on white anyway
      backgroundColor: "rgb(255,255,255)",
      penColor: "rgb(11,18,32)",
      minWidth: 1.2,
      maxWidth: 3.2,
    });
    this.pad.addEventListener("endStroke", () => this.onChange(this.strokeCount()));
    this.resize();
  }

  /** Fit the drawing buffer to the element's size; keeps what was drawn. */
  resize(): void {
    const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2);
    const { width, height } = this.canvas.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const data = this.pad.toData();
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.getContext("2d")?.scale(ratio, ratio);
    this.pad.clear();
    if (data.length > 0) this.pad.fromData(data);
  }

  strokeCount(): number {
    return this.pad.toData().length;
  }

  isEmpty(): boolean {
    return this.pad.isEmpty();
  }

  clear(): void {
    this.pad.clear();
    this.onChange(0);
  }

  /** Removes the last stroke. */
  undo(): void {
    const data = this.pad.toData();
    data.pop();
    this.pad.clear();
    if (data.length > 0) this.pad.fromData(data);
    this.onChange(data.length);
  }

  setEnabled(on: boolean): void {
    if (on) this.pad.on();
    else this.pad.off();
  }

  /** The PNG and strokes as recorded; null when nothing was drawn. */
  export(): CapturedSignature | null {
    if (this.pad.isEmpty()) return null;
    const base64 = this.pad.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
    const bytes = base64ToBytes(base64);
    const strokes = this.pad.toData().map((g: PointGroup) => ({ ...g, points: g.points.map((p) => ({ x: p.x, y: p.y, time: p.time, pressure: p.pressure })) }));
    return { mime: "image/png", base64, strokes, bytes: bytes.length, sha256: sha256Hex(bytes) };
  }

  destroy(): void {
    this.pad.off();
  }
}
