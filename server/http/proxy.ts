import { BlockList, isIP } from "node:net";

/**
 * Who sent a request, and whether its forwarded headers may be believed (ADR 0024).
 *
 * The peer is the address of the TCP connection. Next.js cannot be asked for it from a route handler, so
 * scripts/patch-next.mjs makes Next write it into PEER_HEADER on every request, overwriting (or deleting) whatever
 * the client sent under that name. X-Forwarded-For/-Proto/-Host count only when the peer is one of the proxies
 * listed in TRUST_PROXY; the client is then the right-most X-Forwarded-For hop that is not a trusted proxy.
 */
export const PEER_HEADER = "x-tracemark-peer";
/** "https" when the connection to this server itself is TLS (next dev --experimental-https), else "http". */
export const PEER_PROTO_HEADER = "x-tracemark-peer-proto";

/** Shorthands accepted in TRUST_PROXY. */
const KEYWORDS: Record<string, readonly string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
};

export interface TrustedProxies {
  /** The entries as written (for logs and docs), keywords expanded. */
  entries: readonly string[];
  has(address: string): boolean;
}

/** Why an entry of TRUST_PROXY is not an address or a CIDR, or null when it is one. */
function entryProblem(entry: string): string | null {
  const [addr, prefix, ...rest] = entry.split("/");
  const family = isIP(addr ?? "");
  if (!family || rest.length > 0) return `"${entry}" is not an IP address or CIDR (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)`;
  if (prefix === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${entry}": the prefix length must be 0–${max}`;
  return null;
}

/**
 * Parses TRUST_PROXY: a comma-separated list of addresses and CIDRs (and `loopback`); "" or "0" trusts none.
 * Returns the problems instead when an entry is not valid. "1" (the old "trust anyone") is refused: it let any
 * client choose its address.
 */
export function parseTrustedProxies(raw: string): { ok: true; value: TrustedProxies } | { ok: false; problems: string[] } {
  const text = raw.trim();
  if (text === "1") {
    return {
      ok: false,
      problems: [
        "TRUST_PROXY=1 (believe X-Forwarded-* from anyone) is no longer accepted: list the addresses of your reverse proxies instead, e.g. TRUST_PROXY=loopback for a proxy on this machine, or TRUST_PROXY=10.0.0.5,10.0.1.0/24",
      ],
    };
  }
  const raws =
    text === "" || text === "0"
      ? []
      : text
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
  const entries = raws.flatMap((e) => KEYWORDS[e.toLowerCase()] ?? [e]);
  const problems = entries.map(entryProblem).filter((p): p is string => p !== null);
  if (problems.length > 0) return { ok: false, problems };
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, prefix] = entry.split("/") as [string, string | undefined];
    const type = isIP(addr) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(prefix), type);
  }
  return {
    ok: true,
    value: {
      entries,
      // BlockList matches an IPv4 rule against an IPv4-mapped IPv6 address (::ffff:10.0.0.5) too.
      has: (address) => {
        const family = isIP(address);
        return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
      },
    },
  };
}

/**
 * An address as written in a header or by the socket, in one spelling: IPv4-mapped IPv6 becomes IPv4, a zone or
 * a port dropped, brackets removed. Null when it is not an IP address.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : null;
}

export interface ClientOrigin {
  /** The client's address as far as we can trust it; "unknown" only when Next gave no peer (an internal request). */
  ip: string;
  /** The peer is a trusted proxy: its X-Forwarded-Proto/-Host are believed. */
  viaTrustedProxy: boolean;
}

/**
 * The client address: the peer, unless the peer is a trusted proxy; then walk X-Forwarded-For from the right past
 * every trusted proxy and take the first hop that is not one. A hop that is not an IP address stops the walk at
 * the trusted proxy that wrote it (whatever it claims, it is not an address we can vouch for).
 */
export function clientOrigin(headers: Headers, trusted: TrustedProxies): ClientOrigin {
  const peer = normaliseAddress(headers.get(PEER_HEADER));
  if (!peer) return { ip: "unknown", viaTrustedProxy: false };
  if (!trusted.has(peer)) return { ip: peer, viaTrustedProxy: false };
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let ip = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!hop) break;
    ip = hop;
    if (!trusted.has(hop)) break;
  }
  return { ip, viaTrustedProxy: true };
}
