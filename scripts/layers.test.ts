import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Issue 12, until ESLint's boundary rules arrive: the screens' shared pieces live in app/_ui, and a route group's
 * `_parts` are its own. Every import specifier of every file under app/ is resolved (relative and `@/`) and judged.
 */
const ROOT = process.cwd();

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Every `from "…"` / `import("…")` of a file, resolved to a path relative to the repository. */
function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    const spec = m[1]!;
    if (spec.startsWith("@/")) out.push(spec.slice(2));
    else if (spec.startsWith(".")) out.push(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
  }
  return out;
}

const groupOf = (rel: string) => /^app\/(\([a-z]+\))\//.exec(rel)?.[1] ?? null;

describe("app/ layers", () => {
  const all = files(path.join(ROOT, "app")).map((f) => ({ rel: path.relative(ROOT, f), deps: imports(f) }));

  test("the walk sees the app (guards against a test that passes by reading nothing)", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((f) => f.deps.some((d) => d.startsWith("app/_ui/")))).toBe(true);
  });

  test("no route group imports another group's _parts", () => {
    const crossing = all.flatMap(({ rel, deps }) =>
      deps.filter((d) => d.includes("/_parts/") && groupOf(d) !== null && groupOf(d) !== groupOf(rel)).map((d) => `${rel} → ${d}`),
    );
    expect(crossing).toEqual([]);
  });

  test("app/_ui imports no route group", () => {
    const up = all.filter(({ rel }) => rel.startsWith("app/_ui/")).flatMap(({ rel, deps }) => deps.filter((d) => groupOf(d) !== null).map((d) => `${rel} → ${d}`));
    expect(up).toEqual([]);
  });
});
