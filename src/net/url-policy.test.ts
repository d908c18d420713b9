import { describe, expect, it } from "vitest";
import { DownloadError, UrlPolicyError } from "./errors.js";
import type { Lookup } from "./url-policy.js";
import { checkResultUrl, classifyAddress, isLoopbackHostname, parseIPv6 } from "./url-policy.js";

const mapLookup =
  (table: Record<string, string[]>): Lookup =>
  async (hostname) =>
    (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.9.9.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["93.184.216.34", "public"],
    ["2606:4700::6810:85e5", "public"],
    ["::ffff:8.8.8.8", "public"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address).kind).toBe(kind);
  });

  it.each([
    "169.254.169.254",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "fe80::1",
    "fe80::1%eth0",
    "fd00:ec2::254",
    "::",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::1",
    "ff02::1",
    "2001:db8::1",
    "not-an-ip",
  ])("%s is refused", (address) => {
    expect(classifyAddress(address).kind).toBe("refused");
  });
});

describe("parseIPv6", () => {
  it("expands compressed and dotted forms", () => {
    expect(parseIPv6("::ffff:1.2.3.4")?.slice(10)).toEqual([255, 255, 1, 2, 3, 4]);
    expect(parseIPv6("1:2:3:4:5:6:7:8")?.[15]).toBe(8);
    expect(parseIPv6("fe80::")?.slice(0, 2)).toEqual([0xfe, 0x80]);
  });
});

describe("isLoopbackHostname", () => {
  it("accepts loopback literals and localhost only", () => {
    expect(isLoopbackHostname("127.0.0.1")).toBe(true);
    expect(isLoopbackHostname("[::1]")).toBe(true);
    expect(isLoopbackHostname("localhost")).toBe(true);
    expect(isLoopbackHostname("api.agentframer.com")).toBe(false);
    expect(isLoopbackHostname("10.0.0.1")).toBe(false);
  });
});

describe("checkResultUrl", () => {
  const lookup = mapLookup({
    "cdn.example": ["93.184.216.34"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["93.184.216.34", "10.0.0.1"],
    "local.test": ["127.0.0.1"],
  });

  it("pins a public https host to the address it checked", async () => {
    const target = await checkResultUrl(new URL("https://cdn.example/a.png?sig=x"), lookup);
    expect(target.address).toBe("93.184.216.34");
  });

  it("refuses a host with any non-public address, naming it", async () => {
    await expect(checkResultUrl(new URL("https://metadata.example/"), lookup)).rejects.toThrow(
      /169\.254\.169\.254, a link-local address/,
    );
    await expect(checkResultUrl(new URL("https://mixed.example/"), lookup)).rejects.toThrow(
      UrlPolicyError,
    );
  });

  it("accepts plain http only for loopback", async () => {
    await expect(
      checkResultUrl(new URL("http://local.test:8080/x"), lookup),
    ).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(checkResultUrl(new URL("http://cdn.example/x"), lookup)).rejects.toThrow(
      /plain http/,
    );
  });

  it("refuses other schemes, credentials and literal private addresses", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://cdn.example/x",
      "https://user:pw@cdn.example/x",
      "https://[fe80::1]/x",
      "https://10.0.0.1/x",
      "http://0x7f000001.example/x",
    ]) {
      await expect(checkResultUrl(new URL(url), lookup)).rejects.toBeInstanceOf(DownloadError);
    }
  });

  it("trusts the API's own origin, whatever its address", async () => {
    const url = new URL("https://api.internal/v1/files/1");
    const internal = mapLookup({ "api.internal": ["10.1.2.3"] });
    await expect(checkResultUrl(url, internal)).rejects.toThrow(/private/);
    await expect(checkResultUrl(url, internal, "https://api.internal")).resolves.toMatchObject({
      address: "10.1.2.3",
    });
  });
});
