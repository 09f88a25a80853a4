import { describe, expect, it } from "vitest";
import { clientOrigin, normaliseAddress, parseTrustedProxies, PEER_HEADER, type TrustedProxies } from "./proxy";

const trusted = (raw: string): TrustedProxies => {
  const p = parseTrustedProxies(raw);
  if (!p.ok) throw new Error(p.problems.join("; "));
  return p.value;
};
const headers = (peer: string | null, xff?: string) => {
  const h = new Headers();
  if (peer !== null) h.set(PEER_HEADER, peer);
  if (xff !== undefined) h.set("x-forwarded-for", xff);
  return h;
};

describe("TRUST_PROXY parsing", () => {
  it.each(["", "0", " 0 "])("%j trusts nobody", (raw) => {
    const t = trusted(raw);
    expect(t.entries).toEqual([]);
    expect(t.has("127.0.0.1")).toBe(false);
  });

  it("refuses the old 1 (trust anyone) with a message naming the new form", () => {
    const p = parseTrustedProxies("1");
    expect(p.ok).toBe(false);
    expect(!p.ok && p.problems[0]).toMatch(/no longer accepted.*TRUST_PROXY=loopback.*TRUST_PROXY=10\.0\.0\.5/);
  });

  it.each([["10.0.0.0/33"], ["fd00::/129"], ["proxy.example"], ["10.0.0.1/8/1"], ["10.0.0.0/x"], ["300.1.1.1"]])("refuses %j, naming it", (raw) => {
    const p = parseTrustedProxies(`127.0.0.1, ${raw}`);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.problems.join()).toContain(raw);
  });

  it("matches addresses, IPv4 and IPv6 CIDRs, the loopback keyword, and IPv4-mapped IPv6 peers", () => {
    const t = trusted("10.0.0.0/8, 192.0.2.7, fd00::/8, loopback");
    for (const a of ["10.200.3.4", "192.0.2.7", "fd12::1", "127.0.0.1", "127.8.8.8", "::1", "::ffff:10.1.1.1"]) expect(t.has(a), a).toBe(true);
    for (const a of ["11.0.0.1", "192.0.2.8", "fe80::1", "203.0.113.9", "unknown", ""]) expect(t.has(a), a).toBe(false);
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:4711", "203.0.113.9"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
  ])("%j → %j", (raw, want) => expect(normaliseAddress(raw)).toBe(want));
  it.each([["unknown"], [""], ["_hidden"], ["1.2.3"], [null]])("%j is not an address", (raw) => expect(normaliseAddress(raw)).toBeNull());
});

describe("clientOrigin", () => {
  const none = trusted("0");
  const proxies = trusted("10.0.0.0/8");

  it("is the peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientOrigin(headers("198.51.100.1", "203.0.113.9"), none)).toEqual({ ip: "198.51.100.1", viaTrustedProxy: false });
  });
  it("is the peer when the peer is not a trusted proxy", () => {
    expect(clientOrigin(headers("198.51.100.1", "203.0.113.9"), proxies)).toEqual({ ip: "198.51.100.1", viaTrustedProxy: false });
  });
  it("is the right-most X-Forwarded-For hop that is not a trusted proxy", () => {
    expect(clientOrigin(headers("10.0.0.2", "203.0.113.9, 198.51.100.7, 10.0.0.3"), proxies)).toEqual({ ip: "198.51.100.7", viaTrustedProxy: true });
  });
  it("is the left-most hop when every hop is a trusted proxy, and the peer when there is none", () => {
    expect(clientOrigin(headers("10.0.0.2", "10.0.0.9, 10.0.0.3"), proxies).ip).toBe("10.0.0.9");
    expect(clientOrigin(headers("10.0.0.2"), proxies).ip).toBe("10.0.0.2");
  });
  it("stops at the trusted proxy that wrote a hop that is not an address", () => {
    expect(clientOrigin(headers("10.0.0.2", "203.0.113.9, garbage, 10.0.0.3"), proxies).ip).toBe("10.0.0.3");
  });
  it("is unknown without a peer (a request Next.js made itself)", () => {
    expect(clientOrigin(headers(null, "203.0.113.9"), proxies)).toEqual({ ip: "unknown", viaTrustedProxy: false });
  });
});
