import { describe, expect, it } from "vitest";
import { crc32, crc32Zeros } from "./crc32.js";

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("IEND"))).toBe(0xae426082);
  });

  it("continues over several parts as over one", () => {
    const whole = Buffer.from("The quick brown fox jumps over the lazy dog");
    expect(crc32(whole.subarray(10), crc32(whole.subarray(0, 10)))).toBe(crc32(whole));
  });

  it("extends over zero runs exactly as the table does", () => {
    for (const count of [0, 1, 7, 1000, 65_537]) {
      const prefix = Buffer.from(`afPd${count}`);
      const expected = crc32(Buffer.alloc(count), crc32(prefix));
      expect(crc32Zeros(crc32(prefix), count)).toBe(expected);
    }
  });
});
