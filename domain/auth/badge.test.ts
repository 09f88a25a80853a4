import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTag, normalizeTypedCode } from "@/domain/items/tags";
import { classifyScan } from "@/domain/scan/classify";
import { badgeCode, badgeUsername, isBadgeLookalike, looksLikeBadgeInput, mayShowBadge, normalizeBadgeInput } from "./badge";
import { ROLES } from "./roles";
import { ZUsername } from "./schemas";
import { isUsername, USERNAME_MAX, USERNAME_MIN } from "./username";

/** Any valid username: the rule's characters, 3–40 long. */
const username = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._-".split("")), minLength: USERNAME_MIN, maxLength: USERNAME_MAX });

describe("badgeCode and badgeUsername", () => {
  it.each([
    ["lineman", "TMU-lineman"],
    ["wang.jianguo", "TMU-wang.jianguo"],
    ["li_wei-2", "TMU-li_wei-2"],
    ["123", "TMU-123"],
    ["a".repeat(40), `TMU-${"a".repeat(40)}`],
  ])("%s → %s and back", (name, code) => {
    expect(badgeCode(name)).toBe(code);
    expect(badgeUsername(code)).toBe(name);
  });

  it.each(["ab", "a".repeat(41), "Admin", "wang jianguo", "王建国", "a/b", "", " lineman"])("no badge for the stored name %j", (name) => {
    expect(badgeCode(name)).toBeNull();
  });

  it.each(["TMU-ab", "TMU-Lineman", "tmu-lineman", "TMU_lineman", "TMU-lineman ", "TMU-", "TMU--", "XTMU-lineman", `TMU-${"a".repeat(41)}`])(
    "%j names nobody",
    (code) => {
      expect(badgeUsername(code)).toBeNull();
    },
  );

  it("follows the account rule: every name ZUsername stores has a badge naming it back (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (typed) => {
        const parsed = ZUsername.safeParse(typed);
        if (!parsed.success) return;
        // what ZUsername lets through is ASCII lower-case after folding; a non-ASCII letter folding to ASCII is refused
        if (!isUsername(parsed.data)) return;
        expect(badgeUsername(badgeCode(parsed.data)!)).toBe(parsed.data);
      }),
      { numRuns: 500 },
    );
  });

  it("round trip: the badge of any valid username classifies back to that username (property)", () => {
    fc.assert(
      fc.property(username, (name) => {
        const code = badgeCode(name)!;
        expect(classifyScan(code)).toEqual({ kind: "person_badge", code, username: name });
        // typed on a keypad that capitalises, or with spaces around: the same person
        expect(normalizeTypedCode(` ${code.toUpperCase()} `)).toBe(code);
        expect(normalizeBadgeInput(code)).toBe(code);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("near misses", () => {
  it.each([
    ["TMU-LINEMAN", true],
    ["tmu-lineman", true],
    ["TMU_lineman", true],
    ["TMU lineman", true],
    ["Tmu-Wang.Jianguo", true],
    ["TMU-lineman", false],
    ["TMU-ab", false],
    ["TMUlineman", false],
    ["TMU-wang jianguo", false],
    ["IN-000301", false],
  ])("%j lookalike: %s", (text, want) => {
    expect(isBadgeLookalike(text)).toBe(want);
  });
});

describe("typed badge codes", () => {
  it.each([
    ["TMU-LINEMAN", "TMU-lineman"],
    ["  tmu-wang.jianguo ", "TMU-wang.jianguo"],
    ["TMU_li_wei", "TMU-li_wei"],
    ["TMU – lineman", "TMU-lineman"],
    ["TMU-LI_WEI", "TMU-li_wei"],
    ["TMU-\u212Aeeper", "TMU-\u212Aeeper"], // the Kelvin sign is not folded into a k
  ])("%j → %j", (typed, code) => {
    expect(looksLikeBadgeInput(typed)).toBe(true);
    expect(normalizeBadgeInput(typed)).toBe(code);
  });

  it("keeps `_` in a username where normalizeTag would turn it into `-` (two people)", () => {
    expect(normalizeTag("TMU-li_wei")).toBe("TMU-LI-WEI");
    expect(normalizeTypedCode("TMU-li_wei")).toBe("TMU-li_wei");
    expect(classifyScan(normalizeTypedCode("tmu-LI_WEI"))).toMatchObject({ kind: "person_badge", username: "li_wei" });
  });

  it("leaves every other typed code to normalizeTag", () => {
    for (const typed of ["in-000301", " st_000101 ", "wo–2026–000101", "00-D710-208870", "lineman", "TM-1"]) {
      expect(looksLikeBadgeInput(typed)).toBe(false);
      expect(normalizeTypedCode(typed)).toBe(normalizeTag(typed));
    }
  });
});

describe("mayShowBadge", () => {
  const me = { id: "u-1", username: "lineman", active: true };
  it.each(ROLES)("a %s sees their own badge", (role) => {
    expect(mayShowBadge({ id: "u-1", role }, me)).toBe(true);
  });

  it.each(ROLES.filter((r) => r !== "admin"))("a %s does not see someone else's", (role) => {
    expect(mayShowBadge({ id: "u-2", role }, me)).toBe(false);
  });

  it("an admin sees any active user's; nobody a disabled user's or one whose stored name breaks the rule", () => {
    expect(mayShowBadge({ id: "u-2", role: "admin" }, me)).toBe(true);
    expect(mayShowBadge({ id: "u-2", role: "admin" }, { ...me, active: false })).toBe(false);
    expect(mayShowBadge({ id: "u-1", role: "lineman" }, { ...me, active: false })).toBe(false);
    expect(mayShowBadge({ id: "u-2", role: "admin" }, { ...me, username: "Old Name" })).toBe(false);
  });
});
