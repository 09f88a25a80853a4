import { describe, expect, it } from "vitest";
import { addressKey } from "./rate-limit";

describe("per-address login counter key", () => {
  it("keeps IPv4 (also IPv4-mapped IPv6) as it is", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });
  it("counts an IPv6 host by its /64, however the address is written", () => {
    const a = addressKey("2001:db8:0:1:aaaa:bbbb:cccc:1");
    expect(a).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:1::42")).toBe(a);
    expect(addressKey("2001:0db8:0000:0001:ffff::1")).toBe(a);
    expect(addressKey("2001:db8:0:2::1")).not.toBe(a);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
