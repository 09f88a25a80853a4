import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cjkFaces, cjkFont, findCjkFont, MissingCjkFontError } from "./font";

const root = mkdtempSync(path.join(tmpdir(), "tm-fonts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fontDir(name: string, files: string[]): string {
  const dir = path.join(root, name);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), "");
  }
  return dir;
}

describe("the CJK font of the record", () => {
  it("is Debian's Noto Sans CJK (fonts-noto-cjk) on our machines, a face of its collection", () => {
    expect(cjkFont()).toEqual({
      regular: { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
      bold: { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", family: "NotoSansCJKsc-Bold" },
    });
  });

  it("falls back to a CJK font found in the font folders, naming the face of a known collection", () => {
    const dir = fontDir("wqy", ["truetype/dejavu/DejaVuSans.ttf", "truetype/wqy/wqy-zenhei.ttc"]);
    const f = findCjkFont([], [dir]);
    expect(f.regular).toEqual({ path: path.join(dir, "truetype/wqy/wqy-zenhei.ttc"), family: "WenQuanYiZenHei" });
    expect(f.bold).toEqual(f.regular);
  });

  it("prefers a regular face and uses a bold one for headings when there is one", () => {
    const dir = fontDir("source-han", ["otf/SourceHanSansSC-Bold.otf", "otf/SourceHanSansSC-Regular.otf"]);
    const f = findCjkFont([], [dir]);
    expect(path.basename(f.regular.path)).toBe("SourceHanSansSC-Regular.otf");
    expect(path.basename(f.bold.path)).toBe("SourceHanSansSC-Bold.otf");
  });

  it("says what to install when there is none (a collection of unknown faces does not count)", () => {
    const dir = fontDir("latin", ["DejaVuSans.ttf", "SomeCJK-Unknown.ttc"]);
    expect(() => findCjkFont([], [dir, path.join(root, "absent")])).toThrow(MissingCjkFontError);
    expect(() => findCjkFont([], [dir])).toThrow(/fonts-noto-cjk/);
  });
});

describe("the parsed CJK faces shared by every PDF", () => {
  type Laid = { glyphs: { id: number; codePoints: number[] }[] };
  const layout = (face: unknown, text: string, features?: unknown) => (face as { layout: (t: string, f?: unknown) => Laid }).layout(text, features);

  it("are read and parsed once per process (not once per download)", () => {
    const a = cjkFaces();
    expect(cjkFaces()).toBe(a);
    expect(a.regular.postscriptName).toBe("NotoSansCJKsc-Regular");
    expect(a.bold.postscriptName).toBe("NotoSansCJKsc-Bold");
  });

  it("lay Chinese out in real glyphs, the same without OpenType features as with them", () => {
    const { regular } = cjkFaces();
    const text = "用户交换机已现场检验：合格（2026-12-03）";
    const plain = layout(regular, text);
    expect(plain.glyphs.every((g) => g.id !== 0)).toBe(true);
    expect(plain.glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join("")).toBe(text);
    expect(plain.glyphs.map((g) => g.id)).toEqual(layout(regular, text, ["liga"]).glyphs.map((g) => g.id));
  });
});
