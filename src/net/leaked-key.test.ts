import { describe, expect, it } from "vitest";
import { carriesKey, redactKey, redactSecrets } from "./leaked-key.js";

describe("carriesKey and redactKey", () => {
  it.each(["emulator-local-key", "sk_live_a.b*c(d)+e?f[g]$^|x/y\\z"])(
    "find %s as is, in another case and percent-encoded, and only that",
    (key) => {
      const spellings = [
        key,
        key.toUpperCase(),
        encodeURIComponent(key),
        encodeURIComponent(encodeURIComponent(key)),
        [...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(""),
      ];
      for (const spelling of spellings) {
        const text = `before ${spelling} after`;
        expect(carriesKey(text, key), spelling).toBe(true);
        expect(redactKey(text, key)).toBe("before [redacted] after");
      }
      expect(carriesKey(key.slice(0, -1), key)).toBe(false);
      expect(carriesKey("anything", undefined)).toBe(false);
    },
  );
});

describe("redactSecrets", () => {
  const token = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
  const session = "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQ+tok/en==";
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  const urlSafe = (text: string) => base64(text).replace(/\+/g, "-").replace(/\//g, "_");

  it("finds each secret raw, URL-encoded and in base64 at any offset, standard or URL-safe", () => {
    const spellings = [
      session,
      encodeURIComponent(session),
      base64(session),
      base64(`x-access-token:${token}`),
      base64(`a:${token}`),
      base64(`ab:${token}`),
      base64(`AKIAEXAMPLE:${secret}`),
      urlSafe(`x-access-token:${token}`),
      `Basic ${base64(`x:${secret}`)}`,
    ];
    for (const spelling of spellings) {
      const out = redactSecrets(`before ${spelling} after`, [token, session, secret]);
      expect(out, spelling).toContain("[redacted]");
      for (const s of [token, session, secret]) {
        expect(out).not.toContain(s);
        expect(out).not.toContain(encodeURIComponent(s));
        expect(Buffer.from(out.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString()).not.toContain(
          s,
        );
      }
      expect(out.startsWith("before ") && out.endsWith(" after"), out).toBe(true);
    }
  });

  it("leaves text that holds none of them alone, short secrets matched only as themselves", () => {
    const text = "GET 88/8840cea5e9d4.json answered 403 AccessDenied: QUJDREVGR0g=";
    expect(redactSecrets(text, [token, session, secret, undefined])).toBe(text);
    expect(redactSecrets("pin 1234 and MTIzNA==", ["1234"])).toBe("pin [redacted] and MTIzNA==");
  });
});
