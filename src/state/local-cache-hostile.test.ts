/**
 * `.agentframer/cache/` may hold what the tool never wrote: an Actions cache another branch's run
 * saved, or what an earlier job left in a self-hosted runner's workspace. An entry reached through
 * a symbolic link (its bytes, its meta or its folder), a FIFO, or a file larger than any result is
 * a miss, never followed, waited on or read; and nothing is written through a link there.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { loadDurationMemory, saveDurationMemory } from "../render/polling/duration-memory.js";
import { cachedEntryProbe, createCacheStore } from "./local-cache.js";
import { durationMemoryPath } from "./paths.js";
import { writeCachedPrices } from "./price-cache.js";
import { sweepStaleTemps } from "./sweep.js";

const HASH = "ab" + "1".repeat(62);
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const META = {
  sha256: createHash("sha256").update(PNG).digest("hex"),
  size: PNG.length,
  generation: "gen_1",
  extension: "png",
};
const metaText = JSON.stringify(META);

let dir: string;
let outside: string;
let cache: string;
let warnings: string[];
beforeEach(async () => {
  dir = await tempDir("af-cache-hostile-");
  outside = await tempDir("af-outside-");
  cache = join(dir, ".agentframer/cache");
  mkdirSync(join(cache, "ab"), { recursive: true });
  warnings = [];
});

const store = () => createCacheStore(cache, (m) => warnings.push(m));
const target = () => join(dir, "public/hero.png");
const restore = () => store().restore(HASH, { path: target(), type: "image", within: dir });

/** A sound entry (bytes and meta) in `folder`. */
function entryIn(folder: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, HASH), PNG);
  writeFileSync(join(folder, `${HASH}.json`), metaText);
}

describe("a cache entry the tool did not write", () => {
  it("is a miss when its bytes are a link to a sound file elsewhere", async () => {
    entryIn(outside);
    writeFileSync(join(cache, "ab", `${HASH}.json`), metaText);
    symlinkSync(join(outside, HASH), join(cache, "ab", HASH));
    expect(cachedEntryProbe(cache)(HASH, "hero.png")).toBe(false);
    expect(await restore()).toBeUndefined();
    expect(existsSync(target())).toBe(false);
    expect(existsSync(join(outside, HASH))).toBe(true);
  });

  it("is a miss when its meta is a link", async () => {
    entryIn(outside);
    writeFileSync(join(cache, "ab", HASH), PNG);
    symlinkSync(join(outside, `${HASH}.json`), join(cache, "ab", `${HASH}.json`));
    expect(cachedEntryProbe(cache)(HASH, "hero.png")).toBe(false);
    expect(await store().peek(HASH)).toBeUndefined();
    expect(await restore()).toBeUndefined();
    expect(existsSync(target())).toBe(false);
  });

  it("is a miss when its folder is a link, and nothing is written through it", async () => {
    entryIn(outside);
    mkdirSync(join(cache, "cd"));
    execFileSync("rm", ["-r", join(cache, "ab")]);
    symlinkSync(outside, join(cache, "ab"));
    expect(cachedEntryProbe(cache)(HASH, "hero.png")).toBe(false);
    expect(await restore()).toBeUndefined();
    expect(existsSync(target())).toBe(false);

    const other = "ab" + "2".repeat(62);
    writeFileSync(join(dir, "new.png"), PNG);
    await store()
      .put(other, join(dir, "new.png"), META)
      .catch(() => {});
    expect(readdirSync(outside).sort()).toEqual([HASH, `${HASH}.json`]);
  });

  it("is a miss for every hash a plan asks about in a linked folder, and the others still answer", () => {
    const inCd = "cd" + "3".repeat(62);
    entryIn(outside);
    writeFileSync(join(outside, inCd), PNG);
    writeFileSync(join(outside, `${inCd}.json`), metaText);
    execFileSync("rm", ["-r", join(cache, "ab")]);
    symlinkSync(outside, join(cache, "ab"));
    mkdirSync(join(cache, "cd"));
    writeFileSync(join(cache, "cd", inCd), PNG);
    writeFileSync(join(cache, "cd", `${inCd}.json`), metaText);

    const isCached = cachedEntryProbe(cache);
    // Asked twice each, as a plan asks about many entries in one folder: the answer holds.
    for (let i = 0; i < 2; i++) {
      expect(isCached(HASH, "hero.png")).toBe(false);
      expect(isCached(inCd, "hero.png")).toBe(true);
      expect(isCached(inCd, "hero.wav")).toBe(false);
      expect(isCached("../" + HASH.slice(3), "hero.png")).toBe(false);
    }
    // The cache folder itself a link: nothing in it is an entry.
    const elsewhere = join(dir, "elsewhere");
    execFileSync("mv", [cache, elsewhere]);
    symlinkSync(elsewhere, cache);
    expect(cachedEntryProbe(cache)(inCd, "hero.png")).toBe(false);
    expect(cachedEntryProbe(elsewhere)(inCd, "hero.png")).toBe(true);
    // No cache at all: a miss, not an error.
    expect(cachedEntryProbe(join(dir, "none"))(inCd, "hero.png")).toBe(false);
  });

  it("is a miss, not a wait, when its bytes are a FIFO", async () => {
    writeFileSync(join(cache, "ab", `${HASH}.json`), metaText);
    execFileSync("mkfifo", [join(cache, "ab", HASH)]);
    expect(cachedEntryProbe(cache)(HASH, "hero.png")).toBe(false);
    expect(await restore()).toBeUndefined();
    expect(existsSync(target())).toBe(false);
  });

  it("is a miss, not a wait, when its meta is a FIFO, or larger than any meta", async () => {
    writeFileSync(join(cache, "ab", HASH), PNG);
    execFileSync("mkfifo", [join(cache, "ab", `${HASH}.json`)]);
    expect(await store().peek(HASH)).toBeUndefined();
    expect(await restore()).toBeUndefined();

    // Both went as unusable; now a meta of 8 MiB (valid JSON, padded).
    expect(readdirSync(join(cache, "ab"))).toEqual([]);
    writeFileSync(join(cache, "ab", HASH), PNG);
    writeFileSync(join(cache, "ab", `${HASH}.json`), metaText + " ".repeat(8 * 1024 * 1024));
    expect(await store().peek(HASH)).toBeUndefined();
    expect(await restore()).toBeUndefined();
    expect(existsSync(target())).toBe(false);
  });

  it("the duration memory is not read through a link, nor waited on as a FIFO", async () => {
    const api = "https://api.agentframer.com/v1";
    const now = Date.UTC(2026, 0, 2);
    const file = durationMemoryPath(dir);
    const remembered = JSON.stringify({
      version: 1,
      apis: { [api]: { "image/m": { savedAt: now, close: [[1000, 1200]], other: [] } } },
    });
    writeFileSync(join(outside, "durations.json"), remembered);
    symlinkSync(join(outside, "durations.json"), file);
    expect(await loadDurationMemory(file, api, now)).toEqual({});

    execFileSync("rm", [file]);
    execFileSync("mkfifo", [file]);
    expect(await loadDurationMemory(file, api, now)).toEqual({});

    // The same file, plain, is read: the refusals above are of the link and the FIFO.
    execFileSync("rm", [file]);
    writeFileSync(file, remembered);
    expect(Object.keys(await loadDurationMemory(file, api, now))).toEqual(["image/m"]);
  });

  it("is a miss when the cache folder itself is a link, and nothing is written through it", async () => {
    entryIn(join(outside, "ab"));
    execFileSync("rm", ["-r", cache]);
    symlinkSync(outside, cache);
    expect(cachedEntryProbe(cache)(HASH, "hero.png")).toBe(false);
    expect(await restore()).toBeUndefined();

    writeFileSync(join(dir, "new.png"), PNG);
    const put = store().put("cd" + "3".repeat(62), join(dir, "new.png"), META);
    await expect(put).rejects.toThrow(/is a link or not a folder; nothing is written through it/);
    const api = "https://api.agentframer.com/v1";
    const memory = { "image/m": { close: [{ afterMs: 1000, byMs: 1200 }], other: [] } };
    await expect(saveDurationMemory(durationMemoryPath(dir), api, memory, 0)).rejects.toThrow(
      /nothing is written through it/,
    );
    await expect(writeCachedPrices(dir, api, new Map())).rejects.toThrow(
      /nothing is written through it/,
    );
    expect(readdirSync(outside).sort()).toEqual(["ab"]);
    expect(readdirSync(join(outside, "ab")).sort()).toEqual([HASH, `${HASH}.json`]);
  });

  it("a run's sweep of stale temps does not follow a linked entry folder", async () => {
    const temp = `.${HASH}.0123456789ab.tmp`;
    writeFileSync(join(outside, temp), "someone else's");
    execFileSync("rm", ["-r", join(cache, "ab")]);
    symlinkSync(outside, join(cache, "ab"));
    const asset = { output: "public/hero.png", hash: HASH };
    await sweepStaleTemps(dir, join(dir, "agentframer.lock"), [asset], [asset]);
    expect(readdirSync(outside)).toEqual([temp]);
  });
});
