/**
 * Where a result download may connect. A result URL comes from the server (or from whoever sits in
 * the middle), so it is treated as hostile: http(s) only, no credentials in it, and every address
 * its host resolves to must be a public unicast address — or loopback, where the emulator lives.
 * Private, link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local, multicast and the
 * other special-purpose ranges (IANA registries) are refused before any connection is made.
 * Plain http is accepted only when every address is loopback.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DownloadError, UrlPolicyError, redactUrl } from "./errors.js";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; injectable so tests never touch DNS. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

export type AddressClass = { kind: "loopback" | "public" } | { kind: "refused"; reason: string };

// [network, prefix length, what it is]
const V4_SPECIAL: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "'this network'"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignment"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V6_SPECIAL: ReadonlyArray<readonly [string, number, string]> = [
  ["::", 96, "IPv4-compatible or unspecified"],
  ["64:ff9b:1::", 48, "local NAT64"],
  ["100::", 64, "discard-only"],
  ["2001::", 23, "IETF protocol assignment"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

export function classifyAddress(address: string): AddressClass {
  const plain = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = parseIPv4(plain);
  if (v4 !== undefined) return classifyV4(v4);
  const v6 = parseIPv6(plain);
  if (!v6) return { kind: "refused", reason: "not an IP address" };
  if (v6.every((b, i) => b === (i === 15 ? 1 : 0))) return { kind: "loopback" };
  // Addresses that carry an IPv4 address inside are judged by that address.
  if (inPrefix(v6, "::ffff:0:0", 96) || inPrefix(v6, "64:ff9b::", 96)) {
    return classifyV4(bytesToV4(v6.slice(12)));
  }
  if (inPrefix(v6, "2002::", 16)) {
    const inner = classifyV4(bytesToV4(v6.slice(2, 6)));
    return inner.kind === "public" ? inner : { kind: "refused", reason: "6to4 of a non-public" };
  }
  for (const [network, bits, what] of V6_SPECIAL) {
    if (inPrefix(v6, network, bits)) return { kind: "refused", reason: what };
  }
  return { kind: "public" };
}

/** For the API URL, which is not resolved here: an IP literal in loopback, or `localhost`. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isIP(host) !== 0 && classifyAddress(host).kind === "loopback";
}

/** Where a checked URL may be fetched from: the address to connect to, pinned. */
export interface AllowedTarget {
  url: URL;
  address: string;
  family: number;
}

/**
 * Checks `url` and resolves its host, before any connection. The returned address is the one to
 * connect to (pinning it stops a DNS answer that changes between check and connect). `trustedOrigin`
 * (the API's own origin, which the user chose) skips the address check but not the scheme check.
 */
export async function checkResultUrl(
  url: URL,
  lookup: Lookup,
  trustedOrigin?: string,
): Promise<AllowedTarget> {
  const shown = redactUrl(url);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UrlPolicyError(`${url.protocol} is not http(s) (${shown})`);
  }
  if (url.username || url.password) {
    throw new UrlPolicyError(`credentials inside the URL are not accepted (${shown})`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await resolve(host, lookup);
  const first = addresses[0];
  if (!first) throw new DownloadError("http", `${host} has no address`, true);
  if (url.origin === trustedOrigin) return { url, ...first };
  let allLoopback = true;
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.kind === "refused") {
      throw new UrlPolicyError(`${host} resolves to ${address}, a ${verdict.reason} address`);
    }
    if (verdict.kind !== "loopback") allLoopback = false;
  }
  if (url.protocol === "http:" && !allLoopback) {
    throw new UrlPolicyError(`plain http is accepted only for loopback hosts (${shown})`);
  }
  return { url, ...first };
}

async function resolve(host: string, lookup: Lookup): Promise<ResolvedAddress[]> {
  try {
    return await lookup(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new DownloadError("http", `cannot resolve ${host} (${String(code ?? error)})`, true);
  }
}

function classifyV4(value: number): AddressClass {
  if (value >>> 24 === 127) return { kind: "loopback" };
  for (const [network, bits, what] of V4_SPECIAL) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === ((parseIPv4(network) ?? 0) & mask) >>> 0) {
      return { kind: "refused", reason: what };
    }
  }
  return { kind: "public" };
}

function parseIPv4(text: string): number | undefined {
  if (isIP(text) !== 4) return undefined;
  return text.split(".").reduce((acc, part) => (acc * 256 + Number(part)) >>> 0, 0);
}

function bytesToV4(bytes: number[]): number {
  return bytes.reduce((acc, b) => (acc * 256 + b) >>> 0, 0);
}

/** The 16 bytes of an IPv6 address, or undefined if `text` is not one. */
export function parseIPv6(text: string): number[] | undefined {
  if (isIP(text) !== 6) return undefined;
  let head = text;
  const tail: number[] = [];
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = parseIPv4(dotted[1]) ?? 0;
    tail.push(v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255);
    head = `${text.slice(0, dotted.index)}:0:0`;
  }
  const [left = "", right] = head.split("::");
  const groups = (part: string) => (part ? part.split(":").filter((g) => g !== "") : []);
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const fill = right === undefined ? [] : Array<string>(8 - l.length - r.length).fill("0");
  const words = [...l, ...fill, ...r].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >>> 8, w & 255]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : undefined;
}

function inPrefix(bytes: number[], network: string, bits: number): boolean {
  const net = parseIPv6(network);
  if (!net) return false;
  for (let i = 0; i < 16 && bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}
