import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statIndexPath } from "./paths.js";
import type { StatFacts } from "./stat-index.js";
import { RACY_WINDOW_MS, StatIndex } from "./stat-index.js";
import { readIndexFile } from "./stat-index-file.js";
import { tempRepo } from "../../test/support/temp-repo.js";

const hex = (c: string) => c.repeat(64);
const facts = (n: number) => ({ size: n, mtimeMs: 1_000_000 + n + 0.25, ino: 100 + n });
const LATER = 2_000_000;

interface Row {
  path: string;
  facts: StatFacts;
  sha256: string;
}

/** The index file as JSON.stringify gives it, rows in the order given. */
function indexText(writtenAt: number, rows: Row[]): string {
  const file = {
    version: 2,
    writtenAt,
    outputs: rows.map((r) => r.path),
    stats: rows.flatMap((r) => [r.facts.size, r.facts.mtimeMs, r.facts.ino]),
    sha256: rows.map((r) => r.sha256).join(""),
  };
  return `${JSON.stringify(file)}\n`;
}

/** As builds before rows by place wrote it: sorted by path. */
function sortedIndexText(writtenAt: number, rows: Row[]): string {
  return indexText(
    writtenAt,
    [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  );
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

    for (const row of rows) index.delete(row.path);
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

/** A manifest's outputs and an entry for each, as the index would record them. */
function manifestRows(count: number): Row[] {
  return Array.from({ length: count }, (_, i): Row => ({
    path: `public/p/${i % 7 === 0 ? "é-" : ""}${i}.png`,
    facts: facts(i),
    sha256: hex((i % 16).toString(16)),
  }));
}

/** What an index loaded for `outputs` trusts, output by output (by place, as plan asks). */
function trusted(
  index: StatIndex,
  rows: Row[],
  outputs: readonly string[],
): Array<string | undefined> {
  const places = new Map(outputs.map((output, place) => [output, place]));
  return rows.map((row) => {
    const at = index.trustedRow(row.path, row.facts, places.get(row.path));
    return at < 0 ? undefined : index.digestIs(at, row.sha256) ? row.sha256 : "another hash";
  });
}

// Small files are parsed whole, large ones scanned as bytes: every test takes both ways.
describe.each([
  ["parsed whole", undefined],
  ["scanned", 0],
])("StatIndex loaded for a manifest (rows by place), %s", (_, parseWholeBelow) => {
  async function load(text: string, outputs: readonly string[]): Promise<StatIndex> {
    const dir = await tempRepo();
    await mkdir(join(dir, ".agentframer"));
    await writeFile(statIndexPath(dir), text);
    return StatIndex.load(dir, outputs, { parseWholeBelow });
  }

  it("trusts the same entries whatever order the file lists them in, and writes the manifest's", async () => {
    const rows = manifestRows(300);
    const outputs = rows.map((r) => r.path);
    const expected = rows.map((r) => r.sha256);
    const reversed = [...rows].reverse();
    for (const text of [
      indexText(LATER, rows),
      sortedIndexText(LATER, rows),
      indexText(LATER, reversed),
    ]) {
      const index = await load(text, outputs);
      expect(trusted(index, rows, outputs)).toEqual(expected);
      // By path alone too (the render engine records by path).
      expect(index.trustedSha256(rows[5]!.path, rows[5]!.facts)).toBe(rows[5]!.sha256);
      // Out of the manifest's order: rewritten in it, so that the next load needs no lookup.
      expect(index.dirty).toBe(text !== indexText(LATER, rows));
    }
    const dir = await tempRepo();
    await mkdir(join(dir, ".agentframer"));
    await writeFile(statIndexPath(dir), sortedIndexText(LATER, rows));
    await (await StatIndex.load(dir, outputs, { parseWholeBelow })).save(LATER + 1);
    expect(await readFile(statIndexPath(dir), "utf8")).toBe(indexText(LATER + 1, rows));
  });

  it("reads gaps (outputs with no entry) in order, short or long, without rewriting", async () => {
    const rows = manifestRows(500);
    const outputs = rows.map((r) => r.path);
    // A gap of 3, one of 200 (longer than the look-ahead), and the last 50 missing.
    const kept = rows.filter((_, i) => !(i >= 10 && i < 13) && !(i >= 100 && i < 300) && i < 450);
    const index = await load(indexText(LATER, kept), outputs);
    expect(trusted(index, rows, outputs)).toEqual(
      rows.map((r) => (kept.includes(r) ? r.sha256 : undefined)),
    );
    expect(index.dirty).toBe(false);
  });

  it("drops entries for outputs the manifest does not have, and says it changed", async () => {
    const rows = manifestRows(40);
    const outputs = rows.slice(0, 30).map((r) => r.path);
    const extra = { path: "public/gone.png", facts: facts(99), sha256: hex("9") };
    const listed = [...rows.slice(0, 20), extra, ...rows.slice(20)];
    const index = await load(indexText(LATER, listed), outputs);
    expect(trusted(index, rows.slice(0, 30), outputs)).toEqual(
      rows.slice(0, 30).map((r) => r.sha256),
    );
    expect(index.trustedSha256(extra.path, extra.facts)).toBeUndefined();
    expect(index.trustedSha256(rows[35]!.path, rows[35]!.facts)).toBeUndefined();
    expect(index.dirty).toBe(true);
    const dir = index.manifestDir;
    await index.save(LATER + 1);
    expect(await readFile(statIndexPath(dir), "utf8")).toBe(
      indexText(LATER + 1, rows.slice(0, 30)),
    );
  });

  it("does not take an entry at another place for the output at this one", async () => {
    const rows = manifestRows(3);
    const outputs = rows.map((r) => r.path);
    const index = await load(indexText(LATER, rows), outputs);
    // Asked about place 1 for the path of place 2: the path decides.
    expect(index.trustedRow(rows[2]!.path, rows[2]!.facts, 1)).toBe(2);
    expect(index.trustedRow(rows[2]!.path, rows[1]!.facts, 1)).toBe(-1);
  });

  it("trusts nothing in an index it did not write there: a link to a sound one, a FIFO, a folder", async () => {
    const rows = manifestRows(30);
    const outputs = rows.map((r) => r.path);
    const dir = await tempRepo();
    await mkdir(join(dir, ".agentframer"));
    const elsewhere = join(dir, "sound-index.json");
    await writeFile(elsewhere, indexText(LATER, rows));
    const none = rows.map(() => undefined);

    await symlink(elsewhere, statIndexPath(dir));
    const linked = await StatIndex.load(dir, outputs, { parseWholeBelow });
    expect(trusted(linked, rows, outputs)).toEqual(none);
    await rm(statIndexPath(dir));

    // A FIFO nobody writes to: read, it would hold the plan for ever.
    execFileSync("mkfifo", [statIndexPath(dir)]);
    expect(trusted(await StatIndex.load(dir, outputs, { parseWholeBelow }), rows, outputs)).toEqual(
      none,
    );
    await rm(statIndexPath(dir));

    await mkdir(statIndexPath(dir));
    expect(trusted(await StatIndex.load(dir, outputs, { parseWholeBelow }), rows, outputs)).toEqual(
      none,
    );
    // The same bytes as a plain file are trusted: what was refused was the kind of file.
    await rm(statIndexPath(dir), { recursive: true });
    await copyFile(elsewhere, statIndexPath(dir));
    const plain = await StatIndex.load(dir, outputs, { parseWholeBelow });
    expect(trusted(plain, rows, outputs)).toEqual(rows.map((r) => r.sha256));
  });

  it("reads a file laid out otherwise (by hand, pretty-printed) as JSON", async () => {
    const rows = manifestRows(20);
    const outputs = rows.map((r) => r.path);
    const file = JSON.parse(sortedIndexText(LATER, rows)) as unknown;
    const index = await load(JSON.stringify(file, null, 2), outputs);
    expect(trusted(index, rows, outputs)).toEqual(rows.map((r) => r.sha256));
  });

  it("reads a file larger than its read window, and a path longer than it", async () => {
    // About 3 MB: paths, numbers and hashes cross the 1 MiB windows.
    const rows = Array.from({ length: 20_000 }, (_, i): Row => ({
      path: `public/products/a-rather-long-folder-name/${"é".repeat(i % 3)}item-${i}.png`,
      facts: { size: i, mtimeMs: 1_000_000 + i / 7, ino: 2 ** 40 + i },
      sha256: createHash("sha256").update(`${i}`).digest("hex"),
    }));
    const long = { path: `${"x".repeat(1_500_000)}.png`, facts: facts(1), sha256: hex("f") };
    const all = [...rows, long];
    const outputs = all.map((r) => r.path);
    const text = indexText(LATER, all);
    const index = await load(text, outputs);
    expect(trusted(index, all, outputs)).toEqual(all.map((r) => r.sha256));
    expect(index.dirty).toBe(false);
    // Scanned in one pass, not by the JSON.parse a layout it did not expect falls back to.
    let sinks = 0;
    const places = new Map(outputs.map((o, place) => [o, place]));
    const read = readIndexFile(
      statIndexPath(index.manifestDir),
      () => {
        sinks++;
        return {
          place: (path) => places.get(path.text()) ?? -1,
          columns: () => ({
            stats: new Float64Array(3 * all.length),
            digests: new Uint8Array(32 * all.length),
            held: new Uint8Array(all.length),
          }),
        };
      },
      { parseWholeBelow: 0 },
    );
    expect(read?.writtenAt).toBe(LATER);
    expect(sinks).toBe(1);
  });

  it.each([
    ["a hash digit that is not hex", (t: string) => t.replace(/"sha256":"a/, '"sha256":"g')],
    ["an upper-case hash", (t: string) => t.replace(/"sha256":"aa/, '"sha256":"AA')],
    ["a hash too short", (t: string) => t.replace(/a"}/, '"}')],
    ["stats too few", (t: string) => t.replace(/"stats":\[[^,]*,/, '"stats":[')],
    ["a number JSON refuses", (t: string) => t.replace(/"stats":\[/, '"stats":[+')],
    ["a cut file", (t: string) => t.slice(0, t.length - 30)],
    ["another version", (t: string) => t.replace('"version":2', '"version":3')],
  ])("trusts nothing in a damaged file: %s", async (_, damage) => {
    const rows = manifestRows(4).map((r) => ({ ...r, sha256: hex("a") }));
    const outputs = rows.map((r) => r.path);
    const text = damage(indexText(LATER, rows));
    expect(text).not.toBe(indexText(LATER, rows));
    const index = await load(text, outputs);
    expect(trusted(index, rows, outputs)).toEqual(rows.map(() => undefined));
  });
});
