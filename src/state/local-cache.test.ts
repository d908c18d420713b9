import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedEntryProbe, createCacheStore } from "./local-cache.js";
import { ensureStateDir } from "./state-dir.js";

const sha = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");
const HASH = "ab" + "1".repeat(62);
/** A 1×1 PNG: the restore checks the type's magic bytes as well as the SHA-256. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

describe("cache store", () => {
  let dir: string;
  let warnings: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "af-cache-"));
    warnings = [];
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const store = () => createCacheStore(join(dir, "cache"), (m) => warnings.push(m));
  const at = (path: string) => ({ path, type: "image" as const, within: dir });

  it("puts bytes under <first2>/<hash> with a meta, and restores them to a new folder", async () => {
    const bytes = PNG;
    await writeFile(join(dir, "src.png"), bytes);
    const meta = { sha256: sha(bytes), size: bytes.length, generation: "gen_1", extension: "png" };
    await store().put(HASH, join(dir, "src.png"), meta);
    expect((await readdir(join(dir, "cache", "ab"))).sort()).toEqual([HASH, `${HASH}.json`]);

    const target = join(dir, "out", "deep", "restored.png");
    expect(await store().restore(HASH, at(target))).toEqual(meta);
    expect(await readFile(target)).toEqual(bytes);
    expect(warnings).toEqual([]);
  });

  it("replaces an entry put again, and one a crash left without its meta, whole", async () => {
    const other = Buffer.concat([PNG, Buffer.from("second render")]);
    await writeFile(join(dir, "first.png"), PNG);
    await writeFile(join(dir, "second.png"), other);
    const metaOf = (bytes: Buffer, generation: string) => ({
      sha256: sha(bytes),
      size: bytes.length,
      generation,
      extension: "png",
    });
    const cache = store();
    await cache.put(HASH, join(dir, "first.png"), metaOf(PNG, "gen_1"));
    await cache.put(HASH, join(dir, "second.png"), metaOf(other, "gen_2"));
    const target = join(dir, "out", "a.png");
    expect(await cache.restore(HASH, at(target))).toEqual(metaOf(other, "gen_2"));
    expect(await readFile(target)).toEqual(other);

    // Bytes without a meta (killed between the two): unfinished, so a miss, then replaced.
    const hash2 = "cd" + "2".repeat(62);
    await cache.put(hash2, join(dir, "first.png"), metaOf(PNG, "gen_3"));
    await rm(join(dir, "cache", "cd", `${hash2}.json`));
    expect(await cache.peek(hash2)).toBeUndefined();
    await cache.put(hash2, join(dir, "second.png"), metaOf(other, "gen_4"));
    expect(await cache.restore(hash2, at(join(dir, "out", "b.png")))).toEqual(
      metaOf(other, "gen_4"),
    );

    // A cache cleared by hand during the run: the entry's folder is made again.
    await rm(join(dir, "cache"), { recursive: true });
    await cache.put(HASH, join(dir, "first.png"), metaOf(PNG, "gen_5"));
    expect((await cache.peek(HASH))?.generation).toBe("gen_5");
    expect((await readdir(join(dir, "cache", "ab"))).sort()).toEqual([HASH, `${HASH}.json`]);
    expect(warnings).toEqual([]);
  });

  it("lists the hashes whose entry has a meta, one listing per entry folder", async () => {
    const withMeta = "ab" + "3".repeat(62);
    const bytesOnly = "ab" + "4".repeat(62);
    const elsewhere = "cd" + "5".repeat(62);
    const absent = "ef" + "6".repeat(62);
    const metaOf = (bytes: Buffer, generation: string) => ({
      sha256: sha(bytes),
      size: bytes.length,
      generation,
      extension: "png",
    });
    expect(await store().listed([withMeta, absent])).toEqual(new Set());
    await writeFile(join(dir, "src.png"), PNG);
    await store().put(withMeta, join(dir, "src.png"), metaOf(PNG, "g1"));
    await store().put(bytesOnly, join(dir, "src.png"), metaOf(PNG, "g2"));
    await rm(join(dir, "cache", "ab", `${bytesOnly}.json`));
    await store().put(elsewhere, join(dir, "src.png"), metaOf(PNG, "g3"));
    const listed = await store().listed([withMeta, bytesOnly, elsewhere, absent, "../../etc"]);
    expect([...listed].sort()).toEqual([withMeta, elsewhere]);
    expect(warnings).toEqual([]);
  });

  it("misses quietly when there is no entry", async () => {
    expect(await store().peek(HASH)).toBeUndefined();
    expect(await store().restore(HASH, at(join(dir, "x.png")))).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("ignores and deletes a corrupt entry with a warning, writing nothing at the target", async () => {
    const bytes = PNG;
    await writeFile(join(dir, "src.png"), bytes);
    const meta = { sha256: sha(bytes), size: bytes.length, generation: "g", extension: "png" };
    await store().put(HASH, join(dir, "src.png"), meta);
    await writeFile(join(dir, "cache", "ab", HASH), "tampered bytes");

    const target = join(dir, "restored.png");
    expect(await store().restore(HASH, at(target))).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/ignored and deleted/);
    expect(await readdir(join(dir, "cache", "ab"))).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.includes("restored"))).toEqual([]);
  });

  it("misses, and keeps the entry, when the target's extension is not the entry's", async () => {
    const bytes = PNG;
    await writeFile(join(dir, "src.png"), bytes);
    const meta = { sha256: sha(bytes), size: bytes.length, generation: "g", extension: "png" };
    await store().put(HASH, join(dir, "src.png"), meta);

    expect(await store().restore(HASH, at(join(dir, "moved.webp")))).toBeUndefined();
    expect((await readdir(dir)).filter((n) => n.includes("moved"))).toEqual([]);
    expect(await store().restore(HASH, at(join(dir, "MOVED.PNG")))).toEqual(meta);
    expect(warnings).toEqual([]);
  });

  it("cachedEntryProbe: a finished entry for the output's format, judged without writing anything", async () => {
    const cache = join(dir, "cache");
    await writeFile(join(dir, "src.png"), PNG);
    const meta = { sha256: sha(PNG), size: PNG.length, generation: "gen_1", extension: "png" };
    await store().put(HASH, join(dir, "src.png"), meta);
    expect(cachedEntryProbe(cache)(HASH, "public/hero.png")).toBe(true);
    expect(cachedEntryProbe(cache)(HASH, "public/hero.webp")).toBe(false);
    expect(cachedEntryProbe(cache)("cd" + "2".repeat(62), "public/hero.png")).toBe(false);
    expect(cachedEntryProbe(cache)("../../etc/passwd", "public/hero.png")).toBe(false);

    // Bytes of another size than the meta says: a render would have to pay, so plan says so.
    await writeFile(join(cache, "ab", HASH), Buffer.concat([PNG, Buffer.from("x")]));
    expect(cachedEntryProbe(cache)(HASH, "public/hero.png")).toBe(false);
    // A meta that is not one of ours (huge, or not JSON) is no entry; and plan leaves it alone.
    await writeFile(join(cache, "ab", HASH), PNG);
    await writeFile(join(cache, "ab", `${HASH}.json`), " ".repeat(8192) + JSON.stringify(meta));
    expect(cachedEntryProbe(cache)(HASH, "public/hero.png")).toBe(false);
    await writeFile(join(cache, "ab", `${HASH}.json`), "{not json");
    expect(cachedEntryProbe(cache)(HASH, "public/hero.png")).toBe(false);
    expect((await readdir(join(cache, "ab"))).sort()).toEqual([HASH, `${HASH}.json`]);
    expect(warnings).toEqual([]);
  });

  it("refuses keys that are not hashes, so a key can never name a path", async () => {
    await expect(store().peek("../../etc")).rejects.toThrow(/not a cache key/);
  });

  it("keeps its state folder out of git", async () => {
    const state = await ensureStateDir(dir);
    await ensureStateDir(dir);
    expect(await readFile(join(state, ".gitignore"), "utf8")).toBe("*\n");
  });
});
