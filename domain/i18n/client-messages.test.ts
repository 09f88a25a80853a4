import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUES, clientMessages, SERVER_ONLY_NAMESPACES } from "@/messages/catalogue";

/** Every .ts/.tsx file under these folders. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("the messages sent to the browser", () => {
  it("leave out the server-only namespaces and keep every other one", () => {
    const sent = clientMessages(CATALOGUES.en);
    for (const ns of SERVER_ONLY_NAMESPACES) {
      expect(CATALOGUES.en).toHaveProperty(ns);
      expect(sent).not.toHaveProperty(ns);
    }
    expect(Object.keys(sent).length).toBe(Object.keys(CATALOGUES.en).length - SERVER_ONLY_NAMESPACES.length);
  });

  it("no screen reads a server-only namespace (the screens under app/ other than its API routes, and client/)", () => {
    const screens = [...files("app").filter((f) => !f.startsWith(path.join("app", "api"))), ...files("client")];
    expect(screens.length).toBeGreaterThan(50);
    const readers = screens.filter((f) => {
      const text = readFileSync(f, "utf8");
      return SERVER_ONLY_NAMESPACES.some((ns) => new RegExp(`Translations\\(\\s*["'\`]${ns}[."'\`]|["'\`]${ns}\\.`).test(text));
    });
    expect(readers).toEqual([]);
  });
});
