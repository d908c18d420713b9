import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statIndexPath } from "./paths.js";
import type { StatFacts } from "./stat-index.js";
import { RACY_WINDOW_MS, StatIndex } from "./stat-index.js";
import { tempRepo } from "../../test/support/temp-repo.js";

const hex = (c: string) => c.repeat(64);
const facts = (n: number) => ({ size: n, mtimeMs: 1_000_000 + n + 0.25, ino: 100 + n });
const LATER = 2_000_000;

interface Row {
  path: string;
  facts: StatFacts;
  sha256: string;
}

/** The index file as JSON.stringify gives it: outputs sorted, their columns in that order. */
function indexText(writtenAt: number, rows: Row[]): string {
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const file = {
    version: 2,
    writtenAt,
    outputs: sorted.map((r) => r.path),
    stats: sorted.flatMap((r) => [r.facts.size, r.facts.mtimeMs, r.facts.ino]),
    sha256: sorted.map((r) => r.sha256).join(""),
  };
  return `${JSON.stringify(file)}\n`;
}

describe("StatIndex", () => {
  it("round-trips rows through save and load, each with its own hash", async () => {
    const dir = await tempRepo();
    const index = StatIndex.empty(dir);
    index.set("b.png", facts(2), hex("b"));
    index.set("a.png", facts(1), hex("a"));
    index.set("c.png", facts(3), hex("c"));
    index.delete("b.png");
    index.set("a.png", facts(4), hex("d")); // changed in place
    await index.save(LATER);
    const loaded = await StatIndex.load(dir);
    expect(loaded.trustedSha256("a.png", facts(4))).toBe(hex("d"));
    expect(loaded.trustedSha256("a.png", facts(1))).toBeUndefined();
    expect(loaded.trustedSha256("b.png", facts(2))).toBeUndefined();
    expect(loaded.trustedSha256("c.png", facts(3))).toBe(hex("c"));
    expect(loaded.dirty).toBe(false);
  });

  it("writes a file of many pieces as JSON.stringify would write it whole", async () => {
    const dir = await tempRepo();
    const index = StatIndex.empty(dir);
    // About 300 KB: several of the pieces the file is written in.
    const rows = Array.from({ length: 2000 }, (_, i): Row => ({
      path: `public/products/😀-${i}.png`,
      facts: facts(i),
      sha256: hex((i % 16).toString(16)),
    }));
    for (const row of rows) index.set(row.path, row.facts, row.sha256);
    await index.save(LATER);
    expect(await readFile(statIndexPath(dir), "utf8")).toBe(indexText(LATER, rows));
  });

  it("writes exactly what JSON.stringify of its columns gives, whatever the paths", async () => {
    const dir = await tempRepo();
    const index = StatIndex.empty(dir);
    const paths = [
      "z/é.png",
      'q"uote.png',
      "back\\slash.png",
      "😀.png",
      "a\u2028b.png",
      "ctl\u0001.png",
      "lone\ud800.png",
    ];
    const rows = paths.map((path, i): Row => ({
      path,
      facts: { size: i, mtimeMs: 1000 + i / 3, ino: 2 ** 40 + i },
      sha256: hex(`${i}`),
    }));
    for (const row of rows) index.set(row.path, row.facts, row.sha256);
    await index.save(LATER);
    expect(await readFile(statIndexPath(dir), "utf8")).toBe(indexText(LATER, rows));
    const loaded = await StatIndex.load(dir);
    expect(loaded.trustedSha256("😀.png", { size: 3, mtimeMs: 1001, ino: 2 ** 40 + 3 })).toBe(
      hex("3"),
    );

    index.retain(new Set());
    await index.save(LATER + 1);
    expect(await readFile(statIndexPath(dir), "utf8")).toBe(
      `${JSON.stringify({ version: 2, writtenAt: LATER + 1, outputs: [], stats: [], sha256: "" })}\n`,
    );
  });

  it("stays clean when told what it already knows, and dirties on a change", async () => {
    const dir = await tempRepo();
    const index = StatIndex.empty(dir);
    index.set("a.png", facts(1), hex("a"));
    await index.save(LATER);
    const loaded = await StatIndex.load(dir);
    loaded.set("a.png", facts(1), hex("a"));
    expect(loaded.dirty).toBe(false);
    loaded.set("a.png", facts(1), hex("e"));
    expect(loaded.dirty).toBe(true);
  });

  it("distrusts an mtime inside the racy window of the index write", async () => {
    const dir = await tempRepo();
    const index = StatIndex.empty(dir);
    const f = facts(1);
    index.set("a.png", f, hex("a"));
    await index.save(f.mtimeMs + RACY_WINDOW_MS - 1);
    expect((await StatIndex.load(dir)).trustedSha256("a.png", f)).toBeUndefined();
    await index.save(f.mtimeMs + RACY_WINDOW_MS + 1); // nothing changed: no write
    index.set("a.png", f, hex("a")); // still racy against the old write: rewrite it
    await index.save(f.mtimeMs + RACY_WINDOW_MS + 1);
    expect((await StatIndex.load(dir)).trustedSha256("a.png", f)).toBe(hex("a"));
  });

  it("says whether it holds entries only for the given outputs, as retain would keep them", () => {
    const index = StatIndex.empty("/x");
    index.set("a.png", facts(1), hex("a"));
    index.set("b.png", facts(2), hex("b"));
    expect(index.holdsOnly(["a.png", "b.png"])).toBe(true);
    expect(index.holdsOnly(["b.png", "c.png", "a.png"])).toBe(true);
    expect(index.holdsOnly(["a.png", "c.png"])).toBe(false);
    expect(index.holdsOnly(["a.png"])).toBe(false);
    index.delete("b.png");
    expect(index.holdsOnly(["a.png"])).toBe(true);
    expect(index.dirty).toBe(true);
    expect(StatIndex.empty("/x").holdsOnly([])).toBe(true);
  });

  it("refuses a hash that is not 64 hex digits", () => {
    expect(() => StatIndex.empty("/x").set("a.png", facts(1), "abc")).toThrow(TypeError);
  });

  it.each([
    ["{oops"],
    ['{"version":1,"writtenAt":1,"entries":{}}'],
    ['{"version":2,"writtenAt":1,"outputs":["a"],"stats":[],"sha256":""}'],
  ])("reads a damaged or foreign index as empty: %s", async (text) => {
    const dir = await tempRepo();
    await mkdir(join(dir, ".agentframer"));
    await writeFile(statIndexPath(dir), text);
    const index = await StatIndex.load(dir);
    expect(index.trustedSha256("a", facts(1))).toBeUndefined();
  });
});
