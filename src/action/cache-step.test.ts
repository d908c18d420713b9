/**
 * The local cache (`.agentframer/cache/`) survives every way the Actions cache can end: a save
 * given up at its deadline, a save that fails, a run killed mid-save, and the next run's restore
 * (no hit, failed, given up). On a self-hosted runner whose workspace persists, that cache is the
 * only copy of what earlier runs paid for. And nothing but real folders and plain files crosses
 * `cache-transfer/` either way: a poisoned archive or a planted link is never followed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, lstatSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { recordingHost } from "../../test/support/action-host.js";
import { writeFiles } from "../../test/support/git-remote.js";
import { tempDir } from "../../test/support/temp-dir.js";
import type { CacheBackend } from "./actions-cache.js";
import { restoreCache, saveCache, type RestoredCache } from "./cache-step.js";
import type { ActionDeps } from "./deps.js";
import type { ActionSettings } from "./inputs.js";

const ENTRY = "ab/abcd";

async function workspace(files: Record<string, string> = {}) {
  const dir = await tempDir("af-cache-step-");
  writeFiles(dir, { "agentframer.yml": "version: 1\n", "agentframer.lock": "{}\n", ...files });
  const host = recordingHost({});
  let backend: CacheBackend = {
    available: () => true,
    restore: async () => undefined,
    save: async () => {},
  };
  const deps = {
    host,
    env: { AGENTFRAMER_CACHE_TIMEOUT_MS: "150" },
    cacheBackend: async () => backend,
  } as unknown as ActionDeps;
  const settings = {
    manifest: "agentframer.yml",
    config: { manifestPath: join(dir, "agentframer.yml") },
  } as unknown as ActionSettings;
  return {
    dir,
    host,
    cache: join(dir, ".agentframer/cache"),
    transfer: join(dir, ".agentframer/cache-transfer"),
    use(next: Partial<CacheBackend>) {
      backend = { ...backend, ...next };
      return backend;
    },
    restore: () => restoreCache(deps, settings),
    save: (hit?: string) => saveCache(deps, settings, { backend, keys: {}, hit } as RestoredCache),
  };
}

/** Every path under `root` (relative, sorted), links and FIFOs included, none followed. */
function listing(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      out.push(relative(root, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return out.sort();
}

const never = <T>() => new Promise<T>(() => {});

describe("the local cache across the Actions cache's save and restore", () => {
  it("keeps the local cache when a save is given up at its deadline, and the next run's restores keep it too", async () => {
    const w = await workspace({ [`.agentframer/cache/${ENTRY}`]: "paid-for bytes" });
    let archived: string[] = [];
    w.use({
      save: (path) => {
        archived = listing(path);
        return never();
      },
    });
    await w.save();
    expect(w.host.warnings).toEqual([
      expect.stringMatching(
        /^Saving the cache was given up: the save did not finish within 150 ms/,
      ),
    ]);
    // The save was given what the cache holds …
    expect(archived).toEqual(["ab", ENTRY]);
    // … and the cache is where the tool reads it, as the run ends.
    expect(readFileSync(join(w.cache, ENTRY), "utf8")).toBe("paid-for bytes");

    // The next run on this runner: a restore with no hit, one that fails, one given up.
    w.use({ restore: async () => undefined });
    await w.restore();
    w.use({ restore: () => Promise.reject(new Error("socket hang up")) });
    await w.restore();
    w.use({
      restore: (path) => {
        writeFiles(path, { "cd/cdef": "half of an ent" });
        return never();
      },
    });
    await w.restore();
    expect(listing(w.cache)).toEqual(["ab", ENTRY]);
    expect(readFileSync(join(w.cache, ENTRY), "utf8")).toBe("paid-for bytes");
  });

  it("keeps the local cache when a save fails, and leaves no transfer folder", async () => {
    const w = await workspace({ [`.agentframer/cache/${ENTRY}`]: "paid-for bytes" });
    w.use({ save: () => Promise.reject(new Error("Cache service responded with 503")) });
    await w.save();
    expect(w.host.warnings).toEqual([
      "Saving the cache failed (Cache service responded with 503); the next run may render more.",
    ]);
    expect(readFileSync(join(w.cache, ENTRY), "utf8")).toBe("paid-for bytes");
    expect(existsSync(w.transfer)).toBe(false);
  });

  it("never moves the cache away while a save reads it: a run killed mid-save still has it", async () => {
    const w = await workspace({ [`.agentframer/cache/${ENTRY}`]: "paid-for bytes" });
    // What is on disk while the save runs is what a kill (a cancelled job, a lost runner) leaves.
    let cacheDuringSave: string[] = [];
    w.use({
      save: async () => {
        cacheDuringSave = listing(w.cache);
      },
    });
    await w.save();
    expect(cacheDuringSave).toEqual(["ab", ENTRY]);
    expect(listing(w.cache)).toEqual(["ab", ENTRY]);
    expect(existsSync(w.transfer)).toBe(false);
    expect(w.host.warnings).toEqual([]);
  });

  it("a cache written after a save was given up is not changed by what the save still reads", async () => {
    const w = await workspace({ [`.agentframer/cache/${ENTRY}`]: "paid-for bytes" });
    let staged = "";
    w.use({
      save: (path) => {
        staged = path;
        return never();
      },
    });
    await w.save();
    // The late save's copy goes with the next restore; the cache's own files stay.
    writeFiles(w.cache, { "ef/efgh": "rendered later" });
    await w.restore();
    expect(existsSync(staged)).toBe(false);
    expect(listing(w.cache)).toEqual(["ab", ENTRY, "ef", "ef/efgh"]);
  });
});

describe("what crosses cache-transfer/", () => {
  async function plant(root: string, outside: string): Promise<void> {
    writeFiles(root, { "ab/abcd": "an entry", "durations.json": "{}" });
    symlinkSync(join(outside, "secret"), join(root, "ab/linked"));
    symlinkSync(outside, join(root, "cd"));
    linkSync(join(outside, "secret"), join(root, "ab/hardlinked"));
    execFileSync("mkfifo", [join(root, "ab/fifo")]);
  }

  it("a restored archive's links, hard links to other files and FIFOs never reach the cache, with or without one there", async () => {
    const outside = await tempDir("af-outside-");
    writeFiles(outside, { secret: "not the cache's" });
    const runs: Record<string, string>[] = [{}, { ".agentframer/cache/ef/efgh": "held here" }];
    for (const before of runs) {
      const w = await workspace(before);
      w.use({
        restore: async (path, keys) => {
          await plant(path, outside);
          return keys.key;
        },
      });
      await w.restore();
      const held = Object.keys(before).length > 0;
      expect(listing(w.cache)).toEqual(
        ["ab", "ab/abcd", "durations.json", ...(held ? ["ef", "ef/efgh"] : [])].sort(),
      );
      expect(lstatSync(w.cache).isSymbolicLink()).toBe(false);
      expect(existsSync(w.transfer)).toBe(false);
    }
  });

  it("a save archives only the cache's real folders and plain files, never a link's target", async () => {
    const outside = await tempDir("af-outside-");
    writeFiles(outside, { secret: "not the cache's" });
    const w = await workspace();
    await plant(w.cache, outside);
    let archived: string[] = [];
    w.use({
      save: async (path) => {
        archived = listing(path);
      },
    });
    await w.save();
    expect(archived).toEqual(["ab", "ab/abcd", "durations.json"]);
    // The cache itself is left as it was: the tool's readers refuse what they should not follow.
    expect(readFileSync(join(w.cache, "ab/abcd"), "utf8")).toBe("an entry");
  });
});
