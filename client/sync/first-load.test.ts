import { describe, expect, it } from "vitest";
import { firstLoad } from "./first-load";
import type { TSyncStatus } from "./provider";

const ALL: TSyncStatus[] = ["idle", "syncing", "offline", "needs_login", "blocked", "error"];

describe("firstLoad", () => {
  it.each(ALL)("a phone that has pulled to the end shows its content whatever the sync state (%s)", (s) => {
    expect(firstLoad(true, s)).toBe("ready");
  });
  it("before that: loading while a pull may come, not loaded when none can", () => {
    expect(ALL.map((s) => [s, firstLoad(false, s)])).toEqual([
      ["idle", "loading"],
      ["syncing", "loading"],
      ["offline", "not_loaded"],
      ["needs_login", "not_loaded"],
      ["blocked", "not_loaded"],
      ["error", "not_loaded"],
    ]);
  });
});
