import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LockEntry, Lockfile } from "./lock-types.js";
import {
  emptyLockfile,
  entryLine,
  readLockfile,
  serializeLockfile,
  writeLockfile,
} from "./lockfile.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import { rewriteLockfile } from "./lockfile-rewrite.js";
import { makeAsset } from "../../test/support/assets.js";
import { tempDir } from "../../test/support/temp-dir.js";

const entry = (id: string, generation = `gen_${id}`): LockEntry =>
  lockEntryFor(makeAsset({ id, output: `out/${id}.png` }), {
    sha256: "b".repeat(64),
    size: 10,
    generation,
    renderedAt: new Date("2026-01-02T03:04:05Z"),
  });

function lockOf(ids: string[]): Lockfile {
  const lock = emptyLockfile();
  for (const id of ids) lock.assets[id] = entry(id);
  return lock;
}

/** Ids that stress the line layout: quotes, the separator itself, escapes, non-ASCII, astral. */
const AWKWARD = ['a"b', 'x": {"hash":"y', "back\\slash", "tab\there", "żółw", "🦊 fox", "z"];

describe("rewriteLockfile", () => {
  it("writes exactly what serializeLockfile would, changing and inserting lines in order", async () => {
    const dir = await tempDir("agentframer-rewrite-");
    const path = join(dir, "agentframer.lock");
    const lock = lockOf(["b", "d", "f", ...AWKWARD]);
    await writeLockfile(path, lock);
    lock.assets.d = entry("d", "gen_d_again");
    lock.assets.a = entry("a");
    lock.assets.e = entry("e");
    lock.assets["🦊 fox"] = entry("🦊 fox", "gen_fox_again");
    lock.assets.zz = entry("zz");
    await rewriteLockfile(path, lock, ["zz", "d", "e", "a", "🦊 fox"]);
    const text = await readFile(path, "utf8");
    expect(text).toBe(serializeLockfile(lock));
    expect((await readLockfile(path)).assets).toEqual(lock.assets);
  });

  it("gives serializeLockfile's bytes for any set of changes, in a lock written in many chunks", async () => {
    const dir = await tempDir("agentframer-rewrite-");
    const path = join(dir, "agentframer.lock");
    // 4,000 lines of about 500 bytes: several of serialisation's megabyte chunks.
    const ids = Array.from({ length: 4000 }, (_, i) => `asset-${String(i).padStart(5, "0")}`);
    const lock = lockOf(ids);
    await writeLockfile(path, lock);
    // As serializeLockfile wrote it before it wrote in chunks: one string.
    const lines = ids.map((id) => entryLine(id, lock.assets[id] as LockEntry));
    expect(await readFile(path, "utf8")).toBe(
      `{\n  "version": 1,\n  "assets": {\n${lines.join(",\n")}\n  }\n}\n`,
    );
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    const changeSets = [
      [],
      ["asset-00000"],
      ["asset-03999"],
      ["asset-00000", "asset-00001", "asset-03999", "new-first", "zz-new-last"],
      ids.filter((_, i) => i % 2 === 0),
      ids,
      Array.from({ length: 300 }, () => `asset-${String(random(5000)).padStart(5, "0")}`),
    ];
    for (const [round, changed] of changeSets.entries()) {
      for (const id of changed) lock.assets[id] = entry(id, `gen_${id}_round_${round}`);
      await rewriteLockfile(path, lock, changed);
      expect(await readFile(path, "utf8")).toBe(serializeLockfile(lock));
    }
    expect((await readLockfile(path)).assets).toEqual(lock.assets);
  });

  it("copies the lines of unchanged assets byte for byte, so a diff shows only the change", async () => {
    const dir = await tempDir("agentframer-rewrite-");
    const path = join(dir, "agentframer.lock");
    await writeLockfile(path, lockOf(["a", "b", "c"]));
    // A line a person reformatted (valid JSON, other spacing) is theirs to keep.
    const original = await readFile(path, "utf8");
    const edited = original.replace(/"b": \{"hash":(".*?"),/, '"b": {"hash":$1 ,');
    expect(edited).not.toBe(original);
    await writeFile(path, edited);
    const lock = await readLockfile(path);
    lock.assets.c = entry("c", "gen_c_again");
    await rewriteLockfile(path, lock, ["c"]);
    const [before, after] = [edited.split("\n"), (await readFile(path, "utf8")).split("\n")];
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      expect.stringContaining('"gen_c_again"'),
    ]);
  });

  it("serialises the whole lock when the file is not laid out as written, ends otherwise, or holds other ids", async () => {
    const dir = await tempDir("agentframer-rewrite-");
    const path = join(dir, "agentframer.lock");
    const lock = lockOf(["b", "a"]);
    // Pretty-printed (a person, another tool), unsorted, and an id the lock no longer has.
    const lines = serializeLockfile(lock).split("\n");
    const [lineA, lineB] = [lines[3] as string, lines[4] as string];
    const unsorted = [...lines.slice(0, 3), `${lineB},`, lineA.slice(0, -1), ...lines.slice(5)];
    const layouts = [
      `${JSON.stringify(lock, null, 2)}\n`,
      unsorted.join("\n"),
      serializeLockfile(lockOf(["a", "b", "gone"])),
      // Found out only at the end of the file, after the lines before were copied.
      serializeLockfile(lock).slice(0, -3),
      `${serializeLockfile(lock)}{}\n`,
    ];
    for (const layout of layouts) {
      await writeFile(path, layout);
      await rewriteLockfile(path, lock, ["b"]);
      expect(await readFile(path, "utf8")).toBe(serializeLockfile(lock));
    }
  });

  it("writes a new lockfile when there is none", async () => {
    const dir = await tempDir("agentframer-rewrite-");
    const path = join(dir, "agentframer.lock");
    const lock = lockOf(["a"]);
    await rewriteLockfile(path, lock, ["a"]);
    expect(await readFile(path, "utf8")).toBe(serializeLockfile(lock));
  });
});
