import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeSha256, isSha256Hex } from "./sha256-hex.js";

const digest = createHash("sha256").update("bytes").digest();
const hex = digest.toString("hex");

describe("SHA-256 hex", () => {
  it("decodes the digits where they stand into the place asked", () => {
    const text = Buffer.from(`xx${hex}yy`, "latin1");
    const out = new Uint8Array(40);
    expect(decodeSha256(text, 2, out, 8)).toBe(true);
    expect(Buffer.from(out.subarray(8)).equals(digest)).toBe(true);
    expect(out.subarray(0, 8).every((b) => b === 0)).toBe(true);
  });

  it("refuses upper case and any other character, at the first digit as at the last", () => {
    const out = new Uint8Array(32);
    for (const bad of [hex.toUpperCase(), `g${hex.slice(1)}`, `${hex.slice(0, 63)} `]) {
      expect(decodeSha256(Buffer.from(bad, "latin1"), 0, out)).toBe(false);
      expect(isSha256Hex(bad)).toBe(false);
    }
    expect(isSha256Hex(hex)).toBe(true);
    expect(isSha256Hex(hex.slice(1))).toBe(false);
    expect(isSha256Hex(`${hex}0`)).toBe(false);
    // A character whose low byte is a digit is not one.
    expect(isSha256Hex(`${hex.slice(0, 63)}\u0130`)).toBe(false);
  });
});
