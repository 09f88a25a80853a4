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
  /** components this module exports as `dynamic(() => import("…"))`: the module each loads, by name */
  lazy: Map<string, string>;
  /** local modules imported for their values (type-only imports left out), by the names they are bound to */
  imports: { names: string[]; file: string }[];
  /** what this module's own code reads of the catalogue, were it client code: a namespace ("instrumentsUi", all of it) or
   * a part of one ("instrumentsUi.approvals") */
  reads: Set<string>;
}

/**
 * What a module reads of the catalogue: a whole namespace, or a part of one (its first level) where every read of it is
 * seen to stay there. A translator bound to a namespace (`const tu = useTranslations("instrumentsUi")`) reads the
 * part its key starts with (`tu("register.life")`: "instrumentsUi.register"); a key whose first part is built
 * (`tu(\`${k}.x\`)`), or the translator handed on as a value, reads the whole namespace. One bound to a part
 * (`useTranslations("instrumentsUi.approvals")`) reads that part. Keys written whole (`"instruments.loanTerm…"`, for
 * the root translator or handed to another component) read their part, or the namespace when the part is built.
 */
function readsOf(text: string): Set<string> {
  const reads = new Set<string>();
  const add = (ns: string, part?: string) => {
    if (NAMESPACES.has(ns)) reads.add(part ? `${ns}.${part}` : ns);
  };
  // the code alone, for finding a translator's uses (a "t" in "don't" is none): comments and quoted strings blanked,
  // offsets kept; template literals kept (a call may sit in one)
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => m.charAt(0) + " ".repeat(m.length - 1));
  // each translator declared, by name, where (the name's offset) and with what it is bound to ("" for the root)
  const bound = new Map<string, { at: number; path: string }[]>();
  for (const m of text.matchAll(/\b(?:const|let)\s+([\w$]+)\s*=\s*useTranslations\(\s*(?:["'`]([\w.]*)["'`])?\s*\)/g)) {
    const at = m.index + /^(?:const|let)\s+/.exec(m[0])![0].length;
    bound.set(m[1]!, [...(bound.get(m[1]!) ?? []), { at, path: m[2] ?? "" }]);
    const [ns, part] = (m[2] ?? "").split(".");
    if (ns && part) add(ns, part);
  }
  // a namespace given to useTranslations other than in such a declaration: all of it
  for (const m of text.matchAll(/useTranslations\(\s*["'`]([A-Za-z]\w*)/g)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    if (!/\b(?:const|let)\s+[\w$]+\s*=\s*$/.test(before)) add(m[1]!);
  }
  // each use of a translator bound to a whole namespace reads the part its key starts with. A use is the nearest
  // declaration's above it (one component after another, each with its own "t"); one above every declaration may be
  // any of them.
  for (const [name, declared] of bound) {
    const escaped = name.replace(/\$/g, "\\$");
    for (const use of code.matchAll(new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, "g"))) {
      if (declared.some((d) => d.at === use.index)) continue;
      const above = declared.filter((d) => d.at < use.index).at(-1);
      for (const { path: p } of above ? [above] : declared) {
        const [ns, part] = p.split(".");
        // the root translator's keys are written whole (read below); one bound to a part reads that part
        if (!ns || part) continue;
        const after = text.slice(use.index + name.length, use.index + name.length + 200);
        const key = /^(?:\.(?:rich|markup|raw|has))?\(\s*(["'`])([\w-]*)([.}"'`$]?)/.exec(after);
        // a literal first part ending the key or followed by a dot: that part; anything else: the whole namespace
        if (key && key[2] && (key[3] === "." || key[3] === key[1])) add(ns, key[2]);
        else add(ns);
      }
    }
  }
  // keys written whole: "ns.part…" (the part, or the namespace when the part is built)
  for (const m of text.matchAll(/["'`]([A-Za-z]\w*)\.(?:(\w+)(?=["'`.])|\w|\$\{)/g)) add(m[1]!, m[2]);
  return reads;
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
  const lazy = new Map<string, string>();
  for (const m of text.matchAll(/\bexport\s+const\s+([\w$]+)\s*=\s*dynamic\(\s*\(\)\s*=>\s*import\(\s*["']([^"']+)["']\s*\)/g)) {
    const f = resolve(file, m[2]!);
    if (f) lazy.set(m[1]!, f);
  }
  const mod = { text, client: /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/.test(text), imports, lazy, reads: readsOf(text) };
  modules.set(file, mod);
  return mod;
}

/** The page namespaces (or their parts) read by client code reachable from `file`, each with the modules that read it. */
function pageReads(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (f: string, client: boolean) => {
    const key = `${f}|${client}`;
    if (seen.has(key)) return;
    seen.add(key);
    const mod = load(f);
    const isClient = client || mod.client;
    if (isClient) for (const r of mod.reads) if (PAGE.has(r.split(".")[0]!)) out.set(r, [...(out.get(r) ?? []), f]);
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
        for (const name of imp.names) {
          // a component loaded as its own chunk (`export const X = dynamic(() => import("./x")…)`) reads what that module does
          const lazy = load(imp.file).lazy.get(name);
          const reads = pageReads(lazy ?? imp.file);
          if (reads.size === 0) continue;
          for (const use of body.matchAll(new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`, "g"))) {
            const declared = regionAt(rs, use.index)?.declared ?? above;
            if (declared === "all") continue;
            // a part is sent by naming it or its whole namespace; a whole namespace only by naming it
            const missing = [...reads.keys()].filter((r) => !declared.has(r) && !declared.has(r.split(".")[0]!));
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
    const namespaces = (file: string) => new Set([...pageReads(file).keys()].map((r) => r.split(".")[0]));
    expect([...namespaces(path.join("app", "(field)", "home", "_parts", "lineman-home.tsx"))]).toEqual(
      expect.arrayContaining(["workOrders", "workOrderKind", "customer", "complaintsPhone"]),
    );
    // the head's approvals: parts of instrumentsUi, seen as parts (a translator bound to one, keys read through one
    // bound to the namespace), and the whole of instrumentCategory (its key is built)
    const approvals = pageReads(path.join("app", "(field)", "home", "_parts", "approvals-home.tsx"));
    expect([...approvals.keys()]).toEqual(expect.arrayContaining(["instrumentsUi.approvals", "instrumentsUi.register", "instrumentCategory"]));
    expect(approvals.has("instrumentsUi")).toBe(false);
    // a home loaded as its own chunk is read through the module that loads it
    expect(load(path.join("app", "(field)", "home", "_parts", "lazy-homes.tsx")).lazy.get("LinemanHome")).toBe(
      path.join("app", "(field)", "home", "_parts", "lineman-home.tsx"),
    );
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
      for (const r of regions(entry)) {
        if (r.declared === "all") continue;
        for (const name of r.declared) {
          const [ns, ...part] = name.split(".");
          expect(PAGE.has(ns!), `${entry}: ${name}`).toBe(true);
          // a part names a sub-tree or a message the catalogue has
          const at = part.reduce<unknown>(
            (o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
            CATALOGUES.en[ns as keyof typeof CATALOGUES.en],
          );
          expect(at !== undefined, `${entry}: ${name}`).toBe(true);
        }
      }
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
    // parts: only those sub-trees (and messages), under their namespace, the catalogue itself untouched
    const ui = CATALOGUES["zh-CN"].instrumentsUi as Record<string, unknown>;
    const parts = pageClientMessages(CATALOGUES["zh-CN"], ["home", "instrumentsUi.approvals", "instrumentsUi.loading"]);
    expect(parts.instrumentsUi).toEqual({ approvals: ui.approvals, loading: ui.loading });
    expect(Object.keys(ui).length).toBeGreaterThan(2);
    // a part beside its whole namespace: the whole one
    expect(pageClientMessages(CATALOGUES["zh-CN"], ["instrumentsUi.approvals", "instrumentsUi"]).instrumentsUi).toBe(ui);
  });
});
