import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUES, clientMessages, SERVER_ONLY_NAMESPACES } from "@/messages/catalogue";
import { PAGE_NAMESPACES, pageClientMessages, rootClientMessages } from "@/messages/page-namespaces";

/**
 * The page namespaces (ADR 0036) reach every client component that reads one: the root layout leaves them out, so a
 * client component reading one must be under a `<PageMessages>` naming it (in its page, or around `{children}` in a
 * layout above the page). Read from the sources: the import graph from each page and layout, every module a "use
 * client" module imports being client code too, and in those modules the namespaces named in `useTranslations("…")`
 * or as the start of a key (`"ns.key"`, `` `ns.${…}` ``). It may see a read that is not one (a list then names a
 * namespace it need not); a key built from a variable namespace would escape it: there is none today.
 */

const NAMESPACES = new Set(Object.keys(CATALOGUES.en));
const PAGE = new Set<string>(PAGE_NAMESPACES);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null;
  for (const f of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(f) && statSync(f).isFile() && /\.tsx?$/.test(f)) return path.normalize(f);
  }
  return null;
}

interface Module {
  text: string;
  client: boolean;
  /** local modules imported for their values (type-only imports left out), by the names they are bound to */
  imports: { names: string[]; file: string }[];
  /** catalogue namespaces this module's own code reads, were it client code */
  reads: Set<string>;
}

const modules = new Map<string, Module>();
function load(file: string): Module {
  const known = modules.get(file);
  if (known) return known;
  const text = readFileSync(file, "utf8");
  const imports: Module["imports"] = [];
  for (const m of text.matchAll(/\bimport\s+(?!type\s)([\w$*{}\s,]+?)\s+from\s*["']([^"']+)["']/g)) {
    const f = resolve(file, m[2]!);
    const names = m[1]!
      .replace(/[{}]/g, ",")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith("type "))
      .map((s) =>
        s
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
    if (f) imports.push({ names, file: f });
  }
  for (const m of text.matchAll(/\bexport\s+(?!type\s)[^;]*?\sfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\bimport\s+["']([^"']+)["']/g)) {
    const f = resolve(file, (m[1] ?? m[2] ?? m[3])!);
    if (f) imports.push({ names: [], file: f });
  }
  const reads = new Set<string>();
  for (const m of text.matchAll(/Translations\(\s*["'`]([A-Za-z]\w*)|["'`]([A-Za-z]\w*)\.(?:\w|\$\{)/g)) {
    const ns = (m[1] ?? m[2])!;
    if (NAMESPACES.has(ns)) reads.add(ns);
  }
  const mod = { text, client: /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/.test(text), imports, reads };
  modules.set(file, mod);
  return mod;
}

/** The page namespaces read by client code reachable from `file`, each with the modules that read it. */
function pageReads(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (f: string, client: boolean) => {
    const key = `${f}|${client}`;
    if (seen.has(key)) return;
    seen.add(key);
    const mod = load(f);
    const isClient = client || mod.client;
    if (isClient) for (const ns of mod.reads) if (PAGE.has(ns)) out.set(ns, [...(out.get(ns) ?? []), f]);
    for (const i of mod.imports) walk(i.file, isClient);
  };
  walk(file, false);
  return out;
}

type Declared = Set<string> | "all";
interface Region {
  start: number;
  end: number;
  declared: Declared;
}

/** The `<PageMessages namespaces={[…]}>…</PageMessages>` of a page or layout, with the namespaces each names. */
function regions(file: string): Region[] {
  const { text } = load(file);
  const out: Region[] = [];
  for (const m of text.matchAll(/<PageMessages\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const list = /namespaces=\{\[([^\]]*)\]\}/.exec(attrs);
    const declared: Declared = /namespaces="all"/.test(attrs)
      ? "all"
      : new Set(list ? [...list[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) : ["(not a literal list)"]);
    const end = text.indexOf("</PageMessages>", m.index);
    const next = text.indexOf("<PageMessages", m.index + 1);
    if (end === -1 || (next !== -1 && next < end)) throw new Error(`${file}: a PageMessages inside another, or not closed`);
    out.push({ start: m.index, end, declared });
  }
  return out;
}

const regionAt = (rs: Region[], at: number) => rs.find((r) => r.start < at && at < r.end);

/** What the layouts above `file` send to its components: the PageMessages around `{children}` nearest to it. */
function inherited(file: string): Declared {
  let dir = path.dirname(file);
  const own = path.basename(file) === "layout.tsx";
  for (let first = true; dir.startsWith("app"); dir = path.dirname(dir), first = false) {
    const layout = path.join(dir, "layout.tsx");
    if ((first && own) || !existsSync(layout)) continue;
    const around = regionAt(regions(layout), load(layout).text.indexOf("{children}"));
    if (around) return around.declared;
  }
  return new Set();
}

const entries = files("app").filter((f) => /(^|\/)(page|layout)\.tsx$/.test(f) && !f.startsWith(path.join("app", "api")));

describe("page namespaces (ADR 0036)", () => {
  it("every client component that reads a page namespace is under a PageMessages naming it", () => {
    const problems: string[] = [];
    for (const entry of entries) {
      const mod = load(entry);
      const rs = regions(entry);
      const above = inherited(entry);
      if (mod.client) problems.push(`${entry}: a client page or layout cannot hold a PageMessages; this check does not cover it`);
      const body = mod.text.replace(/^import[^;]*;/gm, (s) => " ".repeat(s.length));
      for (const imp of mod.imports) {
        const reads = pageReads(imp.file);
        if (reads.size === 0) continue;
        for (const name of imp.names) {
          for (const use of body.matchAll(new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`, "g"))) {
            const declared = regionAt(rs, use.index)?.declared ?? above;
            if (declared === "all") continue;
            const missing = [...reads.keys()].filter((ns) => !declared.has(ns));
            for (const ns of missing) {
              problems.push(`${entry}: ${name} reads "${ns}" (${reads.get(ns)!.slice(0, 2).join(", ")}): name it in a PageMessages around ${name}`);
            }
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it("the analysis sees the reads it must (not vacuous) and every page and layout", () => {
    expect(entries.length).toBeGreaterThan(25);
    expect([...pageReads(path.join("app", "(field)", "home", "_parts", "lineman-home.tsx")).keys()]).toEqual(
      expect.arrayContaining(["workOrders", "workOrderKind", "customer", "complaintsPhone"]),
    );
    expect(pageReads(path.join("app", "(field)", "home", "_parts", "approvals-home.tsx")).has("instrumentsUi")).toBe(true);
    // the home sends each role's namespaces with that role's home only
    expect(regions(path.join("app", "(field)", "home", "page.tsx")).length).toBeGreaterThanOrEqual(9);
    // a page namespace read in a layout's own components could never be sent: the shell reads none
    for (const layout of entries.filter((f) => f.endsWith("layout.tsx") && regions(f).length === 0)) {
      const mod = load(layout);
      expect(
        mod.imports.flatMap((i) => [...pageReads(i.file).keys()]),
        layout,
      ).toEqual([]);
    }
  });

  it("names only page namespaces, written out, each in the catalogue", () => {
    for (const ns of PAGE_NAMESPACES) expect(NAMESPACES.has(ns), ns).toBe(true);
    for (const entry of entries) {
      for (const r of regions(entry)) if (r.declared !== "all") for (const ns of r.declared) expect(PAGE.has(ns), `${entry}: ${ns}`).toBe(true);
    }
  });

  it("the root sends the client's messages but the page namespaces; a page adds the ones it names; all is everything", () => {
    const all = clientMessages(CATALOGUES["zh-CN"]);
    const root = rootClientMessages(CATALOGUES["zh-CN"]);
    for (const ns of [...PAGE_NAMESPACES, ...SERVER_ONLY_NAMESPACES]) expect(root).not.toHaveProperty(ns);
    expect(Object.keys(root).length).toBe(Object.keys(all).length - PAGE_NAMESPACES.length);
    const page = pageClientMessages(CATALOGUES["zh-CN"], ["home", "workOrders"]);
    expect(Object.keys(page).sort()).toEqual([...Object.keys(root), "home", "workOrders"].sort());
    // the same objects as the root's: a full page's RSC payload sends each once
    expect(page.errors).toBe(root.errors);
    expect(pageClientMessages(CATALOGUES.en, "all")).toEqual(clientMessages(CATALOGUES.en));
  });
});
