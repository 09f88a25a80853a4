import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

/**
 * A font that has Chinese glyphs (PDF's standard fonts have none). Debian's fonts-noto-cjk first (installed by
 * .ci/run; README "Quick start"); else any CJK font found under the system font folders.
 */
export interface CjkFont {
  regular: { path: string; family?: string };
  bold: { path: string; family?: string };
}

const NOTO = "/usr/share/fonts/opentype/noto";
const KNOWN: CjkFont[] = [
  {
    regular: { path: `${NOTO}/NotoSansCJK-Regular.ttc`, family: "NotoSansCJKsc-Regular" },
    bold: { path: `${NOTO}/NotoSansCJK-Bold.ttc`, family: "NotoSansCJKsc-Bold" },
  },
];

/** Font collections (.ttc) need the name of one face inside; these are the CJK collections we know by name. */
const TTC_FACES: [RegExp, string][] = [
  [/NotoSansCJK-Bold\.ttc$/i, "NotoSansCJKsc-Bold"],
  [/NotoSansCJK-Regular\.ttc$/i, "NotoSansCJKsc-Regular"],
  [/NotoSerifCJK-Regular\.ttc$/i, "NotoSerifCJKsc-Regular"],
  [/NotoSansCJK.*\.ttc$/i, "NotoSansCJKsc-Regular"],
  [/wqy-zenhei\.ttc$/i, "WenQuanYiZenHei"],
  [/wqy-microhei\.ttc$/i, "WenQuanYiMicroHei"],
];
const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", "C:\\Windows\\Fonts"];
const CJK_NAME = /(cjk|wqy|wenquanyi|sourcehan|droidsansfallback|notosanssc|notoserifsc|simhei|simsun|msyh|pingfang|ukai|uming)/i;

export class MissingCjkFontError extends Error {
  constructor() {
    super(
      "No Chinese (CJK) font found for the PDF record. Install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) or any CJK font under /usr/share/fonts.",
    );
    this.name = "MissingCjkFontError";
  }
}

let found: CjkFont | undefined;

export function cjkFont(): CjkFont {
  found ??= findCjkFont();
  return found;
}

/** A face opened and parsed by pdfkit's font engine (fontkit), ready to register in any number of documents. */
export type ParsedFace = PDFKit.Mixins.PDFFontSource & { readonly postscriptName: string };
let faces: { regular: ParsedFace; bold: ParsedFace } | undefined;

/**
 * The CJK faces, read and parsed once per process and shared by every PDF (work-order record, instrument
 * registers and labels). Registering the font by path made each download read two ~20 MB collections, parse them,
 * and shape and subset every glyph with cold tables (bench/pdf.ts, same loaded machine: median 1.86 s wall / 0.59 s
 * CPU per download before, 0.35–0.57 s / 0.17–0.19 s after, with the plain layout below). pdfkit accepts a
 * parsed font object in place of a path (PDFFontFactory.open: anything with a `layout` method); each document
 * still makes its own subset of it, so documents share no state but the parsed tables and glyph caches.
 */
export function cjkFaces(): { regular: ParsedFace; bold: ParsedFace } {
  if (!faces) {
    const f = cjkFont();
    const regular = openFace(f.regular);
    faces = { regular, bold: f.bold.path === f.regular.path && f.bold.family === f.regular.family ? regular : openFace(f.bold) };
  }
  return faces;
}

/**
 * OpenType features left off when laying out text. Shaping a CJK collection's GSUB/GPOS (contextual lookups over
 * tens of thousands of glyphs) cost ten times the rest of the layout; Chinese needs none of it (the face chosen
 * is the Simplified Chinese one, whose plain glyphs are the right forms), and Latin loses only kerning and
 * ligatures ("fi" stays two letters, which also keeps the text searchable).
 */
const PLAIN_FEATURES = Object.fromEntries(
  ["ccmp", "locl", "rlig", "rvrn", "mark", "mkmk", "calt", "clig", "liga", "rclt", "curs", "kern", "palt", "vert"].map((f) => [f, false]),
);

type Layout = (text: string, features?: unknown, ...rest: unknown[]) => unknown;

function openFace(face: CjkFont["regular"]): ParsedFace {
  // pdfkit opens a registered font (path + face name of a collection) on first use; it exposes no other way in.
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont("face", face.path, face.family);
  probe.font("face");
  const parsed = (probe as unknown as { _font?: { font?: ParsedFace & { layout?: Layout } } })._font?.font;
  if (!parsed || typeof parsed.layout !== "function") throw new Error(`pdfkit did not open ${face.path}`);
  const layout = parsed.layout.bind(parsed);
  // the same font, but laid out without OpenType features unless a caller asks for some
  return new Proxy(parsed, {
    get(target, key) {
      if (key === "layout") return (text: string, features?: unknown, ...rest: unknown[]) => layout(text, features ?? PLAIN_FEATURES, ...rest);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The known fonts first, else a search of the font folders; MissingCjkFontError when there is none. */
export function findCjkFont(known: CjkFont[] = KNOWN, dirs: string[] = FONT_DIRS): CjkFont {
  return known.find((f) => existsSync(f.regular.path)) ?? searchFontDirs(dirs);
}

function searchFontDirs(dirs: string[]): CjkFont {
  const files = dirs
    .filter((d) => existsSync(d))
    .flatMap((d) => {
      try {
        return (readdirSync(d, { recursive: true }) as string[]).map((f) => path.join(d, f));
      } catch {
        return [];
      }
    });
  const candidates = files
    .filter((f) => CJK_NAME.test(path.basename(f)))
    .map((f) => ({ path: f, family: /\.ttc$/i.test(f) ? TTC_FACES.find(([re]) => re.test(f))?.[1] : undefined }))
    // a .ttc needs a face name we know; .ttf and .otf need none
    .filter((f) => /\.(ttf|otf)$/i.test(f.path) || f.family)
    .sort((a, b) => Number(/bold/i.test(a.path)) - Number(/bold/i.test(b.path)));
  const regular = candidates[0];
  if (!regular) throw new MissingCjkFontError();
  const bold = candidates.find((c) => /bold/i.test(c.path)) ?? regular;
  return { regular, bold };
}
