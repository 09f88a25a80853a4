import { describe, expect, test } from "vitest";
import { createDeferScriptsTransform } from "./defer-scripts.mjs";

const A = "/_next/static/chunks/14wylkh54u_36.js";
const B = "/_next/static/chunks/turbopack-077hmtqrhcoji.js";
const PRELOAD = `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/3hzwo.js"/>`;
// a next/dynamic component's chunk (React's preload(), attributes in another order): a role's home, ADR 0037
const LAZY = "/_next/static/chunks/3bvw_7wk7l07z.js";
const LAZY_PRELOAD = `<link rel="preload" href="${LAZY}" as="script" fetchPriority="low"/>`;
const HTML =
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><style>body{font-family:sans-serif}</style>` +
  PRELOAD +
  LAZY_PRELOAD +
  `<script src="${A}" async=""></script><script src="${B}" async=""></script>` +
  `<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script></head>` +
  `<body><main><h1>审批 · 您好</h1></main><script id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({})</script>` +
  `<script src="/_next/static/chunks/3hzwo.js" async=""></script><script>self.__next_f.push([1,"<script src=\\"x\\">"])</script></body></html>`;

async function run(pieces: Uint8Array[]): Promise<string> {
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of pieces) c.enqueue(p);
      c.close();
    },
  }).pipeThrough(createDeferScriptsTransform());
  const out: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(chunk);
  return Buffer.concat(out).toString("utf8");
}

describe("defer-scripts transform (ADR 0028)", () => {
  test("every chunk tag and chunk preload becomes a call to the loader, which comes once, before the first; nothing else changes", async () => {
    const out = await run([new TextEncoder().encode(HTML)]);
    expect(out).not.toMatch(/<script src="\/_next\/static\/chunks\/[^"]+" async="">/);
    // a preload that ends before the first paint would be charged to the LCP (ADR 0028): it is loaded after the paint
    // like a tag (a lazily loaded home's chunk has only its preload, ADR 0037; the loader adds a chunk once)
    expect(out).not.toContain('rel="preload"');
    expect(out.match(/self\.__tmRun=function/g)).toHaveLength(1);
    expect(out.indexOf("self.__tmRun=function")).toBeLessThan(out.indexOf(`__tmRun("${A}")`));
    for (const src of [A, B, "/_next/static/chunks/3hzwo.js", LAZY]) expect(out).toContain(`<script>__tmRun("${src}")</script>`);
    // what is not a chunk tag stays byte for byte: the nomodule polyfill, inline scripts, the flight data, text
    expect(out).toContain('<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>');
    expect(out).toContain('self.__next_f.push([1,"<script src=\\"x\\">"])');
    expect(out).toContain("<h1>审批 · 您好</h1>");
    expect(
      out.replace(/<script>\(function\(\)\{var q=.*?<\/script>/, "").replace(/<script>__tmRun\("([^"]+)"\)<\/script>/g, '<script src="$1" async=""></script>'),
    ).toBe(
      HTML.replace(PRELOAD, '<script src="/_next/static/chunks/3hzwo.js" async=""></script>').replace(LAZY_PRELOAD, `<script src="${LAZY}" async=""></script>`),
    );
  });

  test("the same output whatever the pieces the HTML arrives in (a tag or a character cut anywhere)", async () => {
    const bytes = new TextEncoder().encode(HTML);
    const whole = await run([bytes]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await run([bytes.slice(0, cut), bytes.slice(cut)])).toBe(whole);
    }
    // one byte at a time
    expect(await run([...bytes].map((b) => Uint8Array.of(b)))).toBe(whole);
  });

  test("a page with no chunk tag passes through unchanged, and gets no loader", async () => {
    const plain = "<html><head></head><body><p>离线</p><script>1</script></body></html>";
    expect(await run([new TextEncoder().encode(plain)])).toBe(plain);
  });
});
