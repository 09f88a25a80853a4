import { describe, expect, it } from "vitest";
import { ROLES } from "@/domain/auth/roles";
import { isServableImage, seesAllEvidence, ZSha256 } from "./access";

describe("evidence access by role", () => {
  it("office roles see every file; field roles and keepers only what their records allow", () => {
    const all = ROLES.filter(seesAllEvidence);
    expect(all.sort()).toEqual(["admin", "customer_service", "operations", "quality"]);
    expect(seesAllEvidence("lineman")).toBe(false);
    expect(seesAllEvidence("warehouse_keeper")).toBe(false);
    expect(seesAllEvidence("instrument_custodian")).toBe(false);
  });
});

describe("servable images", () => {
  it("serves photos and signatures, never markup or scripts", () => {
    for (const m of ["image/jpeg", "image/png", "image/webp"]) expect(isServableImage(m)).toBe(true);
    for (const m of ["image/svg+xml", "text/html", "application/pdf", "IMAGE/PNG", ""]) expect(isServableImage(m)).toBe(false);
  });
});

describe("ZSha256", () => {
  it("accepts 64 lower-case hex digits only", () => {
    expect(ZSha256.safeParse("a".repeat(64)).success).toBe(true);
    for (const v of ["A".repeat(64), "a".repeat(63), "a".repeat(65), `${"a".repeat(63)}g`, "../etc/passwd"]) expect(ZSha256.safeParse(v).success).toBe(false);
  });
});
