import { describe, expect, it } from "vitest";
import { carriesKey, redactKey } from "./leaked-key.js";

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
