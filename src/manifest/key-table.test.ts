import { describe, expect, it } from "vitest";
import { hashOf, KeyTable } from "./key-table.js";
import { AssetRegistry } from "./registry.js";

describe("KeyTable", () => {
  it("finds keys that are prefixes of the strings kept, A-Z folded when asked", () => {
    const table = new KeyTable(true);
    const path = "Public/Products/SKU1.png";
    table.add(path, 15, hashOf(path, 15, true), 7); // "Public/Products"
    expect(table.find("public/products", 15, hashOf("public/products", 15, true))).toBe(7);
    expect(table.find("public/products/x", 15, hashOf("public/products/x", 15, true))).toBe(7);
    expect(table.find("public/product", 14, hashOf("public/product", 14, true))).toBe(-1);
    // Only A-Z fold: "@" and "`" differ by the same bit as "A" and "a".
    table.add("a@", 2, hashOf("a@", 2, true), 1);
    expect(table.find("A`", 2, hashOf("A`", 2, true))).toBe(-1);
    expect(table.find("A@", 2, hashOf("A@", 2, true))).toBe(1);
  });

  it("keeps case when not folding", () => {
    const table = new KeyTable(false);
    table.add("Hero", 4, hashOf("Hero", 4, false), 0);
    expect(table.find("hero", 4, hashOf("hero", 4, false))).toBe(-1);
    expect(table.find("Hero", 4, hashOf("Hero", 4, false))).toBe(0);
  });

  it("still finds every key, and only those, when all hashes collide (crafted input)", () => {
    const table = new KeyTable(true);
    const keys = Array.from({ length: 500 }, (_, i) => `out/${i}.png`);
    keys.forEach((key, i) => {
      table.add(key, key.length, 42, i);
    });
    keys.forEach((key, i) => {
      expect(table.find(key.toUpperCase(), key.length, 42)).toBe(i);
    });
    expect(table.find("out/500.png", 11, 42)).toBe(-1);
    expect(table.size).toBe(500);
  });

  it("grows past what was reserved without losing a key", () => {
    const table = new KeyTable(false);
    table.reserve(3);
    for (let i = 0; i < 5000; i++)
      table.add(`id-${i}`, `id-${i}`.length, hashOf(`id-${i}`, `id-${i}`.length, false), i);
    for (let i = 0; i < 5000; i += 499) {
      expect(
        table.find(`id-${i}`, `id-${i}`.length, hashOf(`id-${i}`, `id-${i}`.length, false)),
      ).toBe(i);
    }
  });
});

describe("AssetRegistry: outputs compared without lower-cased copies", () => {
  const claim = (registry: AssetRegistry, output: string, id: string): string =>
    registry.claimOutput(output, output, id, registry.origin({ file: "m.yml", line: 1, col: 1 })) ??
    "ok";

  it("takes a non-ASCII path whose lower case is ASCII (the Kelvin sign) as that ASCII path", () => {
    const registry = new AssetRegistry();
    expect(claim(registry, "a/KEY.png", "a")).toBe("ok");
    expect(claim(registry, "a/\u212Aey.png", "b")).toBe(
      'output "a/\u212Aey.png" is the same file as "a/KEY.png" of asset "a" (m.yml:1:1) on case-insensitive file systems',
    );
  });

  it("takes NFC and NFD spellings as one file, and a folder of either case as one folder", () => {
    const registry = new AssetRegistry();
    expect(claim(registry, "Caf\u00e9/x.png", "a")).toBe("ok");
    expect(claim(registry, "CAFE\u0301/X.png", "b")).toBe(
      'output "CAFE\u0301/X.png" is the same file as "Caf\u00e9/x.png" of asset "a" (m.yml:1:1) on case-insensitive file systems',
    );
    expect(claim(registry, "caf\u00e9", "c")).toBe(
      'output "caf\u00e9" is a folder holding "Caf\u00e9/x.png" of asset "a" (m.yml:1:1); a path cannot be both',
    );
  });
});
