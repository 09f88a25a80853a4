import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

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
    super("No Chinese (CJK) font found for the PDF record. Install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) or any CJK font under /usr/share/fonts.");
    this.name = "MissingCjkFontError";
  }
}

let found: CjkFont | undefined;

export function cjkFont(): CjkFont {
  found ??= findCjkFont();
  return found;
}

/** The known fonts first, else a search of the font folders; MissingCjkFontError when there is none. */
export function findCjkFont(known: CjkFont[] = KNOWN, dirs: string[] = FONT_DIRS): CjkFont {
  return known.find((f) => existsSync(f.regular.path)) ?? searchFontDirs(dirs);
}

function searchFontDirs(dirs: string[]): CjkFont {
  const files = dirs.filter((d) => existsSync(d)).flatMap((d) => {
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
